"""`IntegrationClientMixin`: agents, plugins, plugin releases, jobs and storages.

Every method is one documented operation: it builds the request with the generated code
(`_operations`), sends it through the client's retry and error policy (`_base`), and returns
the server's JSON unchanged, typed by the TypedDicts of `synapse_sdk.clients.types`. On top of
them sit the job helpers (`wait_for_job`, `follow_job_console_logs`) and the list walkers
(`iter_jobs`, ...). `AsyncIntegrationClientMixin` has the same methods, awaitable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload

import httpx
from typing_extensions import TypedDict

from . import _errors, _inputs
from . import _operations as ops
from ._base import AsyncAPIClient, SyncAPIClient
from ._lifecycle import DEFAULT_LOG_POLL_INTERVAL, LogCursor, MalformedEvent, PollSchedule, job_ended
from ._lifecycle import progress_changed as _changed
from ._operations import Extra, Operation, Page
from ._pagination import PageWalk
from ._policy import parse_retry_after
from ._upload import ProgressCallback
from .exceptions import JobWaitTimeoutError

if TYPE_CHECKING:
    from .types import (
        Agent,
        AgentHealth,
        ConsoleLogEntry,
        GetJobParams,
        GetPluginReleaseParams,
        Job,
        JobUpdate,
        JobWithLogs,
        JobWithMetrics,
        JobWithResult,
        ListAgentsParams,
        ListJobsParams,
        ListPluginReleasesParams,
        ListPluginsParams,
        ListStoragesParams,
        Plugin,
        PluginCreate,
        PluginRelease,
        PluginReleaseCreate,
        PluginReleaseWithPlugin,
        PluginRun,
        PluginRunRequest,
        PluginUpdate,
        Storage,
        StorageCreate,
    )

log = logging.getLogger("synapse_sdk")

T = TypeVar("T")
Params = Mapping[str, Any]
PageOperation = Callable[[dict[str, Any], Extra], Operation[Page[T]]]
JobCallback = Callable[["Job"], None]


# The `params` that typed overloads recognise: `{'expand': 'logs'}` returns a job whose `logs`
# are there. Any other `params` returns the plain shape.
class _ExpandLogs(TypedDict):
    expand: Literal["logs"]


class _ExpandMetrics(TypedDict):
    expand: Literal["metrics"]


class _ExpandResult(TypedDict):
    expand: Literal["result"]


class _ExpandPlugin(TypedDict):
    expand: Literal["plugin"]


# Statuses of a stream request after which the client polls instead: no such endpoint (an older
# backend), or one that cannot stream.
_NO_STREAM = frozenset({404, 405, 406, 501})
# Transport failures that cut a stream short; the client reconnects where it was.
_STREAM_BROKEN = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.ConnectError)


class IntegrationClientMixin(SyncAPIClient):
    """Plugin management, job execution and system integration for the Synapse backend."""

    # -- agents -----------------------------------------------------------------------------

    def health_check_agent(self, token: str) -> AgentHealth:
        """Check an agent's health and connection.

        Args:
            token: the agent's authentication token; it travels in the URL path
                (`agents/<token>/connect/`) and is redacted from logs and errors.

        Returns:
            The agent's status and connection information (`status`, `connected`, ...).

        Raises:
            NotFoundError: no agent has this token.
            ValidationError: the token is empty or not a plain string (nothing is sent).

        Example:
            ```python
            status = client.health_check_agent('agent-token-123')
            print(status['status'], status['connected'])
            ```
        """
        return self._call(ops.health_check_agent(token))

    def list_agents(
        self, params: ListAgentsParams | Params | None = None, *, extra_query: Extra = None
    ) -> list[Agent]:
        """Every agent, across all pages.

        Args:
            params: filters: `status` (for example `healthy`), `search` (in the name), and
                `page_size` (how many a request fetches).
            extra_query: query parameters the document does not list, sent as given.

        Returns:
            The agents (`id`, `name`, `status`, `url`, `last_seen`, ...).

        Example:
            ```python
            for agent in client.list_agents({'status': 'healthy'}):
                print(agent['name'], agent['last_seen'])
            ```
        """
        return list(self._walk(ops.agents_page, params, extra_query))

    # -- plugins ----------------------------------------------------------------------------

    def get_plugin(self, pk: int) -> Plugin:
        """Get a plugin, with its metadata and configuration.

        Args:
            pk: the plugin's id.

        Returns:
            The plugin: `id`, `name`, `description`, `version`, `author`, `category`,
            `configuration`, `created`, `modified` (the optional ones null when not set).

        Raises:
            NotFoundError: no plugin has this id.

        Example:
            ```python
            plugin = client.get_plugin(123)
            print(plugin['name'], plugin['version'])
            ```
        """
        return self._call(ops.get_plugin(pk))

    def list_plugins(
        self, params: ListPluginsParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[Plugin], int]:
        """One page of plugins and the number of all that match: `(plugins, total_count)`.

        Args:
            params: filters `search`, `category`, `ordering` (`-created`, say), and `page`,
                `page_size`.
            extra_query: query parameters the document does not list, sent as given.

        Example:
            ```python
            plugins, total = client.list_plugins({'search': 'Custom'})
            print(f"{total} plugins; first: {plugins[0]['name'] if plugins else None}")
            ```
        """
        return self._call(ops.plugins_page(params, extra_query)).pair()

    def iter_plugins(
        self, params: ListPluginsParams | Params | None = None, *, extra_query: Extra = None
    ) -> Iterator[Plugin]:
        """Every plugin matching `params` (as for `list_plugins`), page after page, lazily."""
        return self._walk(ops.plugins_page, params, extra_query)

    def create_plugin(self, data: PluginCreate | Params, *, extra_body: Extra = None) -> Plugin:
        """Create a plugin.

        Args:
            data: `name` (required), `description`, `version`, `author`, `category`, and
                `configuration` (a free-form dict). A key the document does not name is refused
                before sending, naming the closest documented one.
            extra_body: fields the document does not list, sent as given.

        Returns:
            The created plugin, with its new `id`.

        Raises:
            ValidationError: `name` is missing, a key is unknown, or the server refused a value.

        Example:
            ```python
            new_plugin = client.create_plugin({'name': 'My Custom Plugin', 'version': '1.0.0'})
            print(new_plugin['id'])
            ```
        """
        return self._call(ops.create_plugin(data, extra_body))

    def update_plugin(self, pk: int, data: PluginUpdate | Params, *, extra_body: Extra = None) -> Plugin:
        """Update a plugin; fields left out of `data` keep their value.

        Args:
            pk: the plugin's id.
            data: the fields to change (those of `create_plugin`, none required).
            extra_body: fields the document does not list, sent as given.

        Returns:
            The updated plugin.

        Raises:
            NotFoundError: no plugin has this id.
            ValidationError: a key is unknown, or the server refused a value.

        Example:
            ```python
            updated = client.update_plugin(123, {'version': '1.1.0'})
            print(updated['version'])
            ```
        """
        return self._call(ops.update_plugin(pk, data, extra_body))

    def run_plugin(self, pk: int, data: PluginRunRequest | Params, *, extra_body: Extra = None) -> PluginRun:
        """Run a plugin; the run is a job, which `wait_for_job` and `follow_job_console_logs` follow.

        Args:
            pk: the plugin's id.
            data: `parameters` (the plugin's own, free-form) and `context` (free-form).
            extra_body: fields the document does not list, sent as given.

        Returns:
            `job_id` (an int or a UUID string) and the new job's `status`.

        Raises:
            NotFoundError: no plugin has this id.
            ValidationError: a key is unknown (`'paramters'`), or the server refused the run.

        Example:
            ```python
            run = client.run_plugin(123, {'parameters': {'threshold': 0.8}})
            job = client.wait_for_job(run['job_id'], timeout=60)
            print(job['status'])
            ```
        """
        return self._call(ops.run_plugin(pk, data, extra_body))

    # -- plugin releases --------------------------------------------------------------------

    @overload
    def get_plugin_release(
        self, pk: int, params: _ExpandPlugin, *, extra_query: Extra = None
    ) -> PluginReleaseWithPlugin: ...
    @overload
    def get_plugin_release(
        self, pk: int, params: GetPluginReleaseParams | Params | None = None, *, extra_query: Extra = None
    ) -> PluginRelease: ...
    def get_plugin_release(
        self, pk: int, params: GetPluginReleaseParams | Params | None = None, *, extra_query: Extra = None
    ) -> PluginRelease | PluginReleaseWithPlugin:
        """Get a plugin release.

        Args:
            pk: the release's id.
            params: `{'expand': 'plugin'}` replaces the plugin's id (`release['plugin']`) with
                the whole plugin; the result is then typed `PluginReleaseWithPlugin`.
            extra_query: query parameters the document does not list, sent as given.

        Returns:
            The release: `id`, `plugin`, `version`, `changelog`, `is_stable`, `file`, `size`,
            `checksum`, `created`.

        Raises:
            NotFoundError: no release has this id.

        Example:
            ```python
            release = client.get_plugin_release(456, params={'expand': 'plugin'})
            print(release['version'], release['plugin']['name'])
            ```
        """
        return self._call(ops.get_plugin_release(pk, params, extra_query))

    def list_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[PluginRelease], int]:
        """One page of plugin releases and the number of all that match: `(releases, total)`.

        Args:
            params: filters `plugin` (an id), `ordering`, and `page`, `page_size`.
            extra_query: query parameters the document does not list, sent as given.

        Example:
            ```python
            releases, total = client.list_plugin_releases({'plugin': 123})
            print(total, [release['version'] for release in releases])
            ```
        """
        return self._call(ops.plugin_releases_page(params, extra_query)).pair()

    def iter_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, *, extra_query: Extra = None
    ) -> Iterator[PluginRelease]:
        """Every release matching `params` (as for `list_plugin_releases`), page after page."""
        return self._walk(ops.plugin_releases_page, params, extra_query)

    def create_plugin_release(
        self,
        data: PluginReleaseCreate | Params,
        *,
        progress: ProgressCallback | None = None,
        extra_body: Extra = None,
    ) -> PluginRelease:
        """Create a plugin release by uploading its package (multipart/form-data).

        Args:
            data: `plugin` (id) and `version` (required), `changelog`, `is_stable`, and `file`:
                the package as an open binary file (it stays open), a path (opened and closed
                by the client), or bytes. The package streams from disk in constant memory.
            progress: called as `progress(bytes_sent, total)` while the package is sent.
            extra_body: form fields the document does not list; dicts and lists go out as
                JSON, booleans as `true`/`false`.

        Returns:
            The created release, with its `id`, `size` and `checksum`.

        Raises:
            ValidationError: a required field is missing, a key is unknown, the file cannot be
                read, or the server refused the package.

        Example:
            ```python
            new_release = client.create_plugin_release(
                {'plugin': 123, 'version': '2.0.1', 'file': b'PK\\x05\\x06' + bytes(18)}
            )
            print(new_release['id'], new_release['size'])
            ```
        """
        return self._call(ops.create_plugin_release(data, progress, extra_body))

    # -- jobs -------------------------------------------------------------------------------

    @overload
    def get_job(self, pk: int | str, params: _ExpandLogs, *, extra_query: Extra = None) -> JobWithLogs: ...
    @overload
    def get_job(
        self, pk: int | str, params: _ExpandMetrics, *, extra_query: Extra = None
    ) -> JobWithMetrics: ...
    @overload
    def get_job(
        self, pk: int | str, params: _ExpandResult, *, extra_query: Extra = None
    ) -> JobWithResult: ...
    @overload
    def get_job(
        self, pk: int | str, params: GetJobParams | Params | None = None, *, extra_query: Extra = None
    ) -> Job: ...
    def get_job(
        self, pk: int | str, params: GetJobParams | Params | None = None, *, extra_query: Extra = None
    ) -> Job | JobWithLogs | JobWithMetrics | JobWithResult:
        """Get a job.

        Args:
            pk: the job's id, an int or (newer backends) a UUID string.
            params: `{'expand': 'logs'}` adds its console `logs` (also `metrics`, `result`, or
                several: `'logs,metrics'` or `['logs', 'metrics']`). With one expand value the
                result is typed so that the field asked for is there (`JobWithLogs`, ...).
            extra_query: query parameters the document does not list, sent as given.

        Returns:
            The job: `id`, `plugin`, `status`, `progress`, `metadata`, `user`, `created`,
            `modified`, and what `expand` asked for.

        Raises:
            NotFoundError: no job has this id.

        Example:
            ```python
            job = client.get_job(789, params={'expand': 'logs'})
            print(job['status'], len(job['logs']))
            ```
        """
        return self._call(ops.get_job(pk, params, extra_query))

    def list_jobs(
        self, params: ListJobsParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[Job], int]:
        """One page of jobs and the number of all that match: `(jobs, total_count)`.

        Args:
            params: filters `status`, `plugin`, `user`, `created_after` (a datetime, a date or
                an ISO 8601 string; a naive value is local time), `search`, `ordering`
                (`-created`, say), and `page`, `page_size`. An unknown key is refused, naming
                the closest one (`'stauts'`: did you mean `'status'`?).
            extra_query: query parameters the document does not list, sent as given.

        Example:
            ```python
            jobs, total = client.list_jobs({'status': 'running', 'ordering': '-created'})
            print(total, [job['id'] for job in jobs])
            ```
        """
        return self._call(ops.list_jobs(params, extra_query))

    def iter_jobs(
        self, params: ListJobsParams | Params | None = None, *, extra_query: Extra = None
    ) -> Iterator[Job]:
        """Every job matching `params` (as for `list_jobs`), page after page, fetched lazily.

        Memory stays constant however many jobs match; `page_size` sets how many a request fetches.

        Example:
            ```python
            for job in client.iter_jobs({'plugin': 123, 'page_size': 500}):
                print(job['id'], job['status'])
            ```
        """
        return self._walk(ops.jobs_page, params, extra_query)

    def update_job(self, pk: int | str, data: JobUpdate | Params, *, extra_body: Extra = None) -> Job:
        """Update a job's `status`, `progress` (0-100), `result` or `metadata`.

        Args:
            pk: the job's id.
            data: the fields to change; a key the document does not name (`'stauts'`) is
                refused before sending.
            extra_body: fields the document does not list, sent as given.

        Returns:
            The updated job.

        Raises:
            NotFoundError: no job has this id.
            ValidationError: a key is unknown, or the server refused a value.

        Example:
            ```python
            job = client.update_job(789, {'progress': 75, 'metadata': {'step': 'resize'}})
            print(job['progress'])
            ```
        """
        return self._call(ops.update_job(pk, data, extra_body))

    def list_job_console_logs(self, pk: int | str, *, since: int | None = None) -> list[ConsoleLogEntry]:
        """A job's console log entries, oldest first.

        Args:
            pk: the job's id.
            since: only the entries after this position (entries are numbered from 1, in
                their `id`); for reading a log piece by piece.

        Returns:
            The entries: `timestamp`, `level`, `message` (and `id`, their position).

        Raises:
            NotFoundError: no job has this id.

        Example:
            ```python
            for entry in client.list_job_console_logs(789):
                print(f"[{entry['timestamp']}] {entry['level']}: {entry['message']}")
            ```
        """
        page = self._call(ops.list_job_console_logs(pk, since))
        if isinstance(page, list):
            return page
        walk = PageWalk(self.base_url, {}, 1)
        entries = page.items
        while walk.advance(page.items, page.total, page.next):  # a server that paginates them
            next_page = self._call(ops.list_job_console_logs(pk, since, walk.page))
            if isinstance(next_page, list):  # a server that stopped paginating midway
                return entries + next_page
            entries.extend(next_page.items)
            page = next_page
        return entries

    def wait_for_job(
        self,
        pk: int | str,
        *,
        timeout: float | None = None,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        on_update: JobCallback | None = None,
    ) -> Job:
        """Wait until a job has ended, and return it.

        Polls `get_job`: first after `poll_interval` seconds, then half as long again each time
        up to `max_poll_interval`; a `Retry-After` on a reply sets the next wait. A job ends in
        a terminal status (`synapse_sdk.clients.jobs.TERMINAL_STATUSES`: `completed`, `failed`,
        `SUCCEEDED`, `FAILED`, `STOPPED`); a status this client does not know is not terminal.

        A job that failed is returned, not raised: check `jobs.is_success(job['status'])`.

        Args:
            pk: the job's id.
            timeout: seconds to wait at most (None: as long as it takes).
            poll_interval: seconds before the second poll (more than 0).
            max_poll_interval: the longest wait between two polls.
            on_update: called with the job at the first poll and whenever its status or
                progress changes.

        Returns:
            The job, in its terminal status.

        Raises:
            JobWaitTimeoutError: the job had not ended after `timeout` seconds; its `job` is the
                last one seen.
            NotFoundError: no job has this id (before any wait).
            ValueError: `poll_interval`, `max_poll_interval` or `timeout` is not a valid number.

        Example:
            ```python
            run = client.run_plugin(123, {'parameters': {'threshold': 0.8}})
            job = client.wait_for_job(run['job_id'], timeout=60, on_update=lambda j: print(j['progress']))
            print(job['status'])
            ```
        """
        schedule = PollSchedule(poll_interval, max_poll_interval, timeout)
        operation = ops.get_job(pk)
        previous: Job | None = None
        while True:
            response = self._send(operation)
            job = self._result(operation, response)
            if on_update is not None and _changed(previous, job):
                on_update(job)
            if job_ended(job):
                return job
            previous = job
            wait = schedule.next_wait(parse_retry_after(response.headers.get("retry-after")))
            if wait is None:
                raise JobWaitTimeoutError.for_job(job, timeout)
            time.sleep(wait)

    def follow_job_console_logs(self, pk: int | str, *, since: int = 0) -> Iterator[ConsoleLogEntry]:
        """Yield a job's console log entries as they are written, until the job ends.

        Streams `jobs/<pk>/tail_console_logs/` (server-sent events). A dropped stream is
        reconnected with `Last-Event-ID`, so no entry is lost or yielded twice; a server without
        the stream (404/405), a proxy that buffers it (nothing arrives within the read timeout)
        or a malformed event makes the client poll `console_logs/?since=<position>` instead,
        from where it was. Memory stays constant however long the log.

        Args:
            pk: the job's id.
            since: skip the entries up to this position (0: from the first).

        Yields:
            Entries: `timestamp`, `level`, `message`, and `id` (their position from 1).

        Raises:
            NotFoundError: no job has this id.

        Example:
            ```python
            run = client.run_plugin(123, {'parameters': {'threshold': 0.8}})
            for entry in client.follow_job_console_logs(run['job_id']):
                print(f"[{entry['timestamp']}] {entry['level']}: {entry['message']}")
            ```
        """
        checked = _inputs.job_id(pk)
        cursor = LogCursor(_inputs.position(since, "since"))
        failures = 0
        while True:
            before = cursor.position
            yield from self._stream_logs(checked, cursor)
            if cursor.outcome == "end":
                return
            if cursor.outcome == "unsupported":
                break
            failures = 0 if cursor.position > before else failures + 1
            if failures > self.max_retries:
                break  # the stream keeps failing without progress: polling still works
            time.sleep(cursor.reconnect_delay)
        yield from self._poll_logs(checked, cursor)

    tail_job_console_logs = follow_job_console_logs
    """The production SDK's name for `follow_job_console_logs`."""

    # -- storages ---------------------------------------------------------------------------

    def list_storages(self, params: ListStoragesParams | Params | None = None) -> list[Storage]:
        """Every storage configuration, across all pages.

        Args:
            params: `page_size`, how many a request fetches.

        Returns:
            The storages: `id`, `name`, `provider`, `category`, `configuration` (credentials
            masked by the server), `created`.

        Example:
            ```python
            for storage in client.list_storages():
                print(storage['name'], storage['provider'])
            ```
        """
        return list(self._walk(ops.storages_page, params, None))

    def get_storage(self, pk: int) -> Storage:
        """Get a storage configuration.

        Args:
            pk: the storage's id.

        Raises:
            NotFoundError: no storage has this id.

        Example:
            ```python
            storage = client.get_storage(123)
            print(storage['name'], storage['provider'], storage['configuration'])
            ```
        """
        return self._call(ops.get_storage(pk))

    def create_storage(self, data: StorageCreate | Params, *, extra_body: Extra = None) -> Storage:
        """Create a storage configuration.

        Args:
            data: `name` and `provider` (required; `amazon_s3`, `azure`, `gcp`, `file_system`,
                `ftp`, `sftp`, `minio`, or any other the backend knows), `category`
                (`internal` or `external`) and `configuration` (provider-specific, free-form).
                Credentials in `configuration` are redacted from logs and errors.
            extra_body: fields the document does not list, sent as given.

        Returns:
            The created storage.

        Raises:
            ValidationError: `name` or `provider` is missing (both named at once), a key is
                unknown, or the server refused a value.

        Example:
            ```python
            storage = client.create_storage({'name': 'Scratch', 'provider': 'file_system',
                                             'configuration': {'base_path': '/tmp/scratch'}})
            print(storage['id'])
            ```
        """
        return self._call(ops.create_storage(data, extra_body))

    # -- the loops under the helpers --------------------------------------------------------

    def _walk(self, operation: PageOperation[T], params: object, extra: Extra) -> Iterator[T]:
        walk = PageWalk.start(self.base_url, params)
        while True:
            page = self._call(operation({**walk.query, "page": walk.page}, extra))
            more = walk.advance(page.items, page.total, page.next)
            yield from page.items
            del page  # free this page before fetching the next one
            if not more:
                return

    def _stream_logs(self, pk: Any, cursor: LogCursor) -> Iterator[ConsoleLogEntry]:
        """One stream, from the cursor on; sets `cursor.outcome` to how it ended."""
        from httpx_sse import EventSource

        cursor.outcome = "dropped"
        request = self._build_request(self._http, ops.tail_job_console_logs(pk, cursor.position))
        try:
            response = self._transmit(self._http, request, stream=True)
        except _STREAM_BROKEN:
            return
        except httpx.TimeoutException:
            cursor.outcome = "unsupported"
            return
        try:
            if response.status_code in _NO_STREAM or (response.is_success and not _is_event_stream(response)):
                cursor.outcome = "unsupported"
                return
            if not response.is_success:
                response.read()
                raise _errors.from_response(response)
            for event in EventSource(response).iter_sse():
                entry = cursor.take_event(event.event, event.data, event.id, event.retry)
                if entry is not None:
                    yield cast("ConsoleLogEntry", entry)
                if cursor.ended:
                    return
        except MalformedEvent as error:
            log.warning("console log stream of job %s: %s; polling instead", pk, error)
            cursor.outcome = "unsupported"
        except httpx.TimeoutException:
            log.info("console log stream of job %s: silent past the read timeout; polling instead", pk)
            cursor.outcome = "unsupported"
        except _STREAM_BROKEN:
            pass  # dropped: the caller reconnects from the cursor
        finally:
            response.close()

    def _poll_logs(self, pk: Any, cursor: LogCursor) -> Iterator[ConsoleLogEntry]:
        while True:
            job = self.get_job(pk)
            ended = job_ended(job)
            for entry in cursor.take_polled(self.list_job_console_logs(pk, since=cursor.position or None)):
                yield cast("ConsoleLogEntry", entry)
            if ended:
                return
            time.sleep(DEFAULT_LOG_POLL_INTERVAL)


def _is_event_stream(response: httpx.Response) -> bool:
    content_type: str = response.headers.get("content-type", "")
    return content_type.partition(";")[0].strip() == "text/event-stream"


class AsyncIntegrationClientMixin(AsyncAPIClient):
    """The methods of `IntegrationClientMixin`, awaitable; the list walkers and
    `follow_job_console_logs` are async iterators (`async for`). Each method takes the same
    arguments, returns the same shapes and raises the same errors as its sync twin."""

    # -- agents -----------------------------------------------------------------------------

    async def health_check_agent(self, token: str) -> AgentHealth:
        """Check an agent's health and connection.

        The awaitable twin of `BackendClient.health_check_agent`: the same arguments, result and errors."""
        return await self._call(ops.health_check_agent(token))

    async def list_agents(
        self, params: ListAgentsParams | Params | None = None, *, extra_query: Extra = None
    ) -> list[Agent]:
        """Every agent, across all pages.

        The awaitable twin of `BackendClient.list_agents`: the same arguments, result and errors."""
        return [agent async for agent in self._walk(ops.agents_page, params, extra_query)]

    # -- plugins ----------------------------------------------------------------------------

    async def get_plugin(self, pk: int) -> Plugin:
        """Get a plugin, with its metadata and configuration.

        The awaitable twin of `BackendClient.get_plugin`: the same arguments, result and errors."""
        return await self._call(ops.get_plugin(pk))

    async def list_plugins(
        self, params: ListPluginsParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[Plugin], int]:
        """One page of plugins and the number of all that match: `(plugins, total_count)`.

        The awaitable twin of `BackendClient.list_plugins`: the same arguments, result and errors."""
        return (await self._call(ops.plugins_page(params, extra_query))).pair()

    def iter_plugins(
        self, params: ListPluginsParams | Params | None = None, *, extra_query: Extra = None
    ) -> AsyncIterator[Plugin]:
        """Every plugin matching `params` (as for `list_plugins`), page after page, lazily.

        The async twin of `BackendClient.iter_plugins`, used with `async for`: the same arguments and errors."""
        return self._walk(ops.plugins_page, params, extra_query)

    async def create_plugin(self, data: PluginCreate | Params, *, extra_body: Extra = None) -> Plugin:
        """Create a plugin.

        The awaitable twin of `BackendClient.create_plugin`: the same arguments, result and errors."""
        return await self._call(ops.create_plugin(data, extra_body))

    async def update_plugin(
        self, pk: int, data: PluginUpdate | Params, *, extra_body: Extra = None
    ) -> Plugin:
        """Update a plugin; fields left out of `data` keep their value.

        The awaitable twin of `BackendClient.update_plugin`: the same arguments, result and errors."""
        return await self._call(ops.update_plugin(pk, data, extra_body))

    async def run_plugin(
        self, pk: int, data: PluginRunRequest | Params, *, extra_body: Extra = None
    ) -> PluginRun:
        """Run a plugin; the run is a job, which `wait_for_job` and `follow_job_console_logs` follow.

        The awaitable twin of `BackendClient.run_plugin`: the same arguments, result and errors."""
        return await self._call(ops.run_plugin(pk, data, extra_body))

    # -- plugin releases --------------------------------------------------------------------

    @overload
    async def get_plugin_release(
        self, pk: int, params: _ExpandPlugin, *, extra_query: Extra = None
    ) -> PluginReleaseWithPlugin: ...
    @overload
    async def get_plugin_release(
        self, pk: int, params: GetPluginReleaseParams | Params | None = None, *, extra_query: Extra = None
    ) -> PluginRelease: ...
    async def get_plugin_release(
        self, pk: int, params: GetPluginReleaseParams | Params | None = None, *, extra_query: Extra = None
    ) -> PluginRelease | PluginReleaseWithPlugin:
        """Get a plugin release.

        The awaitable twin of `BackendClient.get_plugin_release`: the same arguments, result and errors."""
        return await self._call(ops.get_plugin_release(pk, params, extra_query))

    async def list_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[PluginRelease], int]:
        """One page of plugin releases and the number of all that match: `(releases, total)`.

        The awaitable twin of `BackendClient.list_plugin_releases`: the same arguments, result and errors."""
        return (await self._call(ops.plugin_releases_page(params, extra_query))).pair()

    def iter_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, *, extra_query: Extra = None
    ) -> AsyncIterator[PluginRelease]:
        """Every release matching `params` (as for `list_plugin_releases`), page after page.

        The async twin of `BackendClient.iter_plugin_releases`, used with `async for`: the same arguments and errors."""
        return self._walk(ops.plugin_releases_page, params, extra_query)

    async def create_plugin_release(
        self,
        data: PluginReleaseCreate | Params,
        *,
        progress: ProgressCallback | None = None,
        extra_body: Extra = None,
    ) -> PluginRelease:
        """Create a plugin release by uploading its package (multipart/form-data).

        The awaitable twin of `BackendClient.create_plugin_release`: the same arguments, result and errors."""
        return await self._call(ops.create_plugin_release(data, progress, extra_body))

    # -- jobs -------------------------------------------------------------------------------

    @overload
    async def get_job(
        self, pk: int | str, params: _ExpandLogs, *, extra_query: Extra = None
    ) -> JobWithLogs: ...
    @overload
    async def get_job(
        self, pk: int | str, params: _ExpandMetrics, *, extra_query: Extra = None
    ) -> JobWithMetrics: ...
    @overload
    async def get_job(
        self, pk: int | str, params: _ExpandResult, *, extra_query: Extra = None
    ) -> JobWithResult: ...
    @overload
    async def get_job(
        self, pk: int | str, params: GetJobParams | Params | None = None, *, extra_query: Extra = None
    ) -> Job: ...
    async def get_job(
        self, pk: int | str, params: GetJobParams | Params | None = None, *, extra_query: Extra = None
    ) -> Job | JobWithLogs | JobWithMetrics | JobWithResult:
        """Get a job.

        The awaitable twin of `BackendClient.get_job`: the same arguments, result and errors."""
        return await self._call(ops.get_job(pk, params, extra_query))

    async def list_jobs(
        self, params: ListJobsParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[Job], int]:
        """One page of jobs and the number of all that match: `(jobs, total_count)`.

        The awaitable twin of `BackendClient.list_jobs`: the same arguments, result and errors."""
        return await self._call(ops.list_jobs(params, extra_query))

    def iter_jobs(
        self, params: ListJobsParams | Params | None = None, *, extra_query: Extra = None
    ) -> AsyncIterator[Job]:
        """Every job matching `params` (as for `list_jobs`), page after page, fetched lazily.

        The async twin of `BackendClient.iter_jobs`, used with `async for`: the same arguments and errors."""
        return self._walk(ops.jobs_page, params, extra_query)

    async def update_job(self, pk: int | str, data: JobUpdate | Params, *, extra_body: Extra = None) -> Job:
        """Update a job's `status`, `progress` (0-100), `result` or `metadata`.

        The awaitable twin of `BackendClient.update_job`: the same arguments, result and errors."""
        return await self._call(ops.update_job(pk, data, extra_body))

    async def list_job_console_logs(
        self, pk: int | str, *, since: int | None = None
    ) -> list[ConsoleLogEntry]:
        """A job's console log entries, oldest first.

        The awaitable twin of `BackendClient.list_job_console_logs`: the same arguments, result and errors."""
        page = await self._call(ops.list_job_console_logs(pk, since))
        if isinstance(page, list):
            return page
        walk = PageWalk(self.base_url, {}, 1)
        entries = page.items
        while walk.advance(page.items, page.total, page.next):  # a server that paginates them
            next_page = await self._call(ops.list_job_console_logs(pk, since, walk.page))
            if isinstance(next_page, list):  # a server that stopped paginating midway
                return entries + next_page
            entries.extend(next_page.items)
            page = next_page
        return entries

    async def wait_for_job(
        self,
        pk: int | str,
        *,
        timeout: float | None = None,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        on_update: JobCallback | None = None,
    ) -> Job:
        """Wait until a job has ended, and return it.

        The awaitable twin of `BackendClient.wait_for_job`: the same arguments, result and errors."""
        schedule = PollSchedule(poll_interval, max_poll_interval, timeout)
        operation = ops.get_job(pk)
        previous: Job | None = None
        while True:
            response = await self._send(operation)
            job = self._result(operation, response)
            if on_update is not None and _changed(previous, job):
                on_update(job)
            if job_ended(job):
                return job
            previous = job
            wait = schedule.next_wait(parse_retry_after(response.headers.get("retry-after")))
            if wait is None:
                raise JobWaitTimeoutError.for_job(job, timeout)
            await _sleep(wait)

    async def follow_job_console_logs(
        self, pk: int | str, *, since: int = 0
    ) -> AsyncIterator[ConsoleLogEntry]:
        """Yield a job's console log entries as they are written, until the job ends.

        The async twin of `BackendClient.follow_job_console_logs`, used with `async for`: the same arguments and errors."""
        checked = _inputs.job_id(pk)
        cursor = LogCursor(_inputs.position(since, "since"))
        failures = 0
        while True:
            before = cursor.position
            async for entry in self._stream_logs(checked, cursor):
                yield entry
            if cursor.outcome == "end":
                return
            if cursor.outcome == "unsupported":
                break
            failures = 0 if cursor.position > before else failures + 1
            if failures > self.max_retries:
                break  # the stream keeps failing without progress: polling still works
            await _sleep(cursor.reconnect_delay)
        async for entry in self._poll_logs(checked, cursor):
            yield entry

    tail_job_console_logs = follow_job_console_logs
    """The production SDK's name for `follow_job_console_logs`."""

    # -- storages ---------------------------------------------------------------------------

    async def list_storages(self, params: ListStoragesParams | Params | None = None) -> list[Storage]:
        """Every storage configuration, across all pages.

        The awaitable twin of `BackendClient.list_storages`: the same arguments, result and errors."""
        return [storage async for storage in self._walk(ops.storages_page, params, None)]

    async def get_storage(self, pk: int) -> Storage:
        """Get a storage configuration.

        The awaitable twin of `BackendClient.get_storage`: the same arguments, result and errors."""
        return await self._call(ops.get_storage(pk))

    async def create_storage(self, data: StorageCreate | Params, *, extra_body: Extra = None) -> Storage:
        """Create a storage configuration.

        The awaitable twin of `BackendClient.create_storage`: the same arguments, result and errors."""
        return await self._call(ops.create_storage(data, extra_body))

    # -- the loops under the helpers --------------------------------------------------------

    async def _walk(self, operation: PageOperation[T], params: object, extra: Extra) -> AsyncIterator[T]:
        walk = PageWalk.start(self.base_url, params)
        while True:
            page = await self._call(operation({**walk.query, "page": walk.page}, extra))
            more = walk.advance(page.items, page.total, page.next)
            for item in page.items:
                yield item
            del page  # free this page before fetching the next one
            if not more:
                return

    async def _stream_logs(self, pk: Any, cursor: LogCursor) -> AsyncIterator[ConsoleLogEntry]:
        """One stream, from the cursor on; sets `cursor.outcome` to how it ended."""
        from httpx_sse import EventSource

        cursor.outcome = "dropped"
        request = self._build_request(self._http, ops.tail_job_console_logs(pk, cursor.position))
        try:
            response = await self._transmit(self._http, request, stream=True)
        except _STREAM_BROKEN:
            return
        except httpx.TimeoutException:
            cursor.outcome = "unsupported"
            return
        try:
            if response.status_code in _NO_STREAM or (response.is_success and not _is_event_stream(response)):
                cursor.outcome = "unsupported"
                return
            if not response.is_success:
                await response.aread()
                raise _errors.from_response(response)
            async for event in EventSource(response).aiter_sse():
                entry = cursor.take_event(event.event, event.data, event.id, event.retry)
                if entry is not None:
                    yield cast("ConsoleLogEntry", entry)
                if cursor.ended:
                    return
        except MalformedEvent as error:
            log.warning("console log stream of job %s: %s; polling instead", pk, error)
            cursor.outcome = "unsupported"
        except httpx.TimeoutException:
            log.info("console log stream of job %s: silent past the read timeout; polling instead", pk)
            cursor.outcome = "unsupported"
        except _STREAM_BROKEN:
            pass  # dropped: the caller reconnects from the cursor
        finally:
            await response.aclose()

    async def _poll_logs(self, pk: Any, cursor: LogCursor) -> AsyncIterator[ConsoleLogEntry]:
        while True:
            job = await self.get_job(pk)
            ended = job_ended(job)
            for entry in cursor.take_polled(
                await self.list_job_console_logs(pk, since=cursor.position or None)
            ):
                yield cast("ConsoleLogEntry", entry)
            if ended:
                return
            await _sleep(DEFAULT_LOG_POLL_INTERVAL)


async def _sleep(seconds: float) -> None:
    import asyncio  # only async clients pay for importing asyncio

    await asyncio.sleep(seconds)
