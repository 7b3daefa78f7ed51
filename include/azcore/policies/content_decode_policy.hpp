#pragma once
// ContentDecodePolicy: deserialises non-streamed response bodies by content type.
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace pugi {
class xml_document;
}

namespace azcore::rest {
class HttpResponseBase;
}

namespace azcore::policies {

/// A deserialised body: nothing (empty body), JSON, an XML document (pugixml) or text. The JSON of
/// a response decoded with its own charset is the response's json() (one parse for both).
using DeserializedData = std::variant<std::monostate, std::shared_ptr<const boost::json::value>,
                                      std::shared_ptr<const pugi::xml_document>, std::string>;

/// Deserialises the body of every non-streamed response (the `stream` option false) and stores
/// it in the context under CONTEXT_NAME ("deserialized_data") as a DeserializedData. The mime
/// type is the Content-Type without parameters, lower-cased, or application/json when there is
/// none. Python raises DecodeError for a mime type that is neither JSON, XML nor text/*; azcore
/// leaves such (binary) bodies alone and stores nothing.
///
/// Per-call option: response_encoding (the text encoding of the body, overriding the charset).
class ContentDecodePolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// The context key the deserialised body is kept under (Python's CONTEXT_NAME).
    static constexpr std::string_view CONTEXT_NAME = "deserialized_data";

    /// A policy decoding text with response_encoding (nullopt: the response's charset).
    explicit ContentDecodePolicy(std::optional<std::string> response_encoding = {});

    /// Decodes data by mime type: empty → monostate; no mime type → the text; application/json,
    /// text/json and any "+json" type → JSON ("JSON is invalid: …"); a type containing "xml" →
    /// XML, or JSON if it is not XML but is JSON ("XML is invalid"); text/* → the text; anything
    /// else: DecodeError "Cannot deserialize content-type: {mime}". Errors carry response (and so
    /// its raw body) when given.
    static DeserializedData deserialize_from_text(std::string_view data, std::optional<std::string_view> mime_type = {},
                                                  std::shared_ptr<rest::HttpResponseBase> response = nullptr);
    /// Decodes a read response by its Content-Type, its text decoded with encoding when given.
    /// Without encoding, JSON is the response's json() (parsed once, shared).
    static DeserializedData deserialize_from_http_generics(const std::shared_ptr<rest::HttpResponseBase>& response,
                                                           std::optional<std::string> encoding = {});

    void on_request(pipeline::PipelineRequest& request) const override;
    void on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const override;
    std::span<const std::string_view> option_names() const override;

    /// The encoding given to the constructor.
    const std::optional<std::string>& response_encoding() const { return response_encoding_; }

private:
    std::optional<std::string> response_encoding_;
};

}  // namespace azcore::policies
