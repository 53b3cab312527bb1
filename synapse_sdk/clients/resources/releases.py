"""Plugin releases: a plugin's uploaded packages."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, BinaryIO, Literal, overload

from typing_extensions import TypedDict

from .._base import AsyncAPIClient, SyncAPIClient
from .._operation import Extra, Params
from .._upload import ProgressCallback
from ._release_requests import (
    by_code,
    create_plugin_release_operation,
    get_plugin_release_operation,
    lookup_params,
    plugin_releases_page_operation,
    release_fields,
)

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


class PluginReleasesMixin(SyncAPIClient):
    """Plugin releases: a plugin's uploaded packages."""

    @overload
    def get_plugin_release(
        self, pk: int | str, params: _ExpandPlugin, *, extra_query: Extra = None
    ) -> PluginReleaseWithPlugin: ...
    @overload
    def get_plugin_release(
        self,
        pk: int | str,
        params: GetPluginReleaseParams | Params | None = None,
        *,
        extra_query: Extra = None,
    ) -> PluginRelease: ...
    def get_plugin_release(
        self,
        pk: int | str,
        params: GetPluginReleaseParams | Params | None = None,
        *,
        extra_query: Extra = None,
    ) -> PluginRelease | PluginReleaseWithPlugin:
        """Get a plugin release.

        Args:
            pk: the release's id (or `'<plugin code>@<version>'`, as `get_plugin_release_by_lookup`).
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

    @overload
    def list_plugin_releases(
        self,
        plugin_code: str,
        *,
        params: ListPluginReleasesParams | Params | None = None,
        extra_query: Extra = None,
    ) -> list[PluginRelease]: ...
    @overload
    def list_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, /, *, extra_query: Extra = None
    ) -> tuple[list[PluginRelease], int]: ...
    @overload
    def list_plugin_releases(
        self, *, params: ListPluginReleasesParams | Params | None = None, extra_query: Extra = None
    ) -> tuple[list[PluginRelease], int]: ...
    def list_plugin_releases(
        self,
        plugin_code: str | ListPluginReleasesParams | Params | None = None,
        *,
        params: ListPluginReleasesParams | Params | None = None,
        extra_query: Extra = None,
    ) -> list[PluginRelease] | tuple[list[PluginRelease], int]:
        """One page of plugin releases and the number of all that match: `(releases, total)`;
        or, called with a plugin's code as the production SDK calls it, that plugin's releases.

        Args:
            plugin_code: a plugin's code (`'yolov8'`): the result is then the list of all its
                releases, every page, as the production SDK returns it. A dict here is `params`.
            params: filters `plugin` (an id or a code), `ordering`, and `page`, `page_size`.
            extra_query: query parameters the document does not list, sent as given.

        Example:
            ```python
            releases, total = client.list_plugin_releases({'plugin': 123})
            print(total, [release['version'] for release in releases])
            ```

            By the plugin's code, as the production SDK calls it:

            ```python
            client.create_plugin({'name': 'YOLOv8', 'code': 'yolov8'})
            print([release['version'] for release in client.list_plugin_releases('yolov8')])
            ```
        """
        if isinstance(plugin_code, str):
            return list(self._walk(plugin_releases_page_operation, by_code(plugin_code, params), extra_query))
        query = params if plugin_code is None else plugin_code
        return self._call(plugin_releases_page_operation(query, extra_query)).pair()

    @overload
    def get_plugin_release_by_lookup(
        self,
        lookup: str,
        *,
        expand: Literal["plugin"] = "plugin",
        params: GetPluginReleaseParams | Params | None = None,
        extra_query: Extra = None,
    ) -> PluginReleaseWithPlugin: ...
    @overload
    def get_plugin_release_by_lookup(
        self,
        lookup: str,
        *,
        expand: str | None,
        params: GetPluginReleaseParams | Params | None = None,
        extra_query: Extra = None,
    ) -> PluginRelease: ...
    def get_plugin_release_by_lookup(
        self,
        lookup: str,
        *,
        expand: str | None = "plugin",
        params: GetPluginReleaseParams | Params | None = None,
        extra_query: Extra = None,
    ) -> PluginRelease | PluginReleaseWithPlugin:
        """Get a plugin release by `'<plugin code>@<version>'` or its id, with its plugin.

        The production SDK's method.

        Args:
            lookup: `'yolov8@1.0.0'`, or the release's id (`'42'`).
            expand: sent as `expand=`; `'plugin'` (the default) puts the whole plugin in
                `release['plugin']`. None leaves it out.
            params: more query parameters; they win over `expand`.
            extra_query: query parameters the document does not list, sent as given.

        Raises:
            NotFoundError: no release has this id, or the plugin no such version.
            ValidationError: the lookup is neither an id nor `code@version` (nothing is sent).

        Example:
            ```python
            plugin = client.create_plugin({'name': 'Detector', 'code': 'detector'})
            client.create_plugin_release({'plugin': 'detector', 'version': '1.0.0'}, file=b'PK\x05\x06' + bytes(18))
            release = client.get_plugin_release_by_lookup('detector@1.0.0')
            print(release['version'], release['plugin']['name'])
            ```
        """
        query = lookup_params(expand, params)
        return self._call(get_plugin_release_operation(lookup, query, extra_query, field="lookup"))

    def iter_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, *, extra_query: Extra = None
    ) -> Iterator[PluginRelease]:
        """Every release matching `params` (as for `list_plugin_releases`), page after page."""
        return self._walk(plugin_releases_page_operation, params, extra_query)

    def create_plugin_release(
        self,
        data: PluginReleaseCreate | Params,
        *,
        file: str | os.PathLike[str] | bytes | BinaryIO | None = None,
        progress: ProgressCallback | None = None,
        extra_body: Extra = None,
    ) -> PluginRelease:
        """Create a plugin release by uploading its package (multipart/form-data).

        Args:
            data: `plugin` (its id, or its code) and `version` (required), `changelog`,
                `is_stable`, the production SDK's `config`, `requirements`, `debug`, and `file`:
                the package as an open binary file (it stays open), a path (opened and closed
                by the client), or bytes. The package streams from disk in constant memory.
            file: the package, as the production SDK takes it (`file='/path/to/plugin.zip'`);
                the same as `data['file']`, which it must not repeat.
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
        return self._call(create_plugin_release_operation(release_fields(data, file), progress, extra_body))


