"""The documented operations, each as a request built by the generated code plus the shape of
its result. Shared by the sync and async clients, which only differ in how they send.

Each function checks its inputs, turns a documented `data` dict into the generated body model
(`from_dict`), and asks the operation's generated `_get_kwargs` for the request: the path,
verb, query and serialisation live in `generated/synapse_api` alone. The answer is not parsed
into models: the documented methods return the server's JSON as it came.

Which keys a body or a filter may have is read from the TypedDicts that `make client` writes
from the document (`synapse_sdk.clients.types`): a key the document does not name is refused,
with the closest documented one, unless it comes through `extra_body` / `extra_query`.

Generated modules are imported on first use, which keeps `import synapse_sdk` cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Generic, NamedTuple, Protocol, TypeVar, cast

from . import _inputs
from ._redact import secrets_in
from ._upload import Package, ProgressCallback, open_package
from .exceptions import LOCAL_CHECK, ValidationError

if TYPE_CHECKING:
    from .types import (
        Agent,
        AgentHealth,
        ConsoleLogEntry,
        Job,
        Plugin,
        PluginRelease,
        PluginRun,
        Storage,
    )

T = TypeVar("T")
M = TypeVar("M", bound="_BodyModel")
Extra = Mapping[str, Any] | None

_EXTRA_BODY = "pass it in extra_body={...} to send it all the same"
_EXTRA_QUERY = "pass it in extra_query={...} to send it all the same"


class Page(NamedTuple, Generic[T]):
    """One page of a list endpoint."""

    items: list[T]
    total: int
    next: str | None

    def pair(self) -> tuple[list[T], int]:
        """`(items, total_count)`, as the documented `list_jobs` returns a page."""
        return self.items, self.total


class _BodyModel(Protocol):
    @classmethod
    def from_dict(cls: type[M], src_dict: Mapping[str, Any]) -> M: ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """One request to send, and how to turn its JSON answer into the documented result."""

    kwargs: dict[str, Any]
    shape: Callable[[Any], T]
    secrets: tuple[str, ...] = ()
    upload_size: int | None = None
    closes: tuple[IO[bytes], ...] = ()
    package: Package | None = None  # a body that may not be sendable twice (see _upload)


def _as_is(body: Any) -> Any:
    return body


def _types() -> Any:
    from . import types

    return types


def _body(model: type[M], data: object, shape: Any, extra: Extra = None) -> M:
    """The generated body model for `data`. Unknown keys, missing required ones and values the
    model can not hold are refused here, all named at once, before anything is sent."""
    data = _inputs.mapping(data)
    _inputs.check_keys(data, shape, extra_hint=_EXTRA_BODY)
    merged = {**data, **_inputs.mapping(extra, "extra_body")} if extra else data
    try:
        body = model.from_dict(merged)
    except (TypeError, ValueError, AttributeError, KeyError) as error:
        raise ValidationError(
            f"data: {error}", status_code=LOCAL_CHECK, response={"non_field_errors": [str(error)]}
        ) from None
    # from_dict reads null in a field that is not nullable as absent: say so rather than drop it.
    sent = body.to_dict()
    dropped = {key: "This field may not be null." for key in merged if key not in sent}
    if dropped:
        raise _inputs.invalid_fields(dropped)
    return body


# Value checks of filters, by name; which names an operation takes comes from the document.
_FILTER_VALUES: dict[str, Callable[[Any, str], Any]] = {
    "plugin": _inputs.positive_int,
    "user": _inputs.positive_int,
    "page": _inputs.positive_int,
    "page_size": _inputs.positive_int,
    "since": _inputs.position,
    "created_after": _inputs.date_time,
}


def _filters(params: object, shape: Any, extra: Extra = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The checked filters of `params` as `_get_kwargs` arguments, and the extra query pairs.
    `None` values mean "no filter"; a list for `expand` reads as the server's `a,b`."""
    query = {key: value for key, value in _inputs.params(params).items() if value is not None}
    _inputs.check_keys(query, shape, extra_hint=_EXTRA_QUERY)
    arguments: dict[str, Any] = {}
    for key, value in query.items():
        if key in _FILTER_VALUES:
            arguments[key] = _FILTER_VALUES[key](value, key)
        elif key == "expand" and isinstance(value, list | tuple):
            arguments[key] = ",".join(map(str, value))
        else:
            arguments[key] = str(value)
    return arguments, dict(_inputs.mapping(extra, "extra_query")) if extra else {}


