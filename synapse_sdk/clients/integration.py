"""`IntegrationClientMixin`: agents, plugins, plugin releases, jobs, storages, and the production
SDK's log entries and serve applications.

Composed from one module per noun (`resources/`): each holds that noun's request building and
its sync and async methods. Every method builds its request with the generated code, sends it
through the client's one boundary (`_base`: limiter, retries, error mapping), and returns the
server's JSON, typed by the TypedDicts of `synapse_sdk.clients.types`.
"""

from __future__ import annotations

from .resources.agents import AgentsMixin, AsyncAgentsMixin
from .resources.console_logs import AsyncConsoleLogsMixin, ConsoleLogsMixin
from .resources.jobs import AsyncJobsMixin, JobsMixin
from .resources.logs import AsyncLogsMixin, LogsMixin
from .resources.plugins import AsyncPluginsMixin, PluginsMixin
from .resources.releases import AsyncPluginReleasesMixin, PluginReleasesMixin
from .resources.serve_applications import AsyncServeApplicationsMixin, ServeApplicationsMixin
from .resources.storages import AsyncStoragesMixin, StoragesMixin

__all__ = ["AsyncIntegrationClientMixin", "IntegrationClientMixin"]


class IntegrationClientMixin(
    AgentsMixin,
    PluginsMixin,
    PluginReleasesMixin,
    JobsMixin,
    ConsoleLogsMixin,
    StoragesMixin,
    LogsMixin,
    ServeApplicationsMixin,
):
    """Plugin management, job execution and system integration for the Synapse backend."""


class AsyncIntegrationClientMixin(
    AsyncAgentsMixin,
    AsyncPluginsMixin,
    AsyncPluginReleasesMixin,
    AsyncJobsMixin,
    AsyncConsoleLogsMixin,
    AsyncStoragesMixin,
    AsyncLogsMixin,
    AsyncServeApplicationsMixin,
):
    """The methods of `IntegrationClientMixin`, awaitable; the list walkers and
    `follow_job_console_logs` are async iterators (`async for`). Each method takes the same
    arguments, returns the same shapes and raises the same errors as its sync twin."""
