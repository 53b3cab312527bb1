"""Clients of the Synapse backend. See `backend.BackendClient` and `exceptions.ClientError`."""

from ._limits import Limits
from ._policy import RetryPolicy
from ._responses import RawResponse, request_id_of
from .backend import AsyncBackendClient, BackendClient
from .exceptions import ClientError
from .integration import AsyncIntegrationClientMixin, IntegrationClientMixin

__all__ = [
    "AsyncBackendClient",
    "AsyncIntegrationClientMixin",
    "BackendClient",
    "ClientError",
    "IntegrationClientMixin",
    "Limits",
    "RawResponse",
    "RetryPolicy",
    "request_id_of",
]
