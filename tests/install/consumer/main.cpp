// A program built against an installed azcore: builds a client on a mock transport and sends, and
// makes the libcurl transport (not used: it makes the link need libcurl, as a real client's does).
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/curl_transport.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <iostream>

int main() {
    auto curl_transport = std::make_shared<azcore::transport::CurlTransport>();
    auto transport = std::make_shared<azcore::transport::MockTransport>(
        [](const azcore::transport::RecordedRequest& request) {
            // Text, labelled so: the default ContentDecodePolicy reads an unlabelled body as JSON.
            return azcore::transport::MockResponse{
                .status_code = 200, .headers = {{"Content-Type", "text/plain"}}, .body = azcore::to_bytes(request.url)};
        });
    azcore::PipelineClient client("https://example.invalid", {.transport = transport});
    auto response = client.send_request(azcore::rest::HttpRequest("GET", "/installed"));
    std::cout << response->text() << '\n';
    return response->text() == "https://example.invalid/installed" ? 0 : 1;
}
