"""Python client for the Synapse ML platform's integration API.

    from synapse_sdk import BackendClient, ClientError

    with BackendClient() as client:  # SYNAPSE_BASE_URL, SYNAPSE_ACCESS_TOKEN, ...
        plugin = client.get_plugin(123)

The names below are imported on first use, so `import synapse_sdk` stays cheap (the local
backend and the pytest plugin import it too). The documented paths
`synapse_sdk.clients.backend.BackendClient` and `synapse_sdk.clients.exceptions.ClientError`
are the same objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "BackendClient": "synapse_sdk.clients.backend",
    "AsyncBackendClient": "synapse_sdk.clients.backend",
    "RetryPolicy": "synapse_sdk.clients._policy",
    "Limits": "synapse_sdk.clients._limits",
    "RawResponse": "synapse_sdk.clients._responses",
    "request_id_of": "synapse_sdk.clients._responses",
    "NOT_GIVEN": "synapse_sdk.clients._config",
    "NotGiven": "synapse_sdk.clients._config",
    **dict.fromkeys(
        (
            "APIConnectionError",
            "APITimeoutError",
            "AuthenticationError",
            "ClientClosedError",
            "ClientError",
            "ConflictError",
            "InvalidResponseError",
            "JobWaitTimeoutError",
            "NotFoundError",
            "PermissionDeniedError",
            "RateLimitError",
            "ServerError",
            "UnexpectedStatusError",
            "ValidationError",
        ),
        "synapse_sdk.clients.exceptions",
    ),
}
__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APITimeoutError",
    "AsyncBackendClient",
    "AuthenticationError",
    "BackendClient",
    "ClientClosedError",
    "ClientError",
    "ConflictError",
    "InvalidResponseError",
    "JobWaitTimeoutError",
    "Limits",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RetryPolicy",
    "ServerError",
    "UnexpectedStatusError",
    "ValidationError",
    "request_id_of",
]

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ imports on first use
    from .clients._config import NOT_GIVEN, NotGiven
    from .clients._limits import Limits
    from .clients._policy import RetryPolicy
    from .clients._responses import RawResponse, request_id_of
    from .clients.backend import AsyncBackendClient, BackendClient
    from .clients.exceptions import (
        APIConnectionError,
        APITimeoutError,
        AuthenticationError,
        ClientClosedError,
        ClientError,
        ConflictError,
        InvalidResponseError,
        JobWaitTimeoutError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ServerError,
        UnexpectedStatusError,
        ValidationError,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'synapse_sdk' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
