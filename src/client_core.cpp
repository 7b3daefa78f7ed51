#include "client_core.hpp"

#include "utils/url.hpp"

#include <algorithm>

namespace azcore::detail {

Configuration configuration_of(const PipelineClientOptions& options) {
    return options.config ? *options.config : default_configuration();
}

pipeline::Kwargs prepare_send(const std::string& base_url, rest::HttpRequest& request, SendRequestOptions options) {
    if (!utils::detail::is_absolute_url(request.url)) {
        // Joined as it is: a `{name}` left in it is refused by the request check, not dropped.
        const std::size_t start = std::min(request.url.find_first_not_of('/'), request.url.size());
        const std::string formatted_base = format_url_for(base_url, "", {});
        request.url = start == request.url.size() ? formatted_base
                                                  : utils::detail::join_url(formatted_base, std::string_view(request.url).substr(start));
    }
    pipeline::Kwargs kwargs = std::move(options.kwargs);
    kwargs.set("stream", options.stream);
    return kwargs;
}

}  // namespace azcore::detail
