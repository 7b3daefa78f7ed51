#include <azcore/pipeline/pipeline_context.hpp>

namespace azcore::pipeline {

void PipelineContext::set(std::string key, std::any value) {
    for (auto& [name, existing] : data_) {
        if (name == key) {
            existing = std::move(value);
            return;
        }
    }
    if (data_.capacity() == 0) data_.reserve(8);  // a run sets a handful: one allocation, not four
    data_.emplace_back(std::move(key), std::move(value));
}

bool PipelineContext::contains(std::string_view key) const {
    for (const auto& item : data_)
        if (item.first == key) return true;
    return false;
}

void PipelineContext::erase(std::string_view key) {
    std::erase_if(data_, [&](const auto& item) { return item.first == key; });
}

}  // namespace azcore::pipeline
