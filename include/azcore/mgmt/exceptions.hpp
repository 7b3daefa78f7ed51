#pragma once
// The error format of Azure Resource Manager (Python's azure.mgmt.core.exceptions): OData v4 plus
// "additionalInfo". Pass it as HttpResponseErrorOptions{.error_format =
// exceptions::error_format<ARMErrorFormat>()}.
#include <azcore/exceptions.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace azcore::mgmt::exceptions {

/// One entry of ARM's "additionalInfo": {"type": …, "info": {…}}.
class TypedErrorInfo {
public:
    /// An entry of type with info.
    TypedErrorInfo(std::string type, boost::json::value info);

    /// The entry's "type".
    const std::string& type() const noexcept { return type_; }
    /// The entry's "info" object.
    const boost::json::value& info() const noexcept { return info_; }
    /// Python's str(): "Type: {type}\nInfo: {info as JSON indented by 4}".
    std::string str() const;

private:
    std::string type_;
    boost::json::value info_;
};

/// An ARM error body, at the top or inside "details": an OData v4 error with "additionalInfo".
class ARMErrorFormat : public azcore::exceptions::ODataV4Format {
public:
    /// As ODataV4Format, details read as ARMErrorFormat; std::invalid_argument also when an
    /// additionalInfo entry is not an object with a "type" and an "info".
    explicit ARMErrorFormat(const boost::json::value& json);

    /// The "additionalInfo" entries, in order.
    const std::vector<TypedErrorInfo>& additional_info() const noexcept { return additional_info_; }
    /// ODataV4Format's str(), then "\nAdditional Information:" and each entry's str(), when there
    /// are entries (Python joins the entries with nothing between them).
    std::string str() const override;

private:
    std::vector<TypedErrorInfo> additional_info_;
};

}  // namespace azcore::mgmt::exceptions
