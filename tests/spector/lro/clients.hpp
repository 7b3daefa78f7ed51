#pragma once
// Clients of Spector's long-running-operation specs (@azure-tools/azure-http-specs azure/core/lro
// standard and rpc), as a generator would emit them on azcore: a begin_ operation sends the initial
// request and returns LROPoller<T> (Sync) or, awaited, AsyncLROPoller<T> (Async), polling with
// LROBasePolling, the spec's final-state-via and the client's polling_interval; given a
// continuation token it resumes the operation instead, as Python's generated begin_ does.
#include "generated_client.hpp"

#include <azcore/configuration.hpp>
#include <azcore/polling/async_lro_poller.hpp>
#include <azcore/polling/lro_poller.hpp>
#include <azcore/polling/polling_method.hpp>

#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace azcore::spector::lro {

/// The api-version of both specs: sent with every request, status requests included.
inline const std::string api_version = "2022-12-01-preview";

/// The poller of a face: LROPoller<T> (Sync) or AsyncLROPoller<T> (Async).
template <class Face, class T>
using Poller = typename Face::template LROPoller<T>;

/// standard's User (its name is read-only: never sent).
struct User {
    std::string name;
    std::string role;
    bool operator==(const User&) const = default;
};
/// standard's ExportedUser.
struct ExportedUser {
    std::string name;
    std::string resource_uri;
    bool operator==(const ExportedUser&) const = default;
};
/// rpc's GenerationOptions and GenerationResult.
struct GenerationOptions {
    std::string prompt;
};
struct GenerationResult {
    std::string data;
    bool operator==(const GenerationResult&) const = default;
};

User tag_invoke(boost::json::value_to_tag<User>, const boost::json::value& json);
ExportedUser tag_invoke(boost::json::value_to_tag<ExportedUser>, const boost::json::value& json);
GenerationResult tag_invoke(boost::json::value_to_tag<GenerationResult>, const boost::json::value& json);

/// Deserialisation callbacks: the final body as T, or its operation status's "result" as T.
template <class T>
T body_as(const pipeline::PipelineResponse& response) {
    return boost::json::value_to<T>(response.http_response->json());
}
template <class T>
T result_as(const pipeline::PipelineResponse& response) {
    return boost::json::value_to<T>(response.http_response->json().at("result"));
}
/// The callback of an operation without a result.
inline void no_result(const pipeline::PipelineResponse&) {}

/// Python's keywords of a generated begin_ operation.
struct BeginOptions {
    /// Resume the operation from this token (from continuation_token()) instead of starting it.
    std::optional<std::string> continuation_token{};
    /// The polling method; unset: LROBasePolling (Python's polling=True). NoPolling is polling=False.
    std::shared_ptr<polling::PollingMethod> polling{};
};

/// The LROBasePolling a begin_ operation polls with: `polling_interval` seconds between status
/// requests, `final_state_via` as the spec says, and api_version on every status link.
std::shared_ptr<polling::PollingMethod> base_polling(double polling_interval, std::string final_state_via);

rest::HttpRequest build_create_or_replace(const std::string& name, const User& resource);
rest::HttpRequest build_delete(const std::string& name);
rest::HttpRequest build_export(const std::string& name, const std::string& format);
rest::HttpRequest build_long_running_rpc(const GenerationOptions& body);

/// What both clients share: the begin step, polling at the configuration's polling_interval.
template <class Face>
class LroClient : public GeneratedClient<Face> {
public:
    template <FaceExecutor... Executor>
    LroClient(std::string endpoint, PipelineClientOptions options, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), std::move(options), executor...) {}

protected:
    /// Resumes from options.continuation_token, or sends initial (raising unless its status is one
    /// of expected); then the poller of the operation.
    template <class T>
    auto begin(rest::HttpRequest initial, std::vector<int> expected, std::string final_state_via,
               polling::DeserializationCallback<T> callback, BeginOptions options) const {
        if (!options.polling)
            options.polling = base_polling(this->pipeline_client().config().polling_interval, std::move(final_state_via));
        if constexpr (std::is_same_v<Face, Sync>) return begin_sync<T>(std::move(initial), std::move(expected), std::move(callback), std::move(options));
        else return begin_async<T>(std::move(initial), std::move(expected), std::move(callback), std::move(options));
    }

private:
    template <class T>
    polling::LROPoller<T> begin_sync(rest::HttpRequest initial, std::vector<int> expected,
                                     polling::DeserializationCallback<T> callback, BeginOptions options) const {
        if (options.continuation_token)
            return polling::LROPoller<T>::from_continuation_token(options.polling, *options.continuation_token,
                                                                  this->pipeline_client(), std::move(callback));
        auto response = this->send(std::move(initial), std::move(expected));
        return polling::LROPoller<T>(this->pipeline_client(), response, std::move(callback), std::move(options.polling));
    }
    template <class T>
    net::awaitable<polling::AsyncLROPoller<T>> begin_async(rest::HttpRequest initial, std::vector<int> expected,
                                                           polling::DeserializationCallback<T> callback,
                                                           BeginOptions options) const {
        if (options.continuation_token)
            co_return polling::AsyncLROPoller<T>::from_continuation_token(options.polling, *options.continuation_token,
                                                                          this->pipeline_client(), std::move(callback));
        auto response = co_await this->send(std::move(initial), std::move(expected));
        co_return polling::AsyncLROPoller<T>(this->pipeline_client(), response, std::move(callback), std::move(options.polling));
    }
};

/// azure/core/lro/standard: a resource's create-or-replace, delete and export.
template <class Face>
class StandardClient : public LroClient<Face> {
public:
    using LroClient<Face>::LroClient;

    /// PUT → 201 with Operation-Location; the result is the resource, read at the original URI.
    auto begin_create_or_replace(const std::string& name, const User& resource, BeginOptions options = {}) const {
        return this->template begin<User>(build_create_or_replace(name, resource), {200, 201}, "original-uri",
                                          body_as<User>, std::move(options));
    }
    /// DELETE → 202 with Operation-Location; no result.
    auto begin_delete(const std::string& name, BeginOptions options = {}) const {
        return this->template begin<void>(build_delete(name), {202}, "operation-location", no_result, std::move(options));
    }
    /// POST :export → 202 with Operation-Location; the result is the operation's "result".
    auto begin_export(const std::string& name, const std::string& format, BeginOptions options = {}) const {
        return this->template begin<ExportedUser>(build_export(name, format), {202}, "operation-location",
                                                  result_as<ExportedUser>, std::move(options));
    }
};

/// azure/core/lro/rpc: a long-running RPC whose result is the operation's "result".
template <class Face>
class RpcClient : public LroClient<Face> {
public:
    using LroClient<Face>::LroClient;

    auto begin_long_running_rpc(const GenerationOptions& body, BeginOptions options = {}) const {
        return this->template begin<GenerationResult>(build_long_running_rpc(body), {202}, "operation-location",
                                                      result_as<GenerationResult>, std::move(options));
    }
};

}  // namespace azcore::spector::lro
