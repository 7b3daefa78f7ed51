#include "generated_client.hpp"

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

}  // namespace azcore::spector
