#pragma once
// What the sync and async clients share, as Python's generated `_operations` and `aio/_operations`
// share their request builders: the models, the requests, and how a response is read.
#include <azcore/paging.hpp>
#include <azcore/pipeline/pipeline_request.hpp>
#include <azcore/polling/polling_method.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <memory>
#include <optional>
#include <string>

namespace contoso {

/// The api-version every request carries, status requests of an operation included.
inline const std::string api_version = "2022-12-01-preview";

/// An item of list_users.
struct User {
    int id = 0;
    std::string name{};
};

/// The result of begin_generate.
struct GenerationResult {
    std::string data{};
};

/// list_users' options; includePending is sent with every page, the next links lack it.
struct ListUsersOptions {
    std::string select{};
    bool include_pending = false;
};

/// The request of a page of list_users: the first one, or the GET of a next link.
azcore::rest::HttpRequest build_list_users(const ListUsersOptions& options, const std::optional<std::string>& next_link);
/// A page of list_users: its users (`values`) and the link of the next page (`nextLink`).
azcore::paging::PageData<User> extract_users(const std::shared_ptr<azcore::rest::HttpResponseBase>& response);

/// The POST that starts a generation (202 with an Operation-Location).
azcore::rest::HttpRequest build_generate(const std::string& prompt);
/// How a generation is polled: LROBasePolling following Operation-Location every
/// polling_interval seconds (when the service sends no Retry-After), api_version on each poll.
std::shared_ptr<azcore::polling::PollingMethod> generation_polling(double polling_interval);
/// The finished operation's `result`.
GenerationResult generation_result(const azcore::pipeline::PipelineResponse& response);

}  // namespace contoso
