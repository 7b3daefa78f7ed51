// Rows: what a server can do with a redirect.
#include <azcore/configuration.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/policies/redirect_policy.hpp>

#include "fault_matrix/matrix.hpp"

namespace azcore::test::matrix {

using rest::HttpRequest;
namespace ex = exceptions;

namespace {

std::unique_ptr<DualClient> redirecting_client(Matrix& m) {
    return m.client(Matrix::bounded(), {.config = Configuration{.redirect_policy = std::make_shared<policies::RedirectPolicy>()}});
}

// A 302 to a URL of another scheme: ServiceRequestError naming the scheme, nothing reaches the
// listener its port is from, and the server saw only the redirecting request.
Row redirect_to_row(const ForeignUrl& foreign) {
    return {"RedirectTo" + foreign.label + "IsServiceRequestErrorAndConnectsNowhere", [=](Matrix& m) {
                SilentListener listener;
                auto client = redirecting_client(m);
                const std::string url = foreign.make(listener.port());
                expect_throws<ex::ServiceRequestError>(
                    [&] { client->send(HttpRequest("GET", "/redirect", {.params = {{"to", url}}})); },
                    "scheme '" + foreign.scheme + "'");
                EXPECT_FALSE(listener.was_connected()) << url;
                EXPECT_EQ(m.server().requests().size(), 1u) << url;
                m.expect_still_works(*client);
            }};
}

}  // namespace

std::vector<Row> redirect_rows() {
    std::vector<Row> rows{
        {"RedirectLoopIsTooManyRedirectsErrorAfter31Requests",
         [](Matrix& m) {
             auto client = redirecting_client(m);
             try {
                 client->send(HttpRequest("GET", "/redirect-loop"));
                 ADD_FAILURE() << "no exception";
             } catch (const ex::TooManyRedirectsError& error) {
                 EXPECT_STREQ(error.what(), "Reached maximum redirect attempts.");
                 EXPECT_EQ(error.history().size(), 31u);
             }
             EXPECT_EQ(m.server().requests().size(), 31u);
             m.expect_still_works(*client);
         }},
    };
    for (const ForeignUrl& foreign : foreign_urls()) rows.push_back(redirect_to_row(foreign));
    return rows;
}

}  // namespace azcore::test::matrix
