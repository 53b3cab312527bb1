"""What every request builder shares: the `Operation` a builder returns, the `Page` of a list
endpoint, and the checks that turn a documented `data` dict or `params` dict into the
generated code's arguments.

Each resource module (`resources/<noun>.py`) builds its requests with the generated code's
public request builder: the path, verb, query and serialisation live in `generated/synapse_api`
alone. The answer is not parsed into models: the documented methods return the server's JSON.

Which keys a body or a filter may have is read from the TypedDicts that `make client` writes
from the document (`synapse_sdk.clients.types`): a key the document does not name is refused,
with the closest documented one, unless it comes through `extra_body` / `extra_query`.
Generated modules are imported on first use, which keeps `import synapse_sdk` cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from . import _inputs
from .exceptions import LOCAL_CHECK, ValidationError

if TYPE_CHECKING:
    from ._upload import Package

T = TypeVar("T")
M = TypeVar("M", bound="_BodyModel")
Extra = Mapping[str, Any] | None
Params = Mapping[str, Any]

EXTRA_BODY = "pass it in extra_body={...} to send it all the same"
EXTRA_QUERY = "pass it in extra_query={...} to send it all the same"


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


def as_is(body: Any) -> Any:
    return body


def types_module() -> Any:
    from . import types

    return types


def body_model(model: type[M], data: object, shape: Any, extra: Extra = None) -> M:
    """The generated body model for `data`. Unknown keys, missing required ones and values the
    model can not hold are refused here, all named at once, before anything is sent."""
    data = _inputs.mapping(data)
    _inputs.check_keys(data, shape, extra_hint=EXTRA_BODY)
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


def filters(
    params: object,
    shape: Any,
    extra: Extra = None,
    checks: Mapping[str, Callable[[Any, str], Any]] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The checked filters of `params` as request-builder arguments, and the extra query pairs.
    `None` values mean "no filter"; a list for `expand` reads as the server's `a,b`. `checks`
    replaces the value check of a filter whose name means something else on this operation (a
    release's `plugin` is an id or a code)."""
    query = {key: value for key, value in _inputs.params(params).items() if value is not None}
    _inputs.check_keys(query, shape, extra_hint=EXTRA_QUERY)
    values = {**_FILTER_VALUES, **checks} if checks else _FILTER_VALUES
    arguments: dict[str, Any] = {}
    for key, value in query.items():
        if key in values:
            arguments[key] = values[key](value, key)
        elif key == "expand" and isinstance(value, list | tuple):
            arguments[key] = ",".join(map(str, value))
        else:
            arguments[key] = str(value)
    return arguments, dict(_inputs.mapping(extra, "extra_query")) if extra else {}


def page_of(body: Any) -> Page[Any]:
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


def unset() -> Any:
    from synapse_api.types import UNSET

    return UNSET


def with_extra_params(kwargs: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Query pairs given through `extra_query`, added to the documented ones (which win)."""
    if extra:
        kwargs["params"] = {**extra, **(kwargs.get("params") or {})}
    return kwargs
