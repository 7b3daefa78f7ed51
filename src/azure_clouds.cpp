#include <azcore/azure_clouds.hpp>

#include <ostream>

namespace azcore {

std::string_view to_string(AzureClouds cloud) noexcept {
    switch (cloud) {
        case AzureClouds::AZURE_PUBLIC_CLOUD: return "AZURE_PUBLIC_CLOUD";
        case AzureClouds::AZURE_CHINA_CLOUD: return "AZURE_CHINA_CLOUD";
        case AzureClouds::AZURE_US_GOVERNMENT: return "AZURE_US_GOVERNMENT";
    }
    return "AzureClouds(?)";
}

std::ostream& operator<<(std::ostream& out, AzureClouds cloud) { return out << to_string(cloud); }

}  // namespace azcore
