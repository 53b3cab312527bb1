"""`BackendClient` and `AsyncBackendClient`: the clients of the Synapse backend.

from synapse_sdk.clients.backend import BackendClient

with BackendClient("https://synapse.example.com/api/", access_token="...") as client:
    plugin = client.get_plugin(123)

`BackendClient()` with no arguments reads `SYNAPSE_BASE_URL`, `SYNAPSE_ACCESS_TOKEN`,
`SYNAPSE_TENANT`, `SYNAPSE_AUTHORIZATION_TOKEN` and `SYNAPSE_AGENT_TOKEN`; arguments win.
"""

from __future__ import annotations

from ._base import publish
from .integration import AsyncIntegrationClientMixin, IntegrationClientMixin

__all__ = ["AsyncBackendClient", "BackendClient"]


class BackendClient(IntegrationClientMixin):
    """The Synapse backend client. Thread-safe: share one instance (and its connection pool)
    between threads. Use it with `with`, or call `close()`.

    `client.with_options(...)` gives a copy with other settings on the same pool;
    `client.with_raw_response.get_job(789)` gives the HTTP answer beside the result."""


class AsyncBackendClient(AsyncIntegrationClientMixin):
    """The Synapse backend client for asyncio: the same methods as `BackendClient`, awaitable,
    with the same configuration, timeout, retry and error policy. Use it with `async with`."""


# The constructor and `with_options` live in the shared base; these copies put them on the
# public classes, for help() and for the names in argument errors.
publish(BackendClient, "__init__", "with_options")
publish(AsyncBackendClient, "__init__", "with_options")
