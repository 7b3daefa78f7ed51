#pragma once
// RequestIdPolicy: the x-ms-client-request-id header.
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <optional>
#include <string>

namespace azcore::policies {

/// RequestIdPolicy's keyword arguments, with Python's names and defaults.
struct RequestIdPolicyOptions {
    /// A fixed id for every request (nullopt: none).
    std::optional<std::string> request_id{};
    /// Generate a random id (uuid4) per call when no other id applies.
    bool auto_request_id = true;
    /// The header the id is sent in.
    std::string request_id_header_name = "x-ms-client-request-id";
};

/// Sets the client request id header, once per call (it sits before the retry and redirect
/// policies, so every try and hop carries the same id). Precedence: the per-call `request_id`
/// option (a std::string, always set; an empty std::optional<std::string> sets nothing), else the
/// configured request_id, else a uuid4 when auto_request_id; the last two leave a header the
/// request already has. Python generates uuid1 (time and MAC address); azcore uuid4.
class RequestIdPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// A policy with a fixed id (options.request_id) or a uuid4 per call (options.auto_request_id).
    explicit RequestIdPolicy(RequestIdPolicyOptions options = {});

    /// Sets the id used for every request. For set-up time: not synchronised.
    void set_request_id(std::string value);

    void on_request(pipeline::PipelineRequest& request) const override;
    std::span<const std::string_view> option_names() const override;

    /// The settings in force (request_id as set_request_id last left it).
    ///@{
    const std::optional<std::string>& request_id() const { return request_id_; }
    bool auto_request_id() const { return auto_request_id_; }
    const std::string& request_id_header_name() const { return header_name_; }
    ///@}

private:
    std::optional<std::string> request_id_;
    bool auto_request_id_;
    std::string header_name_;
};

/// A random (version 4) UUID in its 36-character text form.
std::string new_request_id();

}  // namespace azcore::policies
