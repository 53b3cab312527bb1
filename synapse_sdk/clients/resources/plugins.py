"""Plugins: get, list, create, update and run them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

from .. import _inputs
from .._base import AsyncAPIClient, SyncAPIClient
from .._operation import (
    Extra,
    Operation,
    Page,
    Params,
    as_is,
    body_model,
    filters,
    page_of,
    types_module,
    with_extra_params,
)

if TYPE_CHECKING:
    from ..types import (
        ListPluginsParams,
        Plugin,
        PluginCreate,
        PluginRun,
        PluginRunRequest,
        PluginUpdate,
    )


def get_plugin_operation(pk: object) -> Operation[Plugin]:
    from synapse_api.api.plugins import get_plugin as op

    return Operation(op.request_kwargs(pk=_inputs.positive_int(pk, "pk")), as_is)


def plugins_page_operation(params: object, extra: Extra = None) -> Operation[Page[Plugin]]:
    from synapse_api.api.plugins import list_plugins as op

    arguments, extra_query = filters(params, types_module().ListPluginsParams, extra)
    return Operation(with_extra_params(op.request_kwargs(**arguments), extra_query), page_of)


def create_plugin_operation(data: object, extra: Extra = None) -> Operation[Plugin]:
    from synapse_api.api.plugins import create_plugin as op
    from synapse_api.models import PluginCreate

    body = body_model(PluginCreate, data, types_module().PluginCreate, extra)
    return Operation(op.request_kwargs(body=body), as_is)


def update_plugin_operation(pk: object, data: object, extra: Extra = None) -> Operation[Plugin]:
    from synapse_api.api.plugins import update_plugin as op
    from synapse_api.models import PluginUpdate

    checked = _inputs.positive_int(pk, "pk")
    body = body_model(PluginUpdate, data, types_module().PluginUpdate, extra)
    return Operation(op.request_kwargs(pk=checked, body=body), as_is)


def run_plugin_operation(pk: object, data: object, extra: Extra = None) -> Operation[PluginRun]:
    from synapse_api.api.plugins import run_plugin as op
    from synapse_api.models import PluginRunRequest

    checked = _inputs.plugin_ref(pk, "pk")  # an id, or (production) the plugin's code
    body = body_model(PluginRunRequest, data, types_module().PluginRunRequest, extra)
    return Operation(op.request_kwargs(pk=checked, body=body), as_is)


class PluginsMixin(SyncAPIClient):
    """Plugins: get, list, create, update and run them."""

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
        return self._call(get_plugin_operation(pk))

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
        return self._call(plugins_page_operation(params, extra_query)).pair()

    def iter_plugins(
        self, params: ListPluginsParams | Params | None = None, *, extra_query: Extra = None
    ) -> Iterator[Plugin]:
        """Every plugin matching `params` (as for `list_plugins`), page after page, lazily."""
        return self._walk(plugins_page_operation, params, extra_query)

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
        return self._call(create_plugin_operation(data, extra_body))

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
        return self._call(update_plugin_operation(pk, data, extra_body))

    def run_plugin(
        self, pk: int | str, data: PluginRunRequest | Params, *, extra_body: Extra = None
    ) -> PluginRun:
        """Run a plugin; the run is a job, which `wait_for_job` and `follow_job_console_logs` follow.

        Args:
            pk: the plugin's id, or its code (`'yolov8'`, the production SDK's call form).
            data: `parameters` (the plugin's own, free-form) and `context` (free-form); or the
                production SDK's `agent`, `action`, `params`, `storage_id`, `job_id`, `debug`,
                `version`, `language`.
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

            By the plugin's code, as the production SDK calls it:

            ```python
            client.create_plugin({'name': 'YOLOv8', 'code': 'yolov8'})
            run = client.run_plugin('yolov8', {'agent': 1, 'action': 'deployment', 'params': {'num_cpus': 8}})
            print(run['job_id'], run['status'])
            ```
        """
        return self._call(run_plugin_operation(pk, data, extra_body))


class AsyncPluginsMixin(AsyncAPIClient):
    """Plugins: get, list, create, update and run them. Awaitable."""

    async def get_plugin(self, pk: int) -> Plugin:
        """Get a plugin, with its metadata and configuration.

        The awaitable twin of `BackendClient.get_plugin`: the same arguments, result and errors."""
        return await self._call(get_plugin_operation(pk))

    async def list_plugins(
        self, params: ListPluginsParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[Plugin], int]:
        """One page of plugins and the number of all that match: `(plugins, total_count)`.

        The awaitable twin of `BackendClient.list_plugins`: the same arguments, result and errors."""
        return (await self._call(plugins_page_operation(params, extra_query))).pair()

    def iter_plugins(
        self, params: ListPluginsParams | Params | None = None, *, extra_query: Extra = None
    ) -> AsyncIterator[Plugin]:
        """Every plugin matching `params` (as for `list_plugins`), page after page, lazily.

        The async twin of `BackendClient.iter_plugins`, used with `async for`: the same arguments and errors."""
        return self._walk(plugins_page_operation, params, extra_query)

    async def create_plugin(self, data: PluginCreate | Params, *, extra_body: Extra = None) -> Plugin:
        """Create a plugin.

        The awaitable twin of `BackendClient.create_plugin`: the same arguments, result and errors."""
        return await self._call(create_plugin_operation(data, extra_body))

    async def update_plugin(
        self, pk: int, data: PluginUpdate | Params, *, extra_body: Extra = None
    ) -> Plugin:
        """Update a plugin; fields left out of `data` keep their value.

        The awaitable twin of `BackendClient.update_plugin`: the same arguments, result and errors."""
        return await self._call(update_plugin_operation(pk, data, extra_body))

    async def run_plugin(
        self, pk: int | str, data: PluginRunRequest | Params, *, extra_body: Extra = None
    ) -> PluginRun:
        """Run a plugin; the run is a job, which `wait_for_job` and `follow_job_console_logs` follow.

        The awaitable twin of `BackendClient.run_plugin`: the same arguments, result and errors."""
        return await self._call(run_plugin_operation(pk, data, extra_body))
