"""Plugin releases: a plugin's uploaded packages.

The request builders (`*_operation`) check the inputs and build each request with the generated
code; `PluginReleasesMixin` and `AsyncPluginReleasesMixin` send them through the client's one boundary (`_base`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, BinaryIO, Literal, cast, overload

from typing_extensions import TypedDict

from .. import _inputs
from .._base import AsyncAPIClient, SyncAPIClient
from .._operation import (
    EXTRA_BODY,
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
from .._upload import ProgressCallback, open_package

if TYPE_CHECKING:
    from ..types import (
        GetPluginReleaseParams,
        ListPluginReleasesParams,
        PluginRelease,
        PluginReleaseCreate,
        PluginReleaseWithPlugin,
    )


class _ExpandPlugin(TypedDict):
    expand: Literal["plugin"]


def get_plugin_release_operation(
    pk: object, params: object = None, extra: Extra = None
) -> Operation[PluginRelease]:
    from synapse_api.api.plugin_releases import get_plugin_release as op

    checked = _inputs.positive_int(pk, "pk")
    arguments, extra_query = filters(params, types_module().GetPluginReleaseParams, extra)
    return Operation(with_extra_params(op.request_kwargs(pk=checked, **arguments), extra_query), as_is)


def plugin_releases_page_operation(params: object, extra: Extra = None) -> Operation[Page[PluginRelease]]:
    from synapse_api.api.plugin_releases import list_plugin_releases as op

    arguments, extra_query = filters(params, types_module().ListPluginReleasesParams, extra)
    return Operation(with_extra_params(op.request_kwargs(**arguments), extra_query), page_of)


def create_plugin_release_operation(
    data: object, progress: ProgressCallback | None = None, extra: Extra = None
) -> Operation[PluginRelease]:
    """The package in `data['file']` is an open binary file, a path, or bytes. It is streamed
    from disk in chunks (constant memory), and a path is opened here and closed after sending."""
    from synapse_api.api.plugin_releases import create_plugin_release as op
    from synapse_api.models import PluginReleaseCreate
    from synapse_api.types import File

    fields = dict(_inputs.mapping(data))
    if fields.get("file") is None:
        fields.pop("file", None)  # reported with every other problem, as a missing field
    _inputs.check_keys(fields, types_module().PluginReleaseCreate, extra_hint=EXTRA_BODY)
    package = open_package(fields["file"], progress)
    try:
        body = body_model(
            PluginReleaseCreate, {**fields, "file": b""}, types_module().PluginReleaseCreate, extra
        )
    except BaseException:
        package.close_if_owned()
        raise
    # No mime type: httpx guesses it from the file name.
    body.file = File(payload=cast(BinaryIO, package.stream), file_name=package.name)
    return Operation(
        op.request_kwargs(body=body),
        as_is,
        upload_size=package.size,
        closes=package.owned,
        package=package,
    )


class PluginReleasesMixin(SyncAPIClient):
    """Plugin releases: a plugin's uploaded packages."""

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
        return self._call(get_plugin_release_operation(pk, params, extra_query))

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
        return self._call(plugin_releases_page_operation(params, extra_query)).pair()

    def iter_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, *, extra_query: Extra = None
    ) -> Iterator[PluginRelease]:
        """Every release matching `params` (as for `list_plugin_releases`), page after page."""
        return self._walk(plugin_releases_page_operation, params, extra_query)

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
        return self._call(create_plugin_release_operation(data, progress, extra_body))


class AsyncPluginReleasesMixin(AsyncAPIClient):
    """Plugin releases: a plugin's uploaded packages. Awaitable."""

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
        return await self._call(get_plugin_release_operation(pk, params, extra_query))

    async def list_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[PluginRelease], int]:
        """One page of plugin releases and the number of all that match: `(releases, total)`.

        The awaitable twin of `BackendClient.list_plugin_releases`: the same arguments, result and errors."""
        return (await self._call(plugin_releases_page_operation(params, extra_query))).pair()

    def iter_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, *, extra_query: Extra = None
    ) -> AsyncIterator[PluginRelease]:
        """Every release matching `params` (as for `list_plugin_releases`), page after page.

        The async twin of `BackendClient.iter_plugin_releases`, used with `async for`: the same arguments and errors."""
        return self._walk(plugin_releases_page_operation, params, extra_query)

    async def create_plugin_release(
        self,
        data: PluginReleaseCreate | Params,
        *,
        progress: ProgressCallback | None = None,
        extra_body: Extra = None,
    ) -> PluginRelease:
        """Create a plugin release by uploading its package (multipart/form-data).

        The awaitable twin of `BackendClient.create_plugin_release`: the same arguments, result and errors."""
        return await self._call(create_plugin_release_operation(data, progress, extra_body))
