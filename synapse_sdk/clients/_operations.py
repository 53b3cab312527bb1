"""The documented operations, each as a request built by the generated code plus the shape of
its result. Shared by the sync and async clients, which only differ in how they send.

Each function checks its inputs, turns a documented `data` dict into the generated body model
(`from_dict`), and asks the operation's generated `_get_kwargs` for the request: the path,
verb, query and serialisation live in `generated/synapse_api` alone. The answer is not parsed
into models: the documented methods return the server's JSON as it came.

Generated modules are imported on first use, which keeps `import synapse_sdk` cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Generic, NamedTuple, Protocol, TypeVar, cast

from . import _inputs
from ._redact import secrets_in
from ._upload import ProgressCallback, open_package
from .exceptions import LOCAL_CHECK, ValidationError

if TYPE_CHECKING:
    from synapse_api.types import Unset

    from .types import (
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


class Page(NamedTuple, Generic[T]):
    """One page of a list endpoint."""

    items: list[T]
    total: int
    has_next: bool


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


def _as_is(body: Any) -> Any:
    return body


def _body(model: type[M], data: object) -> M:
    """The generated body model for `data`; a missing required field or a value the model can
    not hold is refused here, naming the field, before anything is sent."""
    data = _inputs.mapping(data)
    try:
        body = model.from_dict(data)
    except KeyError as error:
        raise _inputs.invalid(str(error.args[0]), "This field is required.") from None
    except (TypeError, ValueError, AttributeError) as error:
        raise ValidationError(
            f"data: {error}", status_code=LOCAL_CHECK, response={"non_field_errors": [str(error)]}
        ) from None
    # from_dict reads null in a field that is not nullable as absent: say so rather than drop it.
    dropped = [key for key in data if key not in body.to_dict()]
    if dropped:
        raise _inputs.invalid(dropped[0], "This field may not be null.")
    return body


def _query(value: object) -> str | Unset:
    from synapse_api.types import UNSET

    return UNSET if value is None else str(value)


# -- agents ---------------------------------------------------------------------------------


def health_check_agent(token: object) -> Operation[AgentHealth]:
    from synapse_api.api.agents import health_check_agent as op

    checked = _inputs.agent_token(token)
    return Operation(op._get_kwargs(token=checked), _as_is, secrets=(checked,))


# -- plugins --------------------------------------------------------------------------------


def get_plugin(pk: object) -> Operation[Plugin]:
    from synapse_api.api.plugins import get_plugin as op

    return Operation(op._get_kwargs(pk=_inputs.positive_int(pk, "pk")), _as_is)


def create_plugin(data: object) -> Operation[Plugin]:
    from synapse_api.api.plugins import create_plugin as op
    from synapse_api.models import PluginCreate

    return Operation(op._get_kwargs(body=_body(PluginCreate, data)), _as_is)


def update_plugin(pk: object, data: object) -> Operation[Plugin]:
    from synapse_api.api.plugins import update_plugin as op
    from synapse_api.models import PluginUpdate

    checked = _inputs.positive_int(pk, "pk")
    return Operation(op._get_kwargs(pk=checked, body=_body(PluginUpdate, data)), _as_is)


def run_plugin(pk: object, data: object) -> Operation[PluginRun]:
    from synapse_api.api.plugins import run_plugin as op
    from synapse_api.models import PluginRunRequest

    checked = _inputs.positive_int(pk, "pk")
    return Operation(op._get_kwargs(pk=checked, body=_body(PluginRunRequest, data)), _as_is)


# -- plugin releases ------------------------------------------------------------------------


def get_plugin_release(pk: object, params: object = None) -> Operation[PluginRelease]:
    from synapse_api.api.plugin_releases import get_plugin_release as op

    checked = _inputs.positive_int(pk, "pk")
    query = _inputs.params(params)
    kwargs = op._get_kwargs(pk=checked, expand=_query(query.pop("expand", None)))
    return Operation(_with_extra_params(kwargs, query), _as_is)


def create_plugin_release(data: object, progress: ProgressCallback | None = None) -> Operation[PluginRelease]:
    """The package in `data['file']` is an open binary file, a path, or bytes. It is streamed
    from disk in chunks (constant memory), and a path is opened here and closed after sending."""
    from synapse_api.api.plugin_releases import create_plugin_release as op
    from synapse_api.models import PluginReleaseCreate
    from synapse_api.types import File

    fields = dict(_inputs.mapping(data))
    if "file" not in fields or fields["file"] is None:
        raise _inputs.invalid("file", "No file was submitted.")
    package = open_package(fields["file"], progress)
    try:
        body = _body(PluginReleaseCreate, {**fields, "file": b""})
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
    )


# -- jobs -----------------------------------------------------------------------------------

_JOB_FILTERS = ("status", "plugin", "created_after", "user", "page", "page_size")


def get_job(pk: object, params: object = None) -> Operation[Job]:
    from synapse_api.api.jobs import get_job as op

    query = _inputs.params(params)
    expand = query.pop("expand", None)
    if isinstance(expand, list | tuple):  # `['logs', 'metrics']` reads as the server's `logs,metrics`
        expand = ",".join(map(str, expand))
    kwargs = op._get_kwargs(pk=_inputs.job_id(pk), expand=_query(expand))
    return Operation(_with_extra_params(kwargs, query), _as_is)


def _results(body: Any) -> tuple[list[Any], int]:
    """The items and total count of a page envelope; TypeError when it is not one."""
    results, count = body["results"], body["count"]
    if not isinstance(results, list) or not isinstance(count, int):
        raise TypeError("a page needs a 'results' list and an integer 'count'")
    return results, count


def _job_tuple(body: Any) -> tuple[list[Job], int]:
    return _results(body)


def _page(body: Any) -> Page[Any]:
    return Page(*_results(body), body.get("next") is not None)


def _list_jobs_kwargs(params: object) -> dict[str, Any]:
    """Filters `status`, `plugin`, `created_after`, `user` and `page`/`page_size` go through the
    generated code (so they are typed and serialised there); other keys are passed on as they
    are, since the backend grows filters faster than this document."""
    from synapse_api.api.jobs import list_jobs as op
    from synapse_api.models import JobStatus
    from synapse_api.types import UNSET

    query = {key: value for key, value in _inputs.params(params).items() if value is not None}
    known = {key: query.pop(key) for key in _JOB_FILTERS if key in query}
    kwargs = op._get_kwargs(
        status=JobStatus(str(known["status"])) if "status" in known else UNSET,
        plugin=_inputs.positive_int(known["plugin"], "plugin") if "plugin" in known else UNSET,
        created_after=(
            _inputs.date_time(known["created_after"], "created_after") if "created_after" in known else UNSET
        ),
        user=_inputs.positive_int(known["user"], "user") if "user" in known else UNSET,
        page=_inputs.positive_int(known["page"], "page") if "page" in known else UNSET,
        page_size=_inputs.positive_int(known["page_size"], "page_size") if "page_size" in known else UNSET,
    )
    return _with_extra_params(kwargs, query)


def list_jobs(params: object = None) -> Operation[tuple[list[Job], int]]:
    return Operation(_list_jobs_kwargs(params), _job_tuple)


def jobs_page(params: dict[str, Any], page: int) -> Operation[Page[Job]]:
    return Operation(_list_jobs_kwargs({**params, "page": page}), _page)


def update_job(pk: object, data: object) -> Operation[Job]:
    from synapse_api.api.jobs import update_job as op
    from synapse_api.models import JobUpdate

    checked = _inputs.job_id(pk)
    return Operation(op._get_kwargs(pk=checked, body=_body(JobUpdate, data)), _as_is)


def list_job_console_logs(pk: object) -> Operation[list[ConsoleLogEntry]]:
    from synapse_api.api.jobs import list_job_console_logs as op

    return Operation(op._get_kwargs(pk=_inputs.job_id(pk)), _as_is)


# -- storages -------------------------------------------------------------------------------


def storages_page(params: dict[str, Any], page: int) -> Operation[Page[Storage]]:
    from synapse_api.api.storages import list_storages as op
    from synapse_api.types import UNSET

    size = params.get("page_size")
    kwargs = op._get_kwargs(
        page=page, page_size=UNSET if size is None else _inputs.positive_int(size, "page_size")
    )
    return Operation(kwargs, _page)


def get_storage(pk: object) -> Operation[Storage]:
    from synapse_api.api.storages import get_storage as op

    return Operation(op._get_kwargs(pk=_inputs.positive_int(pk, "pk")), _as_is)


def create_storage(data: object) -> Operation[Storage]:
    from synapse_api.api.storages import create_storage as op
    from synapse_api.models import StorageCreate

    body = _body(StorageCreate, data)
    return Operation(op._get_kwargs(body=body), _as_is, secrets=tuple(secrets_in(body.to_dict())))


# -- helpers --------------------------------------------------------------------------------


def _with_extra_params(kwargs: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Query parameters the document does not list yet, passed on unchanged."""
    if extra:
        merged = dict(kwargs.get("params") or {})
        for key, value in extra.items():
            if key in merged:
                continue
            merged[key] = value
        kwargs["params"] = merged
    return kwargs


def page_numbers(params: object) -> tuple[dict[str, Any], int]:
    """The filters without `page`, and the page to start from (1 unless given)."""
    query = _inputs.params(params)
    start = query.pop("page", None)
    return query, 1 if start is None else _inputs.positive_int(start, "page")
