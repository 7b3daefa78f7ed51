#pragma once
// Writing a response to standard output: its head (--include) and its body.
#include <boost/json/value.hpp>

namespace azcore::rest {
class HttpResponse;
}

namespace azrest {

/// How stdout is written to.
struct OutputStyle {
    /// ANSI colours in JSON (a terminal, NO_COLOR unset).
    bool colour = false;
};

/// Whether the response's Content-Type is JSON (application/json, or a +json type).
bool is_json(const azcore::rest::HttpResponse& response);

/// "HTTP/1.1 200 OK", each header as "Name: value", then an empty line.
void write_response_head(const azcore::rest::HttpResponse& response);

/// The body: JSON pretty-printed (coloured per style), anything else written as the bytes received
/// (streamed when the response was). The one place a body reaches stdout.
void write_response_body(azcore::rest::HttpResponse& response, const OutputStyle& style);

/// A JSON value as write_response_body prints it, followed by a newline.
void write_json(const boost::json::value& value, const OutputStyle& style);

}  // namespace azrest
