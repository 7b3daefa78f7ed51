#pragma once
// The polling algorithms LROBasePolling chooses from (Python's `LongRunningOperation` family in
// `azure.core.polling.base_polling`): OperationResourcePolling, LocationPolling, StatusCheckPolling.
#include <azcore/pipeline/pipeline_request.hpp>

#include <optional>
#include <string>

namespace azcore::polling {

/// How one kind of long-running operation is polled. An algorithm keeps the URLs of the operation
/// it was given: one instance per operation.
class LongRunningOperation {
public:
    virtual ~LongRunningOperation() = default;
    /// Whether this algorithm applies to the initial response.
    virtual bool can_poll(const pipeline::PipelineResponse& initial_response) const = 0;
    /// The URL of the next status request.
    virtual std::string get_polling_url() const = 0;
    /// Reads the initial response; the initial status. OperationFailed when it shows a failure.
    virtual std::string set_initial_status(const pipeline::PipelineResponse& initial_response) = 0;
    /// The status a status response shows; BadResponse when it shows none.
    virtual std::string get_status(const pipeline::PipelineResponse& response) = 0;
    /// After success: the URL of the final GET, or nullopt when the last response is the result.
    virtual std::optional<std::string> get_final_get_url(const pipeline::PipelineResponse& response) const = 0;
};

/// The long-running-operation options of the service's definition (Python's lro_options dict,
/// `{"final-state-via": …}`).
struct LroOptions {
    /// Where the result is read once the operation succeeded: "azure-async-operation", "location",
    /// "operation-location" or "original-uri" (any case); empty: the default rules.
    std::string final_state_via{};
};

/// Polls the status monitor named by a header (Python's `OperationResourcePolling`):
/// `Operation-Location` by default, `Azure-AsyncOperation` for ARM-style services. The status is
/// the JSON body's "status" member. The final GET, once succeeded:
/// final-state-via "location" with a Location header → that URL; "azure-async-operation" or
/// "operation-location" on a POST → none (the status monitor's body is the result); "original-uri"
/// → the initial request's URL; otherwise the body's "resourceLocation", else the initial URL for
/// PUT/PATCH, else the Location header for POST, else none.
class OperationResourcePolling : public LongRunningOperation {
public:
    /// std::invalid_argument for an unknown final_state_via.
    explicit OperationResourcePolling(std::string operation_location_header = "operation-location", LroOptions lro_options = {});

    bool can_poll(const pipeline::PipelineResponse& initial_response) const override;
    std::string get_polling_url() const override { return async_url_; }
    /// "InProgress", or the initial body's status when it has one.
    std::string set_initial_status(const pipeline::PipelineResponse& initial_response) override;
    std::string get_status(const pipeline::PipelineResponse& response) override;
    std::optional<std::string> get_final_get_url(const pipeline::PipelineResponse& response) const override;

    /// The header the status link is read from.
    const std::string& operation_location_header() const noexcept { return operation_location_header_; }
    /// The options given to the constructor.
    const LroOptions& lro_options() const noexcept { return lro_options_; }

private:
    std::string operation_location_header_;
    LroOptions lro_options_;
    std::string async_url_;
    std::optional<std::string> location_url_;
    std::string request_method_;
    std::string request_url_;
};

/// Polls the Location header (Python's `LocationPolling`): 202 means in progress, anything else
/// succeeded; each response may move the Location; the last response is the result.
class LocationPolling : public LongRunningOperation {
public:
    bool can_poll(const pipeline::PipelineResponse& initial_response) const override;
    std::string get_polling_url() const override { return location_url_; }
    std::string set_initial_status(const pipeline::PipelineResponse& initial_response) override;
    std::string get_status(const pipeline::PipelineResponse& response) override;
    std::optional<std::string> get_final_get_url(const pipeline::PipelineResponse&) const override { return std::nullopt; }

private:
    std::string location_url_;
};

/// The fallback (Python's `StatusCheckPolling`): succeeded at once, the initial response is the result.
class StatusCheckPolling : public LongRunningOperation {
public:
    bool can_poll(const pipeline::PipelineResponse&) const override { return true; }
    /// std::logic_error: this algorithm never polls.
    std::string get_polling_url() const override;
    std::string set_initial_status(const pipeline::PipelineResponse&) override { return "Succeeded"; }
    std::string get_status(const pipeline::PipelineResponse&) override { return "Succeeded"; }
    std::optional<std::string> get_final_get_url(const pipeline::PipelineResponse&) const override { return std::nullopt; }
};

}  // namespace azcore::polling
