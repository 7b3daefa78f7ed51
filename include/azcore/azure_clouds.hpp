#pragma once
// AzureClouds: the Azure clouds a client can target (Python's `azure.core.AzureClouds`).
#include <iosfwd>
#include <string_view>

namespace azcore {

/// The Azure cloud a client targets (Python's AzureClouds).
enum class AzureClouds {
    AZURE_PUBLIC_CLOUD,
    AZURE_CHINA_CLOUD,
    AZURE_US_GOVERNMENT,
};

/// The enumerator's name: "AZURE_PUBLIC_CLOUD", ...
std::string_view to_string(AzureClouds cloud) noexcept;
/// Writes to_string(cloud).
std::ostream& operator<<(std::ostream& out, AzureClouds cloud);

}  // namespace azcore