# -- agents ---------------------------------------------------------------------------------


def health_check_agent(token: object) -> Operation[AgentHealth]:
    from synapse_api.api.agents import health_check_agent as op

    checked = _inputs.agent_token(token)
    return Operation(op._get_kwargs(token=checked), _as_is, secrets=(checked,))


def agents_page(params: object, extra: Extra = None) -> Operation[Page[Agent]]:
    from synapse_api.api.agents import list_agents as op

    arguments, extra_query = _filters(params, _types().ListAgentsParams, extra)
    return Operation(_with_extra_params(op._get_kwargs(**arguments), extra_query), _page)


# -- plugins --------------------------------------------------------------------------------


def get_plugin(pk: object) -> Operation[Plugin]:
    from synapse_api.api.plugins import get_plugin as op

    return Operation(op._get_kwargs(pk=_inputs.positive_int(pk, "pk")), _as_is)


def plugins_page(params: object, extra: Extra = None) -> Operation[Page[Plugin]]:
    from synapse_api.api.plugins import list_plugins as op

    arguments, extra_query = _filters(params, _types().ListPluginsParams, extra)
    return Operation(_with_extra_params(op._get_kwargs(**arguments), extra_query), _page)


def create_plugin(data: object, extra: Extra = None) -> Operation[Plugin]:
    from synapse_api.api.plugins import create_plugin as op
    from synapse_api.models import PluginCreate

    body = _body(PluginCreate, data, _types().PluginCreate, extra)
    return Operation(op._get_kwargs(body=body), _as_is)


def update_plugin(pk: object, data: object, extra: Extra = None) -> Operation[Plugin]:
    from synapse_api.api.plugins import update_plugin as op
    from synapse_api.models import PluginUpdate

    checked = _inputs.positive_int(pk, "pk")
    body = _body(PluginUpdate, data, _types().PluginUpdate, extra)
    return Operation(op._get_kwargs(pk=checked, body=body), _as_is)


def run_plugin(pk: object, data: object, extra: Extra = None) -> Operation[PluginRun]:
    from synapse_api.api.plugins import run_plugin as op
    from synapse_api.models import PluginRunRequest

    checked = _inputs.positive_int(pk, "pk")
    body = _body(PluginRunRequest, data, _types().PluginRunRequest, extra)
    return Operation(op._get_kwargs(pk=checked, body=body), _as_is)


# -- plugin releases ------------------------------------------------------------------------


def get_plugin_release(pk: object, params: object = None, extra: Extra = None) -> Operation[PluginRelease]:
    from synapse_api.api.plugin_releases import get_plugin_release as op

    checked = _inputs.positive_int(pk, "pk")
    arguments, extra_query = _filters(params, _types().GetPluginReleaseParams, extra)
    return Operation(_with_extra_params(op._get_kwargs(pk=checked, **arguments), extra_query), _as_is)


def plugin_releases_page(params: object, extra: Extra = None) -> Operation[Page[PluginRelease]]:
    from synapse_api.api.plugin_releases import list_plugin_releases as op

    arguments, extra_query = _filters(params, _types().ListPluginReleasesParams, extra)
    return Operation(_with_extra_params(op._get_kwargs(**arguments), extra_query), _page)


