#include <azcore/utils/http_date.hpp>

#include "serialization/calendar.hpp"

namespace azcore::utils {

std::string format_http_date(std::chrono::sys_seconds time) { return serialization::detail::format_imf_fixdate(time); }

}  // namespace azcore::utils
