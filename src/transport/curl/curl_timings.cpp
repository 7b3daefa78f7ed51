#include "transport/curl/curl_timings.hpp"

namespace azcore::transport::detail {
namespace {

rest::TransferTimings::Duration time_of(CURL* easy, CURLINFO info) {
    curl_off_t microseconds = 0;
    curl_easy_getinfo(easy, info, &microseconds);
    return rest::TransferTimings::Duration(microseconds);
}

std::uint64_t size_of(CURL* easy, CURLINFO info) {
    curl_off_t bytes = 0;
    curl_easy_getinfo(easy, info, &bytes);
    return static_cast<std::uint64_t>(bytes);
}

std::uint64_t long_of(CURL* easy, CURLINFO info) {
    long value = 0;
    curl_easy_getinfo(easy, info, &value);
    return static_cast<std::uint64_t>(value);
}

}  // namespace

void read_head_timings(CURL* easy, bool tls, rest::TransferTimings& timings) {
    // The connections curl opened for this transfer: none when it reused one, and then nothing
    // was resolved or connected (curl's points for those are then out of order: left empty).
    timings.connection_reused = long_of(easy, CURLINFO_NUM_CONNECTS) == 0;
    if (!*timings.connection_reused) {
        timings.name_lookup = time_of(easy, CURLINFO_NAMELOOKUP_TIME_T);
        timings.connect = time_of(easy, CURLINFO_CONNECT_TIME_T);
        if (tls) timings.tls_handshake = time_of(easy, CURLINFO_APPCONNECT_TIME_T);
    }
    timings.pretransfer = time_of(easy, CURLINFO_PRETRANSFER_TIME_T);
    timings.first_byte = time_of(easy, CURLINFO_STARTTRANSFER_TIME_T);
}

void read_end_timings(CURL* easy, bool tls, rest::TransferTimings& timings) {
    read_head_timings(easy, tls, timings);
    timings.total = time_of(easy, CURLINFO_TOTAL_TIME_T);
    timings.request_body_size = size_of(easy, CURLINFO_SIZE_UPLOAD_T);
    timings.response_header_size = long_of(easy, CURLINFO_HEADER_SIZE);
    timings.response_body_size = size_of(easy, CURLINFO_SIZE_DOWNLOAD_T);
}

}  // namespace azcore::transport::detail
