#pragma once
// The OpenTelemetry SDK environment variables azcore's tracing SDK reads (OTEL_BSP_*,
// OTEL_EXPORTER_OTLP_*, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES). A bad value is logged as a
// warning on "azcore.tracing.sdk" and ignored, so that the default applies.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::tracing::sdk::detail {

inline constexpr std::string_view sdk_logger_name = "azcore.tracing.sdk";

/// The variable's value; nullopt when it is unset or empty (OpenTelemetry treats both alike).
std::optional<std::string> env_text(const char* name);
/// A whole non-negative decimal number; nullopt (with a warning naming the variable) otherwise.
std::optional<std::uint64_t> env_unsigned(const char* name);
/// The first of the variables that is set.
std::optional<std::string> env_text_first(const char* first, const char* second);

/// "key1=value1,key2=value2" (OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES): entries split
/// on ',' and at their first '=', spaces around keys and values trimmed, values percent-decoded.
/// An entry without '=', with an empty key or a bad percent escape is skipped with a warning naming
/// the variable and the entry's position (never its value, which may be a secret).
std::vector<std::pair<std::string, std::string>> parse_key_value_list(std::string_view text, std::string_view variable);

}  // namespace azcore::tracing::sdk::detail
