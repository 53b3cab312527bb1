"""How each plugin-release call becomes a request: the `*_operation` builders and their helpers.

Private to `releases`, whose sync and async mixins share them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO, cast

from .. import _inputs
from .._operation import (
    EXTRA_BODY,
    Extra,
    Operation,
    Page,
    as_is,
    body_model,
    filters,
    page_of,
    types_module,
    with_extra_params,
)
from .._upload import ProgressCallback, open_package

if TYPE_CHECKING:
    from ..types import PluginRelease


def get_plugin_release_operation(
    pk: object, params: object = None, extra: Extra = None, field: str = "pk"
) -> Operation[PluginRelease]:
    """A release by its id, or (production) by `'<plugin code>@<version>'`; the generated code
    percent-encodes the `@` too (`%40`), which servers decode before they route."""
    from synapse_api.api.plugin_releases import get_plugin_release as op

    checked = _inputs.release_lookup(pk, field)
    arguments, extra_query = filters(params, types_module().GetPluginReleaseParams, extra)
    return Operation(with_extra_params(op.request_kwargs(pk=checked, **arguments), extra_query), as_is)


def plugin_releases_page_operation(params: object, extra: Extra = None) -> Operation[Page[PluginRelease]]:
    from synapse_api.api.plugin_releases import list_plugin_releases as op

    arguments, extra_query = filters(
        params, types_module().ListPluginReleasesParams, extra, checks={"plugin": _inputs.plugin_ref}
    )
    return Operation(with_extra_params(op.request_kwargs(**arguments), extra_query), page_of)


def lookup_params(expand: str | None, params: object) -> dict[str, Any]:
    """`get_plugin_release_by_lookup`'s query: `expand` unless `params` says otherwise; None
    values left out (the production SDK's rule)."""
    merged = {"expand": expand, **_inputs.params(params)}
    return {key: value for key, value in merged.items() if value is not None}


def release_fields(data: object, file: object) -> dict[str, Any]:
    """The form fields of a new release, with the production call form's `file=` folded in."""
    fields = dict(_inputs.mapping(data))
    if file is not None:
        if fields.get("file") is not None:
            raise _inputs.invalid(
                "file", "given twice: pass the package as data['file'] or as file=, not both"
            )
        fields["file"] = file
    return fields


def by_code(code: str, params: object) -> dict[str, Any]:
    return {**_inputs.params(params), "plugin": _inputs.plugin_ref(code, "plugin_code")}


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
