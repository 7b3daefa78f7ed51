// The README's "Logging and settings" example, with a MockTransport and a captured stream.
#include <azcore/configuration.hpp>
#include <azcore/logging/logger.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/policies/network_trace_logging_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/settings.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace azcore {
namespace {

TEST(LoggingReadmeExample, LogsThroughAStreamHandlerAtTheLevelOfTheSettings) {
    namespace logging = azcore::logging;
    std::ostringstream out;
    auto handler = std::make_shared<logging::StreamHandler>(out);
    logging::get_logger("azure").add_handler(handler);
    // The handler writes to `out`: it must go even if a step below throws.
    struct Cleanup {
        std::shared_ptr<logging::StreamHandler> handler;
        ~Cleanup() {
            logging::get_logger("azure").remove_handler(handler);
            azcore::settings.log_level.unset_value();
        }
    } cleanup{handler};
    azcore::settings.log_level.set_value("info");

    azcore::Configuration config;
    config.logging_policy = std::make_shared<azcore::policies::NetworkTraceLoggingPolicy>();
    config.http_logging_policy = std::make_shared<azcore::policies::HttpLoggingPolicy>(
        azcore::policies::HttpLoggingPolicyOptions{.additional_allowed_query_params = {"comp"}});
    auto transport = std::make_shared<transport::MockTransport>(
        [](const transport::RecordedRequest&) -> transport::MockTransport::Outcome {
            return transport::MockResponse{.status_code = 200, .body = to_bytes("[]")};
        });
    azcore::PipelineClient client("https://myservice.example", {.transport = transport, .config = config});
    client.send_request(azcore::rest::HttpRequest("GET", "/items?api-version=2024-01-01&comp=list&sig=s3cret"));
    const std::string info_output = out.str();

    azcore::settings.log_level.set_value("verbose");  // DEBUG
    client.send_request(azcore::rest::HttpRequest("GET", "/items"), {.kwargs = {{"logging_enable", true}}});
    const std::string debug_output = out.str().substr(info_output.size());


    EXPECT_TRUE(info_output.starts_with("INFO:azure.core.pipeline.policies.http_logging_policy:Request URL: "
                                        "'https://myservice.example/items?api-version=2024-01-01&comp=list&sig=REDACTED'\n"
                                        "Request method: 'GET'\n"))
        << info_output;
    EXPECT_EQ(info_output.find("DEBUG:"), std::string::npos) << info_output;
    EXPECT_NE(debug_output.find("DEBUG:azure.core.pipeline.policies._universal:Request URL: 'https://myservice.example/items'"),
              std::string::npos)
        << debug_output;
    EXPECT_NE(debug_output.find("Response content:\n[]"), std::string::npos) << debug_output;
}

}  // namespace
}  // namespace azcore
