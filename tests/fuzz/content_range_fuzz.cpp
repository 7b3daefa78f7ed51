// Content-Range values of a resumed 206, as a server sends them. A value either gives a range with
// first <= last < total or nothing; a range read back from its canonical form is the same range; a
// value that parses holds only the unit, one space, digits, '-' and '/'; and anything added after
// it, or a space before it, makes it fail.
#include "fuzz_support.hpp"

#include "resume/content_range.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using azcore::detail::parse_content_range;
    const std::string_view value = azcore::fuzz::as_text(data, size);
    const auto range = parse_content_range(value);
    if (!range) return 0;
    AZCORE_FUZZ_CHECK(range->first <= range->last && range->last < range->total);
    const std::string canonical =
        "bytes " + std::to_string(range->first) + "-" + std::to_string(range->last) + "/" + std::to_string(range->total);
    AZCORE_FUZZ_CHECK(parse_content_range(canonical) == range);
    AZCORE_FUZZ_CHECK(value.size() > 6 && value[5] == ' ');
    AZCORE_FUZZ_CHECK(value.substr(6).find_first_not_of("0123456789-/") == std::string_view::npos);
    AZCORE_FUZZ_CHECK(!parse_content_range(std::string(value) + "0/"));
    AZCORE_FUZZ_CHECK(!parse_content_range(std::string(value) + " "));
    AZCORE_FUZZ_CHECK(!parse_content_range(" " + std::string(value)));
    return 0;
}
