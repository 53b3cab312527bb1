"""`IntegrationClientMixin`: agents, plugins, plugin releases, jobs and storages.

Every method is one documented operation: it builds the request with the generated code
(`_operations`), sends it through the client's retry and error policy (`_base`), and returns
the server's JSON unchanged, typed by the TypedDicts of `synapse_sdk.clients.types`.
`AsyncIntegrationClientMixin` has the same methods, awaitable.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from . import _operations as ops
from ._base import AsyncAPIClient, SyncAPIClient
from ._operations import Operation, Page
from ._upload import ProgressCallback

if TYPE_CHECKING:
    from .types import (
        AgentHealth,
        ConsoleLogEntry,
        Job,
        JobUpdate,
        Plugin,
        PluginCreate,
        PluginRelease,
        PluginReleaseCreate,
        PluginRun,
        PluginRunRequest,
        PluginUpdate,
        Storage,
        StorageCreate,
    )

T = TypeVar("T")
Params = Mapping[str, Any]
PageOperation = Callable[[dict[str, Any], int], Operation[Page[T]]]


class IntegrationClientMixin(SyncAPIClient):
    """Plugin management, job execution and system integration for the Synapse backend."""

    # -- agents -----------------------------------------------------------------------------

    def health_check_agent(self, token: str) -> AgentHealth:
        """Check an agent's health; `token` is the agent's token. Returns its status and
        connection information."""
        return self._call(ops.health_check_agent(token))

    # -- plugins ----------------------------------------------------------------------------

    def get_plugin(self, pk: int) -> Plugin:
        """Get a plugin, with its metadata and configuration."""
        return self._call(ops.get_plugin(pk))

    def create_plugin(self, data: PluginCreate | Params) -> Plugin:
        """Create a plugin; `data['name']` is required. Returns it with its new `id`."""
        return self._call(ops.create_plugin(data))

    def update_plugin(self, pk: int, data: PluginUpdate | Params) -> Plugin:
        """Update a plugin; fields left out of `data` keep their value."""
        return self._call(ops.update_plugin(pk, data))

    def run_plugin(self, pk: int, data: PluginRunRequest | Params) -> PluginRun:
        """Run a plugin with `data['parameters']` and `data['context']`. The run is a job:
        the result carries its `job_id`."""
        return self._call(ops.run_plugin(pk, data))

    # -- plugin releases --------------------------------------------------------------------

    def get_plugin_release(self, pk: int, params: Params | None = None) -> PluginRelease:
        """Get a plugin release; `params={'expand': 'plugin'}` includes the whole plugin."""
        return self._call(ops.get_plugin_release(pk, params))

    def create_plugin_release(
        self, data: PluginReleaseCreate | Params, *, progress: ProgressCallback | None = None
    ) -> PluginRelease:
        """Create a release by uploading its package: `data['file']` is an open binary file, a
        path or bytes; `plugin` and `version` are required. The package streams from disk in
        constant memory; `progress(bytes_sent, total)` is called as it goes."""
        return self._call(ops.create_plugin_release(data, progress))

    # -- jobs -------------------------------------------------------------------------------

    def get_job(self, pk: int | str, params: Params | None = None) -> Job:
        """Get a job (an int or UUID id); `params={'expand': 'logs'}` adds its logs (also
        `metrics`, `result`)."""
        return self._call(ops.get_job(pk, params))

    def list_jobs(self, params: Params | None = None) -> tuple[list[Job], int]:
        """One page of jobs and the total count: `(jobs, total_count)`. Filters: `status`,
        `plugin`, `created_after` (datetime or ISO 8601), `user`, `page`, `page_size`."""
        return self._call(ops.list_jobs(params))

    def iter_jobs(self, params: Params | None = None) -> Iterator[Job]:
        """Every job matching the filters of `params`, page after page, fetched lazily."""
        return self._iter_pages(ops.jobs_page, params)

    def update_job(self, pk: int | str, data: JobUpdate | Params) -> Job:
        """Update a job's `status`, `progress` (0-100), `result` or `metadata`."""
        return self._call(ops.update_job(pk, data))

    def list_job_console_logs(self, pk: int | str) -> list[ConsoleLogEntry]:
        """A job's console log entries (`timestamp`, `level`, `message`), oldest first."""
        return self._call(ops.list_job_console_logs(pk))

    # -- storages ---------------------------------------------------------------------------

    def list_storages(self) -> list[Storage]:
        """Every storage configuration, across all pages."""
        return list(self._iter_pages(ops.storages_page, None))

    def get_storage(self, pk: int) -> Storage:
        """Get a storage configuration."""
        return self._call(ops.get_storage(pk))

    def create_storage(self, data: StorageCreate | Params) -> Storage:
        """Create a storage configuration; `name` and `provider` are required."""
        return self._call(ops.create_storage(data))

    # -- pagination -------------------------------------------------------------------------

    def _iter_pages(self, operation: PageOperation[T], params: Params | None) -> Iterator[T]:
        query, page = ops.page_numbers(params)
        while True:
            result = self._call(operation(query, page))
            more = result.has_next and bool(result.items)
            yield from result.items
            del result  # free this page before fetching the next one
            if not more:
                return
            page += 1


