"""`BackendClient` and `AsyncBackendClient`: the clients of the Synapse backend.

from synapse_sdk.clients.backend import BackendClient

with BackendClient("https://synapse.example.com/api/", access_token="...") as client:
    plugin = client.get_plugin(123)

`BackendClient()` with no arguments reads `SYNAPSE_BASE_URL`, `SYNAPSE_ACCESS_TOKEN`,
`SYNAPSE_TENANT`, `SYNAPSE_AUTHORIZATION_TOKEN` and `SYNAPSE_AGENT_TOKEN`; arguments win.
"""

from __future__ import annotations

from .integration import AsyncIntegrationClientMixin, IntegrationClientMixin

__all__ = ["AsyncBackendClient", "BackendClient"]


def publish(cls: type, *names: str) -> None:
    """Make `cls` own copies of these base-class methods, so `help(cls)` shows them as its own
    and a wrong argument reads `BackendClient.__init__() got an unexpected keyword argument`,
    not a private class's name (3.11 takes that name from the code object)."""
    import types

    for name in names:
        function = getattr(cls, name)
        qualname = f"{cls.__name__}.{name}"
        code = function.__code__.replace(co_qualname=qualname)
        clone = types.FunctionType(
            code, function.__globals__, name, function.__defaults__, function.__closure__
        )
        clone.__kwdefaults__ = function.__kwdefaults__
        clone.__annotations__ = function.__annotations__
        clone.__doc__ = function.__doc__
        clone.__qualname__ = qualname
        clone.__module__ = cls.__module__
        setattr(cls, name, clone)


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
