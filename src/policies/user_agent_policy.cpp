#include <azcore/policies/user_agent_policy.hpp>

#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>

#include <sys/utsname.h>

#include <array>
#include <cstdlib>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 2> user_agent_options = {options::user_agent.name(), options::user_agent_overwrite.name()};
constexpr std::string_view user_agent_header = "User-Agent";
constexpr const char* env_additional_user_agent = "AZURE_HTTP_USER_AGENT";

#define AZCORE_STRINGIFY_(x) #x
#define AZCORE_STRINGIFY(x) AZCORE_STRINGIFY_(x)

constexpr std::string_view compiler() {
#if defined(__clang__)
    return "Clang/" AZCORE_STRINGIFY(__clang_major__) "." AZCORE_STRINGIFY(__clang_minor__) "." AZCORE_STRINGIFY(
        __clang_patchlevel__);
#elif defined(__GNUC__)
    return "GCC/" AZCORE_STRINGIFY(__GNUC__) "." AZCORE_STRINGIFY(__GNUC_MINOR__) "." AZCORE_STRINGIFY(__GNUC_PATCHLEVEL__);
#elif defined(_MSC_VER)
    return "MSVC/" AZCORE_STRINGIFY(_MSC_VER);
#else
    return "C++/" AZCORE_STRINGIFY(__cplusplus);
#endif
}

}  // namespace

std::string user_agent_platform() {
    std::string platform(compiler());
    platform += "; ";
    struct utsname names {};
    if (uname(&names) == 0) {
        platform += std::string(names.sysname) + "-" + names.release + "-" + names.machine;
    } else {
        platform += "unknown";
    }
    return platform;
}

UserAgentPolicy::UserAgentPolicy(std::optional<std::string> base_user_agent, UserAgentPolicyOptions options)
    : overwrite_(options.user_agent_overwrite), use_env_(options.user_agent_use_env) {
    if (base_user_agent && !base_user_agent->empty()) {
        user_agent_ = std::move(*base_user_agent);
    } else {
        std::string sdk_moniker = options.sdk_moniker ? *options.sdk_moniker : std::string("azcore/") + AZCORE_VERSION;
        user_agent_ = "azsdk-cpp-" + sdk_moniker + " (" + user_agent_platform() + ")";
    }
    if (options.user_agent && !options.user_agent->empty()) user_agent_ = *options.user_agent + " " + user_agent_;
}

std::string UserAgentPolicy::user_agent() const {
    if (use_env_) {
        if (const char* additional = std::getenv(env_additional_user_agent)) return user_agent_ + " " + additional;
    }
    return user_agent_;
}

void UserAgentPolicy::add_user_agent(std::string_view value) {
    user_agent_ += " ";
    user_agent_ += value;
}

std::span<const std::string_view> UserAgentPolicy::option_names() const { return user_agent_options; }

void UserAgentPolicy::on_request(pipeline::PipelineRequest& request) const {
    rest::HttpRequest& http_request = *request.http_request;
    options::Kwargs& kwargs = request.context->options;
    if (auto user_agent = options::user_agent.pop(kwargs)) {
        if (options::user_agent_overwrite.pop(kwargs).value_or(overwrite_)) {
            http_request.headers.set(user_agent_header, std::move(*user_agent));
        } else {
            http_request.headers.set(user_agent_header, *user_agent + " " + this->user_agent());
        }
    } else if (overwrite_ || !http_request.headers.contains(user_agent_header)) {
        http_request.headers.set(user_agent_header, this->user_agent());
    }
}

}  // namespace azcore::policies
