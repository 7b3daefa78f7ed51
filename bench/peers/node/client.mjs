// The client the JS peers use: @azure/core-rest-pipeline's default pipeline
// (createPipelineFromOptions({}), the pipeline core-client's ServiceClient and generated clients
// start from) and its default HTTP client (createDefaultHttpClient: Node's http module, one
// keep-alive http.Agent without a socket limit).
// In 1.24.0 on Node.js that pipeline is, in order: proxyPolicy, decompressResponsePolicy,
// wrapAbortSignalLikePolicy, formDataPolicy, userAgentPolicy, setClientRequestIdPolicy,
// multipartPolicy, defaultRetryPolicy, tracingPolicy, redirectPolicy, logPolicy.
// Logging stays at @azure/logger's default (off unless AZURE_LOG_LEVEL is set).
// The bench's nginx speaks plain HTTP on loopback: requests to http: URLs set
// allowInsecureConnection, which the pipeline otherwise refuses.
import {
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
} from "@azure/core-rest-pipeline";

export function makeClient() {
  const pipeline = createPipelineFromOptions({ userAgentOptions: { userAgentPrefix: "azcore-bench-peer/1.0" } });
  const httpClient = createDefaultHttpClient();
  return {
    pipeline,
    send: (options) =>
      pipeline.sendRequest(
        httpClient,
        createPipelineRequest({ allowInsecureConnection: options.url.startsWith("http:"), ...options }),
      ),
  };
}
