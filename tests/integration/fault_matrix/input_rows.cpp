// Rows: a caller's bad input is refused before anything is sent.
#include "fault_matrix/matrix.hpp"

#include <stdexcept>

namespace azcore::test::matrix {

using rest::HttpRequest;

namespace {

// A URL of another scheme: std::invalid_argument naming the scheme, and nothing reaches the
// listener its port is from.
Row direct_row(const ForeignUrl& foreign) {
    return {foreign.label + "IsInvalidArgumentAndConnectsNowhere", [=](Matrix& m) {
                SilentListener listener;
                auto client = m.client();
                const std::string url = foreign.make(listener.port());
                expect_throws<std::invalid_argument>([&] { client->send(HttpRequest("GET", url)); },
                                                     "scheme '" + foreign.scheme + "'");
                EXPECT_FALSE(listener.was_connected()) << url;
                m.expect_still_works(*client);
            }};
}

// A request made by make (on server()): std::invalid_argument containing part, and the server
// accepted no connection.
Row refused_request_row(std::string name, std::function<HttpRequest()> make, std::string part) {
    return {std::move(name), [=](Matrix& m) {
                auto client = m.client();
                const std::size_t accepted = m.server().connections_accepted();
                expect_throws<std::invalid_argument>([&] { client->send(make()); }, part);
                EXPECT_EQ(m.server().connections_accepted(), accepted) << "a connection was made";
                EXPECT_TRUE(m.server().requests().empty()) << "the server received a request";
                m.expect_still_works(*client);
            }};
}

HttpRequest with_header(std::string name, std::string value) {
    return HttpRequest("GET", "/echo", {.headers = {{std::move(name), std::move(value)}}});
}

}  // namespace

std::vector<Row> input_rows() {
    std::vector<Row> rows{
        refused_request_row("HeaderValueWithCrLfIsInvalidArgumentAndNothingIsSent",
                            [] { return with_header("X-Probe", "a\r\nInjected: yes"); }, "header 'X-Probe'"),
        refused_request_row("HeaderValueWithNulIsInvalidArgumentAndNothingIsSent",
                            [] { return with_header("X-Probe", std::string("a\0b", 3)); }, "header 'X-Probe'"),
        refused_request_row("HeaderNameThatIsNotATokenIsInvalidArgumentAndNothingIsSent",
                            [] { return with_header("X Probe", "a"); }, "header name"),
        refused_request_row("MethodWithCrLfIsInvalidArgumentAndNothingIsSent",
                            [] { return HttpRequest("GET /smuggled HTTP/1.1\r\nX-Probe: a", "/echo"); }, "method"),
    };
    // "file:///etc/passwd" has no host: a client joins it to its base URL as a path, as Python's
    // format_url does (TransportSafetyTest checks that the transport itself refuses it).
    for (const ForeignUrl& foreign : foreign_urls())
        if (foreign.label != "FileUrl") rows.push_back(direct_row(foreign));
    return rows;
}

}  // namespace azcore::test::matrix
