#pragma once
// PipelineContext: the per-call options, the transport and the policies' scratch data.
#include <azcore/options/kwargs.hpp>

#include <any>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::transport {
class HttpTransport;
}

namespace azcore::pipeline {

/// What one pipeline run carries besides the request (Python's `PipelineContext`).
class PipelineContext {
public:
    /// The context of a run through transport with these per-call options.
    explicit PipelineContext(transport::HttpTransport& transport, options::Kwargs options = {})
        : options(std::move(options)), transport_(&transport) {}

    /// Per-call options; each policy pops the ones it owns.
    options::Kwargs options;

    /// The transport at the end of the pipeline (for sleeping through it, as Python does).
    transport::HttpTransport& transport() const { return *transport_; }

    /// Scratch data shared by the policies of one run (Python's `context[key]`); nullptr if absent.
    template <class T>
    T* get(std::string_view key) {
        for (auto& [name, value] : data_)
            if (name == key) return std::any_cast<T>(&value);
        return nullptr;
    }
    /// Sets (or replaces) the data under key.
    void set(std::string key, std::any value);
    /// Whether there is data under key.
    bool contains(std::string_view key) const;
    /// Removes the data under key, if any.
    void erase(std::string_view key);

private:
    transport::HttpTransport* transport_;
    std::vector<std::pair<std::string, std::any>> data_;
};

}  // namespace azcore::pipeline
