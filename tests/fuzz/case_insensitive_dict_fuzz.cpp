// CaseInsensitiveDict under adversarial header names and values. Each input line is one operation,
// and after each the dict must match a plain model (a list of pairs, names compared through an
// independent ASCII fold):
//   "name: value"   add (a response header line, split at the first colon and trimmed)
//   "=name: value"  set          "-name"  erase          "?name"  lookups only
// At the end: equality with a copy and with a re-ordered rebuild, update() into an empty dict, and
// operator<< (Python's repr) escaping every control byte.
#include "fuzz_support.hpp"

#include <azcore/utils/case_insensitive_dict.hpp>

#include <algorithm>
#include <sstream>
#include <string>

namespace {

using azcore::CaseInsensitiveDict;
using azcore::fuzz::fold;
using Entries = std::vector<std::pair<std::string, std::string>>;

bool same_name(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) { return fold(x) == fold(y); });
}

void model_set(Entries& model, std::string_view name, const std::string& value) {
    auto first = std::find_if(model.begin(), model.end(), [&](const auto& e) { return same_name(e.first, name); });
    if (first == model.end()) {
        model.emplace_back(std::string(name), value);
        return;
    }
    *first = {std::string(name), value};
    model.erase(std::remove_if(std::next(first), model.end(), [&](const auto& e) { return same_name(e.first, name); }),
                model.end());
}

std::size_t model_erase(Entries& model, std::string_view name) {
    const std::size_t before = model.size();
    model.erase(std::remove_if(model.begin(), model.end(), [&](const auto& e) { return same_name(e.first, name); }),
                model.end());
    return before - model.size();
}

void check_matches(const CaseInsensitiveDict& dict, const Entries& model) {
    AZCORE_FUZZ_CHECK(dict.size() == model.size());
    AZCORE_FUZZ_CHECK(dict.empty() == model.empty());
    AZCORE_FUZZ_CHECK(std::equal(dict.begin(), dict.end(), model.begin(), model.end()));
}

void check_lookups(const CaseInsensitiveDict& dict, const Entries& model, std::string_view name) {
    std::vector<std::string> values;
    for (const auto& [key, value] : model)
        if (same_name(key, name)) values.push_back(value);
    AZCORE_FUZZ_CHECK(dict.get_all(name) == values);
    AZCORE_FUZZ_CHECK(dict.contains(name) == !values.empty());
    const std::string* first = dict.find(name);
    AZCORE_FUZZ_CHECK((first == nullptr) == values.empty());
    if (values.empty()) {
        AZCORE_FUZZ_CHECK(!dict.get(name));
        return;
    }
    AZCORE_FUZZ_CHECK(*first == values.front());
    std::string joined = values.front();
    for (std::size_t i = 1; i < values.size(); ++i) joined += ", " + values[i];
    AZCORE_FUZZ_CHECK(dict.get(name) == joined);
    AZCORE_FUZZ_CHECK(dict.get(fold(name)) == joined);
}

void check_whole(const CaseInsensitiveDict& dict, const Entries& model) {
    const CaseInsensitiveDict copy = dict;
    AZCORE_FUZZ_CHECK(copy == dict);

    // The same entries with the distinct names in reverse order (each name's values kept in order).
    CaseInsensitiveDict reordered;
    std::vector<std::string> names;
    for (const auto& entry : model)
        if (std::none_of(names.begin(), names.end(), [&](const auto& n) { return same_name(n, entry.first); }))
            names.push_back(entry.first);
    for (auto name = names.rbegin(); name != names.rend(); ++name)
        for (const auto& [key, value] : model)
            if (same_name(key, *name)) reordered.add(fold(key), value);
    AZCORE_FUZZ_CHECK(reordered == dict);

    if (!model.empty()) {
        CaseInsensitiveDict changed = dict;
        changed.set(model.front().first, model.front().second + "x");
        AZCORE_FUZZ_CHECK(!(changed == dict));
    }

    CaseInsensitiveDict updated;
    updated.update(dict);
    AZCORE_FUZZ_CHECK(updated == dict);

    std::ostringstream repr;
    repr << dict;
    const std::string text = repr.str();
    AZCORE_FUZZ_CHECK(text.starts_with('{') && text.ends_with('}'));
    AZCORE_FUZZ_CHECK(std::none_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    }));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    CaseInsensitiveDict dict;
    Entries model;
    for (std::string_view line : azcore::fuzz::lines(azcore::fuzz::as_text(data, size))) {
        const char op = line.empty() ? '\0' : line.front();
        if (op == '-' || op == '?') {
            const std::string_view name = line.substr(1);
            if (op == '-') AZCORE_FUZZ_CHECK(dict.erase(name) == model_erase(model, name));
            check_lookups(dict, model, name);
        } else {
            const bool set = op == '=';
            auto header = azcore::fuzz::header_line(set ? line.substr(1) : line);
            if (!header) continue;
            const auto [name, value] = *header;
            if (set) {
                dict.set(name, std::string(value));
                model_set(model, name, std::string(value));
            } else {
                dict.add(name, std::string(value));
                model.emplace_back(std::string(name), std::string(value));
            }
            check_lookups(dict, model, name);
        }
        check_matches(dict, model);
    }
    check_whole(dict, model);
    return 0;
}
