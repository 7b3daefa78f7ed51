#pragma once
// The exception tree of `azure.core.exceptions`, one class per Python class, same names.
#include <azcore/request_history.hpp>

#include <boost/json/value.hpp>

#include <any>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace azcore::rest {
class HttpRequest;
class HttpResponseBase;
}  // namespace azcore::rest

namespace azcore::exceptions {

/// Python's keyword arguments of AzureError.
struct AzureErrorOptions {
    /// The exception that caused this one (Python's `error=`, read back as inner_exception()).
    std::exception_ptr error{};
    /// A token to resume the operation that failed (paging, long-running operations).
    std::optional<std::string> continuation_token{};
    /// The transport's error code, when there is one.
    std::error_code error_code{};
};

/// The base of every azcore error. what() is the message.
class AzureError : public std::runtime_error {
public:
    /// An error with message as its message() and what().
    explicit AzureError(std::string message, AzureErrorOptions options = {});

    /// The message the error was raised with.
    const std::string& message() const noexcept { return message_; }
    /// The exception that caused this one (the `error` option); null when none.
    const std::exception_ptr& inner_exception() const noexcept { return inner_exception_; }
    /// A token to resume the failed operation from; nullopt when it cannot be resumed.
    const std::optional<std::string>& continuation_token() const noexcept { return continuation_token_; }
    /// Sets the continuation token (a poller or pager adds it when the error passes through it).
    void set_continuation_token(std::optional<std::string> token) { continuation_token_ = std::move(token); }
    /// The transport's error code; empty when the error did not come from the transport.
    const std::error_code& error_code() const noexcept { return error_code_; }

protected:
    /// For subclasses whose what() says more than the message (HttpResponseError).
    AzureError(std::string message, const std::string& what, AzureErrorOptions options);

private:
    std::string message_;
    std::exception_ptr inner_exception_;
    std::optional<std::string> continuation_token_;
    std::error_code error_code_;
};

/// The request could not be sent (connection refused, DNS, TLS handshake): safe to retry.
class ServiceRequestError : public AzureError {
public:
    using AzureError::AzureError;
};

/// A timeout before the request was sent.
class ServiceRequestTimeoutError : public ServiceRequestError {
public:
    using ServiceRequestError::ServiceRequestError;
};

/// The request was sent but no usable response came back: retry only idempotent requests.
class ServiceResponseError : public AzureError {
public:
    using AzureError::AzureError;
};

/// A timeout while waiting for the response.
class ServiceResponseTimeoutError : public ServiceResponseError {
public:
    using ServiceResponseError::ServiceResponseError;
};

class ODataV4Format;

/// How an error body is read (Python's `error_format=`, which takes a class): a factory from the
/// body's JSON to the format, throwing when the body is not one. Empty means ODataV4Format.
using ErrorFormat = std::function<std::shared_ptr<const ODataV4Format>(const boost::json::value&)>;

/// The ErrorFormat of a format type: error_format<ARMErrorFormat>() reads as Python's
/// error_format=ARMErrorFormat.
template <class Format>
ErrorFormat error_format() {
    return [](const boost::json::value& json) -> std::shared_ptr<const ODataV4Format> {
        return std::make_shared<const Format>(json);
    };
}

/// An OData v4 error body: {"error": {"code", "message", "target", "details": [...], "innererror": {...}}}.
/// The base of every error format: a derived format adds fields and overrides str().
class ODataV4Format {
public:
    /// Reads json, or its "error" member when it has one. std::invalid_argument when it is not an
    /// object or has neither a code nor a message. Details that are not valid are skipped.
    explicit ODataV4Format(const boost::json::value& json);
    virtual ~ODataV4Format() = default;

    /// The values as text (a non-string JSON value is shown serialised); nullopt when absent.
    ///@{
    const std::optional<std::string>& code() const noexcept { return code_; }
    const std::optional<std::string>& message() const noexcept { return message_; }
    const std::optional<std::string>& target() const noexcept { return target_; }
    ///@}
    /// The details, each read with the same format as this error (Python's self.__class__).
    const std::vector<std::shared_ptr<const ODataV4Format>>& details() const noexcept { return details_; }
    /// The "innererror" value; null when absent.
    const boost::json::value& innererror() const noexcept { return innererror_; }

