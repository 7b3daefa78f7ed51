#include "contoso_client.hpp"

#include <azcore/rest/async_http_response.hpp>
#include <azcore/send_checked.hpp>

#include <memory>
#include <utility>
#include <vector>

namespace contoso {
namespace {

azcore::PipelineClientOptions pipeline_options(const ContosoClientOptions& options) {
    azcore::Configuration config = azcore::default_configuration();  // the standard policies
    config.polling_interval = options.polling_interval;
    return {.config = std::move(config)};
}

}  // namespace

ContosoClient::ContosoClient(std::string endpoint, ContosoClientOptions options)
    : client_(std::move(endpoint), pipeline_options(options)) {}

azcore::paging::ItemPaged<User> ContosoClient::list_users(ListUsersOptions options) const {
    auto get_next = [this, options](const std::optional<std::string>& next_link) {
        return azcore::send_checked(client_, build_list_users(options, next_link), {200});
    };
    return azcore::paging::ItemPaged<User>(std::move(get_next), extract_users);
}

azcore::polling::LROPoller<GenerationResult> ContosoClient::begin_generate(const std::string& prompt) const {
    auto initial = azcore::send_checked(client_, build_generate(prompt), {202});
    return azcore::polling::LROPoller<GenerationResult>(client_, initial, generation_result,
                                                        generation_polling(client_.config().polling_interval));
}

AsyncContosoClient::AsyncContosoClient(std::string endpoint, azcore::net::any_io_executor executor, ContosoClientOptions options)
    : client_(std::move(endpoint), std::move(executor), pipeline_options(options)) {}

azcore::paging::AsyncItemPaged<User> AsyncContosoClient::list_users(ListUsersOptions options) const {
    auto get_next = [this, options](const std::optional<std::string>& next_link)
        -> azcore::net::awaitable<std::shared_ptr<azcore::rest::AsyncHttpResponse>> {
        return azcore::send_checked(client_, build_list_users(options, next_link), {200});
    };
    return azcore::paging::AsyncItemPaged<User>(std::move(get_next), extract_users);
}

azcore::net::awaitable<azcore::polling::AsyncLROPoller<GenerationResult>> AsyncContosoClient::begin_generate(std::string prompt) const {
    std::vector<int> expected{202};  // named: g++ 12 mishandles braced temporaries in a co_await
    auto initial = co_await azcore::send_checked(client_, build_generate(prompt), std::move(expected));
    co_return azcore::polling::AsyncLROPoller<GenerationResult>(client_, initial, generation_result,
                                                                generation_polling(client_.config().polling_interval));
}

}  // namespace contoso
