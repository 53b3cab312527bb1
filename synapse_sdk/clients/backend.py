"""`BackendClient` and `AsyncBackendClient`: the clients of the Synapse backend.

from synapse_sdk.clients.backend import BackendClient

with BackendClient("https://synapse.example.com/api/", access_token="...") as client:
    plugin = client.get_plugin(123)
"""

from __future__ import annotations

from .integration import AsyncIntegrationClientMixin, IntegrationClientMixin

__all__ = ["AsyncBackendClient", "BackendClient"]


class BackendClient(IntegrationClientMixin):
    """The Synapse backend client. Thread-safe: share one instance (and its connection pool)
    between threads. Constructor arguments: see `SyncAPIClient.__init__`."""


class AsyncBackendClient(AsyncIntegrationClientMixin):
    """The Synapse backend client for asyncio: the same methods as `BackendClient`, awaitable,
    with the same timeout, retry and error policy. Use it with `async with`."""
