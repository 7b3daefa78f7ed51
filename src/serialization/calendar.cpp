#include "serialization/calendar.hpp"

namespace azcore::serialization::detail {

void check_serializable(std::chrono::sys_seconds time) {
    if (time >= first_second && time <= last_second) return;
    const std::chrono::year_month_day date(std::chrono::floor<std::chrono::days>(time));
    throw exceptions::SerializationError("Cannot serialize datetime: year " + std::to_string(static_cast<int>(date.year())) +
                                         " is outside 1 to 9999");
}

}  // namespace azcore::serialization::detail