    /// Python's str(): "({code}) {message}\n{message_details()}"; an absent value shows as None.
    virtual std::string str() const;
    /// "Code: …\nMessage: …" then "\nTarget: …", "\nException Details:" with each detail's str()
    /// indented by a tab, and "\nInner error: " + the inner error as JSON indented by 4, when present.
    std::string message_details() const;

protected:
    /// Copyable by derived formats only (no slicing through the base).
    ///@{
    ODataV4Format(const ODataV4Format&) = default;
    ODataV4Format& operator=(const ODataV4Format&) = default;
    ///@}
    /// For a derived format: its details are read with detail_format.
    ODataV4Format(const boost::json::value& json, const ErrorFormat& detail_format);
    /// json's "error" member when it has one, else json (the node every format reads).
    static const boost::json::object& error_node(const boost::json::value& json);

private:
    std::optional<std::string> code_;
    std::optional<std::string> message_;
    std::optional<std::string> target_;
    std::vector<std::shared_ptr<const ODataV4Format>> details_;
    boost::json::value innererror_;
};

/// Python's keyword arguments of HttpResponseError.
struct HttpResponseErrorOptions {
    /// The exception that caused this one (read back as inner_exception()).
    std::exception_ptr error{};
    /// The deserialised error model of the operation, if the caller has one (any copyable type;
    /// read back with HttpResponseError::model<T>()).
    std::any model{};
    /// A token to resume the operation that failed.
    std::optional<std::string> continuation_token{};
    /// The transport's error code (e.g. an IncompleteReadError raised while reading the body).
    std::error_code error_code{};
    /// How the body is read as an error (e.g. error_format<ARMErrorFormat>()); empty: OData v4.
    ErrorFormat error_format{};
};

/// A response came back with a status the operation does not accept.
///
/// message(): the error of the body (read with the error_format option) when it parses as one, else the given message, else
/// "Operation returned an invalid status '{reason}'". what(): the message, followed by
/// "\nContent: {body}" when the body was read, is not empty and is not an OData error, cut to 2048
/// characters.
class HttpResponseError : public AzureError {
public:
    /// The error of response; message is used when the body is not an error of the format (nullopt:
    /// the default message).
    HttpResponseError(std::optional<std::string> message, std::shared_ptr<rest::HttpResponseBase> response,
                      HttpResponseErrorOptions options = {});
    /// The error of response, with the message read from its body or the default one.
    explicit HttpResponseError(std::shared_ptr<rest::HttpResponseBase> response, HttpResponseErrorOptions options = {});

    /// The response's status code; nullopt without a response.
    std::optional<int> status_code() const noexcept { return status_code_; }
    /// The response's reason phrase; nullopt without a response.
    const std::optional<std::string>& reason() const noexcept { return reason_; }
    /// The response that failed; may be null.
    const std::shared_ptr<rest::HttpResponseBase>& response() const noexcept { return response_; }
    /// The body read with the error format (OData v4 by default), when it is one; else null.
    const std::shared_ptr<const ODataV4Format>& error() const noexcept { return error_; }
    /// error() as a Format (e.g. ARMErrorFormat): nullptr when there is none or it is another format.
    template <class Format>
    const Format* error_as() const noexcept {
        return dynamic_cast<const Format*>(error_.get());
    }
    /// The error model given as the `model` option, as a T: nullptr when there is none or it is
    /// not a T (Python's `model`, typed).
    template <class T>
    const T* model() const noexcept {
        return model_ ? std::any_cast<T>(model_.get()) : nullptr;
    }
    /// Whether a `model` option was given.
    bool has_model() const noexcept { return model_ != nullptr; }

private:
    struct Parts;
    static Parts make_parts(std::optional<std::string> message, const std::shared_ptr<rest::HttpResponseBase>& response,
                            const ErrorFormat& error_format);
    HttpResponseError(Parts parts, std::shared_ptr<rest::HttpResponseBase> response, HttpResponseErrorOptions& options);

    std::optional<int> status_code_;
    std::optional<std::string> reason_;
    std::shared_ptr<rest::HttpResponseBase> response_;
    std::shared_ptr<const ODataV4Format> error_;
    std::shared_ptr<const std::any> model_;  // shared: the exception is copied when thrown
};

/// The response body could not be decoded (bad JSON, corrupt compression…).
class DecodeError : public HttpResponseError {
public:
    using HttpResponseError::HttpResponseError;
};

/// The connection ended before the whole body arrived.
class IncompleteReadError : public DecodeError {
public:
    using DecodeError::DecodeError;
};

/// The resource already exists (a client's ErrorMap maps e.g. 409 to it; the pipeline never raises it).
class ResourceExistsError : public HttpResponseError {
public:
    using HttpResponseError::HttpResponseError;
};

/// The resource does not exist (typically 404, or 412 on an update).
class ResourceNotFoundError : public HttpResponseError {
public:
    using HttpResponseError::HttpResponseError;
};

/// The resource changed since it was read: a condition such as If-Match failed (typically 412).
class ResourceModifiedError : public HttpResponseError {
public:
    using HttpResponseError::HttpResponseError;
};

/// The resource is unchanged: a condition such as If-None-Match held (typically 304).
class ResourceNotModifiedError : public HttpResponseError {
public:
    using HttpResponseError::HttpResponseError;
};

/// The request was not authenticated or not authorised (typically 401 or 403).
class ClientAuthenticationError : public HttpResponseError {
public:
    using HttpResponseError::HttpResponseError;
};

/// "Reached maximum redirect attempts.", with every try that was made.
class TooManyRedirectsError : public HttpResponseError {
public:
    /// The error after the tries in history; response() is null, the responses are in the history.
    explicit TooManyRedirectsError(std::vector<RequestHistory> history, HttpResponseErrorOptions options = {});
    /// Every try, in order, with its request and response.
    const std::vector<RequestHistory>& history() const noexcept { return history_; }

private:
    std::vector<RequestHistory> history_;
};

/// An HttpResponseError whose body is an OData v4 error; what() is that error's text when it parses.
class ODataV4Error : public HttpResponseError {
public:
    /// Reads response's body as an OData v4 error, when it is one.
    explicit ODataV4Error(std::shared_ptr<rest::HttpResponseBase> response, HttpResponseErrorOptions options = {});

