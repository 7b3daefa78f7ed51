#include <azcore/policies/authentication_challenge.hpp>
#include <azcore/serialization.hpp>

#include "rest/request_validation.hpp"
#include "rest/text_decoding.hpp"

#include <cstdint>

namespace azcore::policies {
namespace {

using rest::detail::is_tchar;

bool is_token68_char(char c) { return is_tchar(c) || c == '/'; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    std::vector<AuthenticationChallenge> run() {
        std::vector<AuthenticationChallenge> out;
        AuthenticationChallenge* current = nullptr;
        bool comma_since_scheme = false;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (is_space(c)) {
                ++pos_;
                continue;
            }
            if (c == ',') {
                comma_since_scheme = true;
                ++pos_;
                continue;
            }
            if (c == '"') {  // a quoted string where a name belongs: skip it
                quoted();
                continue;
            }
            const std::string_view name = token();
            if (name.empty()) {  // a character no grammar rule starts with
                ++pos_;
                continue;
            }
            const std::size_t after_name = pos_;
            skip_spaces();
            if (pos_ < text_.size() && text_[pos_] == '=') {
                // `name=value`, or a token68 ending in padding (`abc==`).
                std::size_t equals_end = pos_;
                while (equals_end < text_.size() && text_[equals_end] == '=') ++equals_end;
                const bool padding_only = equals_end - pos_ > 1 || at_separator(equals_end);
                if (current != nullptr && current->parameters.empty() && current->token68.empty() && !comma_since_scheme &&
                    padding_only) {
                    current->token68 = std::string(name) + std::string(text_.substr(pos_, equals_end - pos_));
                    pos_ = equals_end;
                    continue;
                }
                pos_ += 1;
                skip_spaces();
                std::string value = (pos_ < text_.size() && text_[pos_] == '"') ? quoted() : unquoted();
                if (current == nullptr) continue;  // a parameter before any scheme: dropped
                current->parameters.emplace_back(std::string(name), std::move(value));
                continue;
            }
            // A bare token: the token68 of the scheme just read, or the next challenge's scheme.
            if (current != nullptr && current->parameters.empty() && current->token68.empty() && !comma_since_scheme) {
                const std::size_t start = after_name - name.size();
                pos_ = start;
                while (pos_ < text_.size() && is_token68_char(text_[pos_])) ++pos_;
                while (pos_ < text_.size() && text_[pos_] == '=') ++pos_;
                if (at_separator(pos_) && !starts_challenge(after_name)) {
                    current->token68 = std::string(text_.substr(start, pos_ - start));
                    continue;
                }
                pos_ = after_name;
            }
            out.push_back(AuthenticationChallenge{.scheme = std::string(name)});
            current = &out.back();
            comma_since_scheme = false;
        }
        return out;
    }

private:
    std::string_view token() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_tchar(text_[pos_])) ++pos_;
        return text_.substr(start, pos_ - start);
    }
    void skip_spaces() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    }
    // End of text, a comma, or spaces then end/comma.
    bool at_separator(std::size_t at) const {
        while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
        return at >= text_.size() || text_[at] == ',';
    }
    // After the token at `name_end`: spaces, then `token =`: the token is a scheme followed by a
    // parameter of its own (`Bearer Digest realm="x"` is two challenges, not a token68).
    bool starts_challenge(std::size_t name_end) const {
        std::size_t at = name_end;
        while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
        if (at == name_end || at >= text_.size()) return false;
        std::size_t token_start = at;
        while (at < text_.size() && is_tchar(text_[at])) ++at;
        if (at == token_start) return false;
        while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
        return at < text_.size() && text_[at] == '=';
    }
    // A quoted-string starting at pos_ ('"'); an unterminated one runs to the end.
    std::string quoted() {
        std::string value;
        ++pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (c == '"') return value;
            if (c == '\\' && pos_ < text_.size()) {
                value.push_back(text_[pos_++]);
                continue;
            }
            value.push_back(c);
        }
        return value;
    }
    // An unquoted value: up to whitespace or a comma (more lenient than a token: URLs and
    // base64 padding are taken whole).
    std::string unquoted() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && !is_space(text_[pos_]) && text_[pos_] != ',') ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

const std::string* AuthenticationChallenge::parameter(std::string_view name) const noexcept {
    for (const auto& [key, value] : parameters)
        if (iequals(key, name)) return &value;
    return nullptr;
}

std::vector<AuthenticationChallenge> parse_www_authenticate(std::string_view header) { return Parser(header).run(); }

std::optional<std::string> get_challenge_parameter(const CaseInsensitiveDict& headers, std::string_view challenge_scheme,
                                                   std::string_view challenge_parameter) {
    const auto header = headers.get("WWW-Authenticate");
    if (!header) return std::nullopt;
    for (const AuthenticationChallenge& challenge : parse_www_authenticate(*header)) {
        if (!iequals(challenge.scheme, challenge_scheme)) continue;
        if (const std::string* value = challenge.parameter(challenge_parameter)) return *value;
    }
    return std::nullopt;
}

std::optional<std::string> decode_challenge_claims(std::string_view encoded) {
    // Either alphabet, padding optional (Python's urlsafe_b64decode after padding it).
    std::string standard(encoded);
    while (!standard.empty() && standard.back() == '=') standard.pop_back();
    for (char& c : standard) {
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
    }
    if (standard.size() % 4 == 1) return std::nullopt;
    standard.append((4 - standard.size() % 4) % 4, '=');
    std::string out;
    try {
        out = std::string(as_string_view(serialization::decode_base64(standard)));
    } catch (const exceptions::DeserializationError&) {
        return std::nullopt;
    }
    if (!rest::detail::is_valid_utf8(out)) return std::nullopt;
    return out;
}

}  // namespace azcore::policies
