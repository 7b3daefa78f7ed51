#include <azcore/pipeline/http_policy.hpp>

#include <azcore/pipeline/async_http_policy.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/http_transport.hpp>

#include "rest/request_validation.hpp"
#include "utils/capture.hpp"

#include <cstddef>
#include <exception>
#include <stdexcept>

namespace azcore::pipeline {

namespace {

// A run of SansIO policies around the rest of the chain, with the hooks in the order nested sends
// (Python's _SansIOHTTPPolicyRunner) call them: on_request front to back; then, back to front
// from the last policy whose on_request returned, on_response, or on_exception while an exception
// is on its way out (a hook that throws replaces it for the policies before it).

// The on_request hooks; how many returned (the exception, if one threw, goes to error).
template <class At>
std::size_t enter(const At& at, std::size_t count, PipelineRequest& request, std::exception_ptr& error) {
    std::size_t entered = 0;
    try {
        for (; entered < count; ++entered) at(entered).on_request(request);
    } catch (...) {
        error = std::current_exception();
    }
    return entered;
}

// The on_response / on_exception hooks of the entered policies, then the response or the rethrow.
template <class At>
PipelineResponse leave(const At& at, std::size_t entered, PipelineRequest& request,
                       azcore::detail::Outcome<PipelineResponse>& outcome) {
    for (std::size_t i = entered; i-- > 0;) {
        try {
            if (outcome.error) {
                // In a handler, as Python's sys.exc_info(): on_exception sees std::current_exception().
                try {
                    std::rethrow_exception(outcome.error);
                } catch (...) {
                    at(i).on_exception(request);
                }
            } else {
                at(i).on_response(request, *outcome.value);
            }
        } catch (...) {
            outcome.error = std::current_exception();
        }
    }
    return std::move(outcome).get();
}

template <class At>
PipelineResponse send_around(At at, std::size_t count, PipelineRequest& request, NextPolicy next) {
    azcore::detail::Outcome<PipelineResponse> outcome;
    const std::size_t entered = enter(at, count, request, outcome.error);
    if (!outcome.error) outcome = azcore::detail::capture([&] { return next.send(request); });
    return leave(at, entered, request, outcome);
}

template <class At>
net::awaitable<PipelineResponse> async_send_around(At at, std::size_t count, PipelineRequest& request, NextPolicy next) {
    azcore::detail::Outcome<PipelineResponse> outcome;
    const std::size_t entered = enter(at, count, request, outcome.error);
    if (!outcome.error) {
        AZCORE_AWAIT_CAPTURE(outcome, next.async_send(request))
    }
    co_return leave(at, entered, request, outcome);
}

// One policy, called directly.
struct OnlyOne {
    const SansIOHTTPPolicy* policy;
    const SansIOHTTPPolicy& operator()(std::size_t) const { return *policy; }
};

net::awaitable<PipelineResponse> transport_send(PipelineRequest& request, transport::HttpTransport& transport) {
    if (!transport.checks_requests()) rest::detail::validate_request(*request.http_request);
    std::shared_ptr<rest::HttpResponseBase> response = co_await transport.async_send(request.http_request, request.context->options);
    co_return PipelineResponse{request.http_request, std::move(response), request.context};
}

}  // namespace

auto NextPolicy::run_at() const {
    return [policies = rest_](std::size_t i) -> const SansIOHTTPPolicy& { return *policies[i]->as_sans_io(); };
}

std::size_t NextPolicy::sans_io_run() const {
    std::size_t run = 0;
    while (run < rest_.size() && rest_[run]->as_sans_io() != nullptr) ++run;
    return run;
}

PipelineResponse NextPolicy::send(PipelineRequest& request) const {
    if (rest_.empty()) {
        if (!transport_->checks_requests()) rest::detail::validate_request(*request.http_request);
        std::shared_ptr<rest::HttpResponseBase> response = transport_->send(request.http_request, request.context->options);
        return PipelineResponse{request.http_request, std::move(response), request.context};
    }
    if (const std::size_t run = sans_io_run(); run > 0)
        return send_around(run_at(), run, request, NextPolicy(rest_.subspan(run), *transport_));
    return rest_.front()->send(request, NextPolicy(rest_.subspan(1), *transport_));
}

// Not a coroutine: the next step's awaitable is handed to the caller, who awaits it at once (one
// coroutine frame per policy that is not SansIO, one per run of SansIO policies).
net::awaitable<PipelineResponse> NextPolicy::async_send(PipelineRequest& request) const {
    if (rest_.empty()) return transport_send(request, *transport_);
    if (const std::size_t run = sans_io_run(); run > 0)
        return async_send_around(run_at(), run, request, NextPolicy(rest_.subspan(run), *transport_));
    return rest_.front()->async_send(request, NextPolicy(rest_.subspan(1), *transport_));
}

void SansIOHTTPPolicy::on_request(PipelineRequest&) const {}
void SansIOHTTPPolicy::on_response(PipelineRequest&, PipelineResponse&) const {}
void SansIOHTTPPolicy::on_exception(PipelineRequest&) const {}

PipelineResponse SansIOHTTPPolicy::send(PipelineRequest& request, NextPolicy next) const {
    return send_around(OnlyOne{this}, 1, request, next);
}

net::awaitable<PipelineResponse> SansIOHTTPPolicy::async_send(PipelineRequest& request, NextPolicy next) const {
    return async_send_around(OnlyOne{this}, 1, request, next);
}

PipelineResponse AsyncHTTPPolicy::send(PipelineRequest&, NextPolicy) const {
    throw std::logic_error("this policy only runs in async pipelines: use async_run / AsyncPipelineClient");
}

}  // namespace azcore::pipeline