    /// The body parsed as JSON, when it is JSON.
    const std::optional<boost::json::value>& odata_json() const noexcept { return odata_json_; }
    /// The fields of the OData error (ODataV4Format), empty when the body is not one.
    ///@{
    std::optional<std::string> code() const;
    std::optional<std::string> target() const;
    std::vector<std::shared_ptr<const ODataV4Format>> details() const;
    boost::json::value innererror() const;
    ///@}

private:
    ODataV4Error(std::optional<boost::json::value> json, std::shared_ptr<rest::HttpResponseBase> response,
                 HttpResponseErrorOptions options);
    std::optional<boost::json::value> odata_json_;
};

/// The body of the response was already read as a stream.
class StreamConsumedError : public AzureError {
public:
    /// The error for response, which it keeps (shared) or describes (by reference).
    ///@{
    explicit StreamConsumedError(std::shared_ptr<rest::HttpResponseBase> response);
    explicit StreamConsumedError(const rest::HttpResponseBase& response);
    ///@}
    /// The response; null when constructed from a reference.
    const std::shared_ptr<rest::HttpResponseBase>& response() const noexcept { return response_; }

private:
    std::shared_ptr<rest::HttpResponseBase> response_;
};

/// The response was closed before its body was read.
class StreamClosedError : public AzureError {
public:
    /// The error for response, which it keeps (shared) or describes (by reference).
    ///@{
    explicit StreamClosedError(std::shared_ptr<rest::HttpResponseBase> response);
    explicit StreamClosedError(const rest::HttpResponseBase& response);
    ///@}
    /// The response; null when constructed from a reference.
    const std::shared_ptr<rest::HttpResponseBase>& response() const noexcept { return response_; }

private:
    std::shared_ptr<rest::HttpResponseBase> response_;
};

/// content() was asked for before read().
class ResponseNotReadError : public AzureError {
public:
    /// The error for response, which it keeps (shared) or describes (by reference).
    ///@{
    explicit ResponseNotReadError(std::shared_ptr<rest::HttpResponseBase> response);
    explicit ResponseNotReadError(const rest::HttpResponseBase& response);
    ///@}
    /// The response; null when constructed from a reference.
    const std::shared_ptr<rest::HttpResponseBase>& response() const noexcept { return response_; }

private:
    std::shared_ptr<rest::HttpResponseBase> response_;
};

/// A value could not be serialised (Python's ValueError subclass).
class SerializationError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// A value could not be deserialised (Python's ValueError subclass).
class DeserializationError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Throws the error a status code maps to.
using ErrorFactory = std::function<void(const std::shared_ptr<rest::HttpResponseBase>&)>;

/// A factory that throws E(response).
template <class E>
ErrorFactory raise_as() {
    return [](const std::shared_ptr<rest::HttpResponseBase>& response) { throw E(response); };
}

/// A factory that throws E(response) with its body read by error_format.
template <class E>
ErrorFactory raise_as(ErrorFormat error_format) {
    return [error_format = std::move(error_format)](const std::shared_ptr<rest::HttpResponseBase>& response) {
        throw E(response, HttpResponseErrorOptions{.error_format = error_format});
    };
}

/// Status code → error (Python's ErrorMap): a code not in errors gets default_error, when set.
struct ErrorMap {
    /// The factory of each status code.
    std::map<int, ErrorFactory> errors{};
    /// The factory for every other status code; empty: none.
    ErrorFactory default_error{};

    /// The factory for status_code, or nullptr when none applies.
    const ErrorFactory* get(int status_code) const;
};

/// Throws the error error_map maps status_code to; does nothing when none applies.
void map_error(int status_code, const std::shared_ptr<rest::HttpResponseBase>& response, const ErrorMap& error_map);

}  // namespace azcore::exceptions
