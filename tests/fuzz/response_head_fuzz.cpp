// ResponseHead under adversarial header blocks. The input is cut into lines after each '\n' (each
// handed over with its line ending, as curl's header callback does) until the head ends; the
// result must match a plain model of the final block: header lines since the last status line,
// split at the first colon and trimmed; a framing error exactly when its Content-Length values
// differ; a status of at most three digits; no blank at either end of the reason and the version.
#include "fuzz_support.hpp"

#include "transport/curl/response_head.hpp"
#include "transport/transfer_errors.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace {

using azcore::transport::detail::ResponseHead;
using Entries = std::vector<std::pair<std::string, std::string>>;

std::string_view trim_blank(std::string_view text) {
    constexpr std::string_view blank = " \t\r\n";
    const std::size_t first = text.find_first_not_of(blank);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(blank) - first + 1);
}

bool trimmed(std::string_view text) { return trim_blank(text) == text; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = azcore::fuzz::as_text(data, size);
    ResponseHead head;
    Entries model;
    bool saw_status_line = false;
    ResponseHead::Step step = ResponseHead::Step::more;
    while (!text.empty() && step == ResponseHead::Step::more) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
        text.remove_prefix(line.size());
        if (line.size() > azcore::transport::detail::max_head_line_bytes) {
            AZCORE_FUZZ_CHECK(head.add_line(line) == ResponseHead::Step::line_too_large);
            return 0;
        }
        if (line.starts_with("HTTP/")) {
            model.clear();
            saw_status_line = true;
        } else if (!trim_blank(line).empty()) {
            const std::size_t colon = line.find(':');
            if (colon != std::string_view::npos)
                model.emplace_back(trim_blank(line.substr(0, colon)), trim_blank(line.substr(colon + 1)));
        }
        step = head.add_line(line);
    }

    AZCORE_FUZZ_CHECK(std::equal(head.headers().begin(), head.headers().end(), model.begin(), model.end()));
    AZCORE_FUZZ_CHECK(trimmed(head.reason()) && trimmed(head.http_version()));
    std::vector<std::string> lengths;
    for (const auto& [name, value] : model)
        if (azcore::fuzz::fold(name) == "content-length") lengths.push_back(value);
    const bool conflict = std::adjacent_find(lengths.begin(), lengths.end(), std::not_equal_to<>()) != lengths.end();
    AZCORE_FUZZ_CHECK((head.framing_error() != nullptr) == conflict);
    if (step == ResponseHead::Step::conflicting_lengths) AZCORE_FUZZ_CHECK(conflict);
    if (step == ResponseHead::Step::complete) {
        const int status = head.status_code();
        AZCORE_FUZZ_CHECK(status >= 0 && status <= 999);
        AZCORE_FUZZ_CHECK(status == 0 || status == 101 || status >= 200);
        AZCORE_FUZZ_CHECK(status == 0 || saw_status_line);
        AZCORE_FUZZ_CHECK(!conflict || status < 200);
    }
    return 0;
}
