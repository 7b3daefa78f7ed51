// send_checked, in both faces: an expected status returns the response (a streamed body unread);
// any other raises error_map's error, else HttpResponseError, with a streamed body read first so
// that the error carries it.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/configuration.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/mgmt/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/send_checked.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <boost/asio/io_context.hpp>
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace azcore {
namespace {

using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

/// Sends GET /x to a service answering status with body through send_checked in the face.
std::shared_ptr<rest::HttpResponseBase> send(RunMode mode, int status, std::vector<int> expected, bool stream,
                                             const exceptions::ErrorMap& error_map = {},
                                             const exceptions::ErrorFormat& error_format = {},
                                             std::string body = "the service's words") {
    auto transport = std::make_shared<MockTransport>([status, body](const transport::RecordedRequest&) {
        return MockResponse{.status_code = status,
                            .reason = "Reason",
                            .headers = {{"Content-Type", "text/plain"}},
                            .body = to_bytes(body)};
    });
    const PipelineClientOptions options{.transport = transport, .config = Configuration{}};
    if (mode == RunMode::Sync) {
        PipelineClient client("https://svc.example", options);
        return send_checked(client, rest::HttpRequest("GET", "/x"), expected, {.stream = stream}, error_map, error_format);
    }
    boost::asio::io_context io;
    AsyncPipelineClient client("https://svc.example", io.get_executor(), options);
    std::shared_ptr<rest::AsyncHttpResponse> response = test::run_awaitable(
        io, send_checked(client, rest::HttpRequest("GET", "/x"), expected, {.stream = stream}, error_map, error_format));
    return response;
}

class SendCheckedTest : public ::testing::TestWithParam<RunMode> {};

INSTANTIATE_TEST_SUITE_P(BothFaces, SendCheckedTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const auto& info) { return info.param == RunMode::Sync ? "Sync" : "Async"; });

TEST_P(SendCheckedTest, AnExpectedStatusReturnsTheResponse) {
    auto response = send(GetParam(), 201, {200, 201}, false);
    EXPECT_EQ(response->status_code(), 201);
    EXPECT_EQ(as_string_view(response->content()), "the service's words");
}

TEST_P(SendCheckedTest, AnExpectedStreamedResponseIsLeftUnread) {
    auto response = send(GetParam(), 200, {200}, true);
    EXPECT_FALSE(response->is_stream_consumed());
}

TEST_P(SendCheckedTest, AnUnexpectedStatusRaisesHttpResponseErrorCarryingTheBodyEvenWhenStreamed) {
    for (bool stream : {false, true}) {
        try {
            send(GetParam(), 500, {200}, stream);
            ADD_FAILURE() << "expected HttpResponseError";
        } catch (const exceptions::HttpResponseError& error) {
            EXPECT_EQ(error.status_code(), 500);
            EXPECT_EQ(std::string(error.what()), "Operation returned an invalid status 'Reason'\nContent: the service's words")
                << "stream=" << stream;
        }
    }
}

TEST_P(SendCheckedTest, TheErrorMapChoosesTheErrorOfAStatus) {
    const exceptions::ErrorMap error_map{.errors = {{404, exceptions::raise_as<exceptions::ResourceNotFoundError>()}}};
    EXPECT_THROW(send(GetParam(), 404, {200}, true, error_map), exceptions::ResourceNotFoundError);
    try {
        send(GetParam(), 409, {200}, false, error_map);
        ADD_FAILURE() << "expected HttpResponseError";
    } catch (const exceptions::ResourceNotFoundError&) {
        ADD_FAILURE() << "409 is not in the map";
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 409);
    }
}

TEST_P(SendCheckedTest, TheErrorFormatReadsTheBodyOfTheError) {
    const std::string body = R"({"error": {"code": "Quota", "message": "Too many.", "additionalInfo": [{"type": "T", "info": {"n": 1}}]}})";
    for (bool stream : {false, true}) {
        try {
            send(GetParam(), 409, {200}, stream, {}, exceptions::error_format<mgmt::exceptions::ARMErrorFormat>(), body);
            ADD_FAILURE() << "expected HttpResponseError";
        } catch (const exceptions::HttpResponseError& error) {
            ASSERT_NE(error.error_as<mgmt::exceptions::ARMErrorFormat>(), nullptr) << "stream=" << stream;
            EXPECT_EQ(std::string(error.what()),
                      "(Quota) Too many.\nCode: Quota\nMessage: Too many.\nAdditional Information:Type: T\nInfo: {\n    \"n\": 1\n}");
        }
    }
}

}  // namespace
}  // namespace azcore
