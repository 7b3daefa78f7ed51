#pragma once
// Whether a call passed any of a component's options: most calls pass none, and a component that
// finds none of its names takes its configured values without reading each option.
#include <azcore/options/kwargs.hpp>

#include <span>
#include <string_view>

namespace azcore::options::detail {

/// Whether kwargs holds an option under one of names.
inline bool any_given(const Kwargs& kwargs, std::span<const std::string_view> names) {
    for (const auto& item : kwargs)
        for (std::string_view name : names)
            if (item.first == name) return true;
    return false;
}

}  // namespace azcore::options::detail
