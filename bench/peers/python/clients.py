"""The clients the Python peers use: what a generated Azure SDK client (autorest / typespec-python,
azure-core 1.26 era) builds when it is given no credential.

A generated client's Configuration._configure sets each policy slot from kwargs or a default, and
its __init__ passes this list to PipelineClient(policies=...):
  RequestIdPolicy, HeadersPolicy, UserAgentPolicy, ProxyPolicy, ContentDecodePolicy,
  RedirectPolicy, RetryPolicy, (authentication_policy: None without a credential), CustomHookPolicy,
  NetworkTraceLoggingPolicy, DistributedTracingPolicy, HttpLoggingPolicy.
Sync: PipelineClient + RequestsTransport. Async: AsyncPipelineClient + AioHttpTransport with the
async Redirect/Retry policies. Logging stays at Python's default level (WARNING): the logging
policies run but log nothing.
"""
from azure.core import AsyncPipelineClient, PipelineClient
from azure.core.configuration import Configuration
from azure.core.pipeline import policies

SDK_MONIKER = "azcore-bench-peer/1.0"


class BenchClientConfiguration(Configuration):
    """The shape of a generated client's configuration."""

    def __init__(self, asynchronous, **kwargs):
        super().__init__(**kwargs)
        kwargs.setdefault("sdk_moniker", SDK_MONIKER)
        self.user_agent_policy = kwargs.get("user_agent_policy") or policies.UserAgentPolicy(**kwargs)
        self.headers_policy = kwargs.get("headers_policy") or policies.HeadersPolicy(**kwargs)
        self.proxy_policy = kwargs.get("proxy_policy") or policies.ProxyPolicy(**kwargs)
        self.logging_policy = kwargs.get("logging_policy") or policies.NetworkTraceLoggingPolicy(**kwargs)
        self.http_logging_policy = kwargs.get("http_logging_policy") or policies.HttpLoggingPolicy(**kwargs)
        self.custom_hook_policy = kwargs.get("custom_hook_policy") or policies.CustomHookPolicy(**kwargs)
        if asynchronous:
            self.retry_policy = kwargs.get("retry_policy") or policies.AsyncRetryPolicy(**kwargs)
            self.redirect_policy = kwargs.get("redirect_policy") or policies.AsyncRedirectPolicy(**kwargs)
        else:
            self.retry_policy = kwargs.get("retry_policy") or policies.RetryPolicy(**kwargs)
            self.redirect_policy = kwargs.get("redirect_policy") or policies.RedirectPolicy(**kwargs)
        self.authentication_policy = kwargs.get("authentication_policy")


def _policy_list(config, **kwargs):
    return [
        policies.RequestIdPolicy(**kwargs),
        config.headers_policy,
        config.user_agent_policy,
        config.proxy_policy,
        policies.ContentDecodePolicy(**kwargs),
        config.redirect_policy,
        config.retry_policy,
        config.authentication_policy,  # None: Pipeline leaves it out
        config.custom_hook_policy,
        config.logging_policy,
        policies.DistributedTracingPolicy(**kwargs),
        config.http_logging_policy,
    ]


def make_sync_client(endpoint, **kwargs):
    from azure.core.pipeline.transport import RequestsTransport

    config = BenchClientConfiguration(False, **kwargs)
    transport = RequestsTransport(**kwargs)
    return PipelineClient(base_url=endpoint, config=config, policies=_policy_list(config, **kwargs),
                          transport=transport, **kwargs)


def make_async_client(endpoint, session=None, **kwargs):
    """session: an aiohttp.ClientSession to use (the transport does not own it), or None for the
    transport's own (aiohttp's default connector: at most 100 connections)."""
    from azure.core.pipeline.transport import AioHttpTransport

    config = BenchClientConfiguration(True, **kwargs)
    if session is not None:
        transport = AioHttpTransport(session=session, session_owner=False, **kwargs)
    else:
        transport = AioHttpTransport(**kwargs)
    return AsyncPipelineClient(base_url=endpoint, config=config, policies=_policy_list(config, **kwargs),
                               transport=transport, **kwargs)
