#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

namespace azcore::tracing::sdk {

bool InMemorySpanExporter::export_spans(std::span<const SpanData> spans) {
    std::lock_guard lock(mutex_);
    if (shut_down_) return false;
    spans_.insert(spans_.end(), spans.begin(), spans.end());
    return true;
}

void InMemorySpanExporter::shutdown() {
    std::lock_guard lock(mutex_);
    shut_down_ = true;
}

std::vector<SpanData> InMemorySpanExporter::get_finished_spans() const {
    std::lock_guard lock(mutex_);
    return spans_;
}

void InMemorySpanExporter::clear() {
    std::lock_guard lock(mutex_);
    spans_.clear();
}

std::string format_span_tree(const std::vector<SpanData>& spans) {
    std::vector<const SpanData*> ordered;
    for (const SpanData& span : spans) ordered.push_back(&span);
    std::stable_sort(ordered.begin(), ordered.end(), [](const SpanData* a, const SpanData* b) { return a->start_time < b->start_time; });
    std::map<std::string, const SpanData*> by_id;  // "trace id/span id"
    for (const SpanData* span : ordered) by_id[span->context.trace_id.to_hex() + "/" + span->context.span_id.to_hex()] = span;
    std::multimap<const SpanData*, const SpanData*> children;
    std::vector<const SpanData*> roots;
    for (const SpanData* span : ordered) {
        const auto parent = span->parent.is_valid() ? by_id.find(span->parent.trace_id.to_hex() + "/" + span->parent.span_id.to_hex())
                                                    : by_id.end();
        if (parent == by_id.end()) roots.push_back(span);
        else children.emplace(parent->second, span);
    }
    std::string out;
    std::function<void(const SpanData*, int)> print = [&](const SpanData* span, int depth) {
        const double ms = std::chrono::duration<double, std::milli>(span->end_time - span->start_time).count();
        char duration[32];
        std::snprintf(duration, sizeof duration, "%.1f ms", ms);
        out.append(static_cast<std::size_t>(2 * depth), ' ').append(span->name);
        out.append(" (").append(to_string(span->kind)).append(", ").append(duration).append(")");
        for (const auto& [key, value] : span->attributes) out.append(" ").append(key).append("=").append(to_string(value));
        if (span->status == StatusCode::ERROR) out.append(" [ERROR: ").append(span->status_description).append("]");
        out += '\n';
        const auto [first, last] = children.equal_range(span);
        for (auto child = first; child != last; ++child) print(child->second, depth + 1);
    };
    for (const SpanData* root : roots) print(root, 0);
    return out;
}

}  // namespace azcore::tracing::sdk