class AsyncIntegrationClientMixin(AsyncAPIClient):
    """The methods of `IntegrationClientMixin`, awaitable."""

    # -- agents -----------------------------------------------------------------------------

    async def health_check_agent(self, token: str) -> AgentHealth:
        """Check an agent's health; `token` is the agent's token. Returns its status and
        connection information."""
        return await self._call(ops.health_check_agent(token))

    # -- plugins ----------------------------------------------------------------------------

    async def get_plugin(self, pk: int) -> Plugin:
        """Get a plugin, with its metadata and configuration."""
        return await self._call(ops.get_plugin(pk))

    async def create_plugin(self, data: PluginCreate | Params) -> Plugin:
        """Create a plugin; `data['name']` is required. Returns it with its new `id`."""
        return await self._call(ops.create_plugin(data))

    async def update_plugin(self, pk: int, data: PluginUpdate | Params) -> Plugin:
        """Update a plugin; fields left out of `data` keep their value."""
        return await self._call(ops.update_plugin(pk, data))

    async def run_plugin(self, pk: int, data: PluginRunRequest | Params) -> PluginRun:
        """Run a plugin with `data['parameters']` and `data['context']`. The run is a job:
        the result carries its `job_id`."""
        return await self._call(ops.run_plugin(pk, data))

    # -- plugin releases --------------------------------------------------------------------

    async def get_plugin_release(self, pk: int, params: Params | None = None) -> PluginRelease:
        """Get a plugin release; `params={'expand': 'plugin'}` includes the whole plugin."""
        return await self._call(ops.get_plugin_release(pk, params))

    async def create_plugin_release(
        self, data: PluginReleaseCreate | Params, *, progress: ProgressCallback | None = None
    ) -> PluginRelease:
        """Create a release by uploading its package: `data['file']` is an open binary file, a
        path or bytes; `plugin` and `version` are required. The package streams from disk in
        constant memory; `progress(bytes_sent, total)` is called as it goes."""
        return await self._call(ops.create_plugin_release(data, progress))

    # -- jobs -------------------------------------------------------------------------------

    async def get_job(self, pk: int | str, params: Params | None = None) -> Job:
        """Get a job (an int or UUID id); `params={'expand': 'logs'}` adds its logs (also
        `metrics`, `result`)."""
        return await self._call(ops.get_job(pk, params))

    async def list_jobs(self, params: Params | None = None) -> tuple[list[Job], int]:
        """One page of jobs and the total count: `(jobs, total_count)`. Filters: `status`,
        `plugin`, `created_after` (datetime or ISO 8601), `user`, `page`, `page_size`."""
        return await self._call(ops.list_jobs(params))

    def iter_jobs(self, params: Params | None = None) -> AsyncIterator[Job]:
        """Every job matching the filters of `params`, page after page, fetched lazily.
        Use it as `async for job in client.iter_jobs(...)`."""
        return self._iter_pages(ops.jobs_page, params)

    async def update_job(self, pk: int | str, data: JobUpdate | Params) -> Job:
        """Update a job's `status`, `progress` (0-100), `result` or `metadata`."""
        return await self._call(ops.update_job(pk, data))

    async def list_job_console_logs(self, pk: int | str) -> list[ConsoleLogEntry]:
        """A job's console log entries (`timestamp`, `level`, `message`), oldest first."""
        return await self._call(ops.list_job_console_logs(pk))

    # -- storages ---------------------------------------------------------------------------

    async def list_storages(self) -> list[Storage]:
        """Every storage configuration, across all pages."""
        return [storage async for storage in self._iter_pages(ops.storages_page, None)]

    async def get_storage(self, pk: int) -> Storage:
        """Get a storage configuration."""
        return await self._call(ops.get_storage(pk))

    async def create_storage(self, data: StorageCreate | Params) -> Storage:
        """Create a storage configuration; `name` and `provider` are required."""
        return await self._call(ops.create_storage(data))

    # -- pagination -------------------------------------------------------------------------

    async def _iter_pages(self, operation: PageOperation[T], params: Params | None) -> AsyncIterator[T]:
        query, page = ops.page_numbers(params)
        while True:
            result = await self._call(operation(query, page))
            more = result.has_next and bool(result.items)
            for item in result.items:
                yield item
            del result  # free this page before fetching the next one
            if not more:
                return
            page += 1
