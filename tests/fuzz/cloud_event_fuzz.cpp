// CloudEvents JSON as a service or a queue delivers it (one event or a batch). from_json returns the
// events or throws DeserializationError; the events azcore writes back read as the same events,
// unless a time's offset moved it out of years 1 to 9999 (SerializationError when writing).
#include "fuzz_support.hpp"

#include <azcore/messaging/cloud_event.hpp>

#include <chrono>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using azcore::messaging::CloudEvent;
    std::vector<CloudEvent> events;
    try {
        events = CloudEvent::from_json(azcore::fuzz::as_text(data, size));
    } catch (const azcore::exceptions::DeserializationError&) {
        return 0;
    }
    std::string written;
    try {
        written = CloudEvent::to_json(events);
    } catch (const azcore::exceptions::SerializationError&) {
        bool out_of_range = false;
        for (const CloudEvent& event : events) {
            if (!event.time) continue;
            const int year = static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(*event.time)).year());
            out_of_range = out_of_range || year < 1 || year > 9999;
        }
        AZCORE_FUZZ_CHECK(out_of_range);
        return 0;
    }
    AZCORE_FUZZ_CHECK(CloudEvent::from_json(written) == events);
    return 0;
}