class AsyncPluginReleasesMixin(AsyncAPIClient):
    """Plugin releases: a plugin's uploaded packages. Awaitable."""

    @overload
    async def get_plugin_release(
        self, pk: int | str, params: _ExpandPlugin, *, extra_query: Extra = None
    ) -> PluginReleaseWithPlugin: ...
    @overload
    async def get_plugin_release(
        self,
        pk: int | str,
        params: GetPluginReleaseParams | Params | None = None,
        *,
        extra_query: Extra = None,
    ) -> PluginRelease: ...
    async def get_plugin_release(
        self,
        pk: int | str,
        params: GetPluginReleaseParams | Params | None = None,
        *,
        extra_query: Extra = None,
    ) -> PluginRelease | PluginReleaseWithPlugin:
        """Get a plugin release.

        The awaitable twin of `BackendClient.get_plugin_release`: the same arguments, result and errors."""
        return await self._call(get_plugin_release_operation(pk, params, extra_query))

    @overload
    async def list_plugin_releases(
        self,
        plugin_code: str,
        *,
        params: ListPluginReleasesParams | Params | None = None,
        extra_query: Extra = None,
    ) -> list[PluginRelease]: ...
    @overload
    async def list_plugin_releases(
        self, params: ListPluginReleasesParams | Params | None = None, /, *, extra_query: Extra = None
    ) -> tuple[list[PluginRelease], int]: ...
    @overload
    async def list_plugin_releases(
        self, *, params: ListPluginReleasesParams | Params | None = None, extra_query: Extra = None
    ) -> tuple[list[PluginRelease], int]: ...
    async def list_plugin_releases(
        self,
        plugin_code: str | ListPluginReleasesParams | Params | None = None,
        *,
        params: ListPluginReleasesParams | Params | None = None,
        extra_query: Extra = None,
    ) -> list[PluginRelease] | tuple[list[PluginRelease], int]:
        """One page of plugin releases and the number of all that match: `(releases, total)`;
        or, called with a plugin's code, that plugin's releases (every page).

        The awaitable twin of `BackendClient.list_plugin_releases`: the same arguments, result and errors."""
        if isinstance(plugin_code, str):
            walk = self._walk(plugin_releases_page_operation, by_code(plugin_code, params), extra_query)
            return [release async for release in walk]
        query = params if plugin_code is None else plugin_code
        return (await self._call(plugin_releases_page_operation(query, extra_query))).pair()

    @overload
    async def get_plugin_release_by_lookup(
        self,
        lookup: str,
        *,
        expand: Literal["plugin"] = "plugin",
        params: GetPluginReleaseParams | Params | None = None,
        extra_query: Extra = None,
    ) -> PluginReleaseWithPlugin: ...
    @overload
    async def get_plugin_release_by_lookup(
        self,
        lookup: str,
        *,
        expand: str | None,
        params: GetPluginReleaseParams | Params | None = None,
        extra_query: Extra = None,
    ) -> PluginRelease: ...
    async def get_plugin_release_by_lookup(
        self,
        lookup: str,
        *,
        expand: str | None = "plugin",
        params: GetPluginReleaseParams | Params | None = None,
        extra_query: Extra = None,
    ) -> PluginRelease | PluginReleaseWithPlugin:
        """Get a plugin release by `'<plugin code>@<version>'` or its id, with its plugin.

        The awaitable twin of `BackendClient.get_plugin_release_by_lookup`: the same arguments, result and errors."""
        query = lookup_params(expand, params)
        return await self._call(get_plugin_release_operation(lookup, query, extra_query, field="lookup"))

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
        file: str | os.PathLike[str] | bytes | BinaryIO | None = None,
        progress: ProgressCallback | None = None,
        extra_body: Extra = None,
    ) -> PluginRelease:
        """Create a plugin release by uploading its package (multipart/form-data).

        The awaitable twin of `BackendClient.create_plugin_release`: the same arguments, result and errors."""
        return await self._call(
            create_plugin_release_operation(release_fields(data, file), progress, extra_body)
        )
