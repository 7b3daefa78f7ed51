// URL templates: line 1 is a base URL, line 2 a URL template, each further line "name=value" an
// argument (the value is quoted with quote_path_segment before use). format_url_section and
// format_url_for never crash and refuse only with std::invalid_argument; a filled section has no
// placeholder of an argument left; with a base URL that Boost.URL parses as absolute and a template
// of URL characters, the result parses as a URL too (unless it holds a literal brace from "{{").
// Every value and line is also quoted (quote, quote_plus, quote_path_segment, quote_query_value)
// and the result is valid percent-encoding that decodes back to the input.
#include "fuzz_support.hpp"

#include <azcore/utils/format_url.hpp>
#include <azcore/utils/url_encoding.hpp>

#include <boost/url/decode_view.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

namespace {

// quoted is valid percent-encoding of nothing but unreserved characters and %XX, and decodes to text.
void check_round_trip(std::string_view text, const std::string& quoted, bool space_as_plus, std::string_view safe) {
    for (char c : quoted) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           std::string_view("_.-~%").find(c) != std::string_view::npos ||
                           (space_as_plus && c == '+') || (c != '\0' && safe.find(c) != std::string_view::npos);
        AZCORE_FUZZ_CHECK(plain);
    }
    const auto pct = boost::urls::make_pct_string_view(quoted);
    AZCORE_FUZZ_CHECK(pct.has_value());
    boost::urls::encoding_opts options;
    options.space_as_plus = space_as_plus;
    std::string decoded;
    for (char c : boost::urls::decode_view(*pct, options)) decoded.push_back(c);
    AZCORE_FUZZ_CHECK(decoded == text);
}

bool is_url_template_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("/?=&_.-~{}").find(c) != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto lines = azcore::fuzz::lines(azcore::fuzz::as_text(data, size));
    const std::string base_url(lines.empty() ? std::string_view{} : lines[0]);
    const std::string url_template(lines.size() < 2 ? std::string_view{} : lines[1]);
    std::map<std::string, std::string> arguments;
    for (std::size_t i = 2; i < lines.size(); ++i) {
        const std::size_t eq = lines[i].find('=');
        const std::string_view value = eq == std::string_view::npos ? std::string_view{} : lines[i].substr(eq + 1);
        arguments[std::string(lines[i].substr(0, eq))] = azcore::utils::quote_path_segment(value);
        check_round_trip(value, azcore::utils::quote_path_segment(value), false, "");
        check_round_trip(value, azcore::utils::quote_query_value(value), false, "");
        check_round_trip(value, azcore::utils::quote(value), false, "/");
        check_round_trip(value, azcore::utils::quote_plus(value), true, "");
    }
    check_round_trip(url_template, azcore::utils::quote(url_template, ""), false, "");

    try {
        const std::string section = azcore::format_url_section(url_template, arguments);
        for (const auto& [name, value] : arguments) {
            (void)value;
            if (url_template.find("{{") == std::string::npos) AZCORE_FUZZ_CHECK(section.find("{" + name + "}") == std::string::npos);
        }
    } catch (const std::invalid_argument&) {
    }

    try {
        const std::string url = azcore::format_url_for(base_url, url_template, arguments);
        const bool template_plain = std::all_of(url_template.begin(), url_template.end(), is_url_template_char);
        const bool base_plain = base_url.find_first_of("{}") == std::string::npos &&
                                boost::urls::parse_absolute_uri(base_url).has_value();
        if (template_plain && base_plain && url.find_first_of("{}") == std::string::npos) {
            AZCORE_FUZZ_CHECK(boost::urls::parse_uri(url).has_value());
        }
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