def create_plugin_release(
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
    _inputs.check_keys(fields, _types().PluginReleaseCreate, extra_hint=_EXTRA_BODY)
    package = open_package(fields["file"], progress)
    try:
        body = _body(PluginReleaseCreate, {**fields, "file": b""}, _types().PluginReleaseCreate, extra)
    except BaseException:
        package.close_if_owned()
        raise
    # No mime type: httpx guesses it from the file name.
    body.file = File(payload=cast(BinaryIO, package.stream), file_name=package.name)
    return Operation(
        op._get_kwargs(body=body),
        _as_is,
        upload_size=package.size,
        closes=package.owned,
        package=package,
    )


# -- jobs -----------------------------------------------------------------------------------


def get_job(pk: object, params: object = None, extra: Extra = None) -> Operation[Job]:
    from synapse_api.api.jobs import get_job as op

    checked = _inputs.job_id(pk)
    arguments, extra_query = _filters(params, _types().GetJobParams, extra)
    return Operation(_with_extra_params(op._get_kwargs(pk=checked, **arguments), extra_query), _as_is)


def jobs_page(params: object, extra: Extra = None) -> Operation[Page[Job]]:
    from synapse_api.api.jobs import list_jobs as op

    arguments, extra_query = _filters(params, _types().ListJobsParams, extra)
    return Operation(_with_extra_params(op._get_kwargs(**arguments), extra_query), _page)


def list_jobs(params: object = None, extra: Extra = None) -> Operation[tuple[list[Job], int]]:
    page = jobs_page(params, extra)
    return Operation(page.kwargs, lambda body: _page(body).pair())


def update_job(pk: object, data: object, extra: Extra = None) -> Operation[Job]:
    from synapse_api.api.jobs import update_job as op
    from synapse_api.models import JobUpdate

    checked = _inputs.job_id(pk)
    body = _body(JobUpdate, data, _types().JobUpdate, extra)
    return Operation(op._get_kwargs(pk=checked, body=body), _as_is)


def list_job_console_logs(
    pk: object, since: object = None, page: int = 1
) -> Operation[list[ConsoleLogEntry] | Page[ConsoleLogEntry]]:
    """The entries: the document's reply is a plain list; a server that paginates its console
    logs answers a page envelope instead, which the client follows."""
    from synapse_api.api.jobs import list_job_console_logs as op

    arguments, _ = _filters({"since": since}, _types().ListJobConsoleLogsParams)
    kwargs = op._get_kwargs(pk=_inputs.job_id(pk), **arguments)
    return Operation(_with_extra_params(kwargs, {"page": page} if page > 1 else {}), _list_or_page)


def _list_or_page(body: Any) -> list[Any] | Page[Any]:
    return body if isinstance(body, list) else _page(body)


def tail_job_console_logs(pk: object, since: int) -> Operation[None]:
    """The stream request; `since` goes out as `Last-Event-ID`, which is what a reconnecting
    SSE client sends (the query form is for clients that cannot set headers)."""
    from synapse_api.api.jobs import tail_job_console_logs as op

    kwargs = op._get_kwargs(pk=_inputs.job_id(pk), last_event_id=str(since) if since else _unset())
    kwargs["headers"] = {**kwargs.get("headers", {}), "Accept": "text/event-stream"}
    return Operation(kwargs, _no_shape)


def _no_shape(body: Any) -> None:
    raise TypeError("a stream has no JSON shape")


# -- storages -------------------------------------------------------------------------------


def storages_page(params: object, extra: Extra = None) -> Operation[Page[Storage]]:
    from synapse_api.api.storages import list_storages as op

    arguments, extra_query = _filters(params, _types().ListStoragesParams, extra)
    return Operation(_with_extra_params(op._get_kwargs(**arguments), extra_query), _page)


def get_storage(pk: object) -> Operation[Storage]:
    from synapse_api.api.storages import get_storage as op

    return Operation(op._get_kwargs(pk=_inputs.positive_int(pk, "pk")), _as_is)


def create_storage(data: object, extra: Extra = None) -> Operation[Storage]:
    from synapse_api.api.storages import create_storage as op
    from synapse_api.models import StorageCreate

    body = _body(StorageCreate, data, _types().StorageCreate, extra)
    return Operation(op._get_kwargs(body=body), _as_is, secrets=tuple(secrets_in(body.to_dict())))


# -- result shapes --------------------------------------------------------------------------


def _page(body: Any) -> Page[Any]:
    """A page envelope, or a plain list (a backend with pagination switched off) as the one and
    only page; TypeError when it is neither."""
    if isinstance(body, list):
        return Page(body, len(body), None)
    results, count, link = body["results"], body["count"], body.get("next")
    if not isinstance(results, list) or not isinstance(count, int) or isinstance(count, bool):
        raise TypeError("a page needs a 'results' list and an integer 'count'")
    if link is not None and not isinstance(link, str):
        raise TypeError("a page's 'next' must be a URL or null")
    return Page(results, count, link)


# -- helpers --------------------------------------------------------------------------------


def _unset() -> Any:
    from synapse_api.types import UNSET

    return UNSET


def _with_extra_params(kwargs: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Query pairs given through `extra_query`, added to the documented ones (which win)."""
    if extra:
        kwargs["params"] = {**extra, **(kwargs.get("params") or {})}
    return kwargs
