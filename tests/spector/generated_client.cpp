#include "generated_client.hpp"

#include <algorithm>

namespace azcore::spector {

const exceptions::ErrorMap& generated_error_map() {
    using namespace azcore::exceptions;
    static const ErrorMap map{.errors = {
                                  {304, raise_as<ResourceNotModifiedError>()},
                                  {401, raise_as<ClientAuthenticationError>()},
                                  {403, raise_as<ClientAuthenticationError>()},
                                  {404, raise_as<ResourceNotFoundError>()},
                                  {409, raise_as<ResourceExistsError>()},
                              }};
    return map;
}

void raise_unless_status(const std::shared_ptr<rest::HttpResponseBase>& response, const std::vector<int>& expected) {
    const int status = response->status_code();
    if (std::find(expected.begin(), expected.end(), status) != expected.end()) return;
    exceptions::map_error(status, response, generated_error_map());
    throw exceptions::HttpResponseError(response);
}

}  // namespace azcore::spector
