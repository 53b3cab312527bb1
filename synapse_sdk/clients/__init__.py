"""Clients of the Synapse backend. See `backend.BackendClient` and `exceptions.ClientError`."""

from .backend import AsyncBackendClient, BackendClient
from .exceptions import ClientError
from .integration import AsyncIntegrationClientMixin, IntegrationClientMixin

__all__ = [
    "AsyncBackendClient",
    "AsyncIntegrationClientMixin",
    "BackendClient",
    "ClientError",
    "IntegrationClientMixin",
]
