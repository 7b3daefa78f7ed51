// CloudEvents JSON as a service or a queue delivers it (one event or a batch). from_json returns the
// events or throws DeserializationError; the events azcore writes back read as events that write the
// same JSON (numbers compared as numbers), unless a time's offset moved it out of years 1 to 9999
// (SerializationError when writing).
#include "fuzz_support.hpp"
#include "same_json.hpp"

#include <azcore/messaging/cloud_event.hpp>

#include <boost/json/parse.hpp>

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
        // Only a time an offset moved out of years 1 to 9999, or a number JSON cannot write (a
        // huge exponent reads as infinity), may fail to be written.
        bool out_of_range = false;
        for (const CloudEvent& event : events) {
            if (event.time) {
                const int year = static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(*event.time)).year());
                out_of_range = out_of_range || year < 1 || year > 9999;
            }
            if (const auto* json = std::get_if<boost::json::value>(&event.data)) out_of_range = out_of_range || azcore::fuzz::has_non_finite(*json);
            out_of_range = out_of_range || azcore::fuzz::has_non_finite(event.extensions);
        }
        AZCORE_FUZZ_CHECK(out_of_range);
        return 0;
    }
    // Read back, the events write the same JSON (numbers compared as numbers: Boost.JSON 1.81 reads
    // some doubles a few ulps off, so a data number need not come back bit for bit).
    const std::vector<CloudEvent> reread = CloudEvent::from_json(written);
    AZCORE_FUZZ_CHECK(reread.size() == events.size());
    AZCORE_FUZZ_CHECK(azcore::fuzz::same_json(boost::json::parse(CloudEvent::to_json(reread)), boost::json::parse(written)));
    return 0;
}
