"""Contains some shared types for properties"""

import datetime
import enum
import json
from collections.abc import Mapping, MutableMapping
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Generic, Literal, TypeVar, cast

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    def __reduce__(self) -> str:
        # synapse: unpickled (or deep-copied) models keep the one UNSET, so `is UNSET` holds
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


def form_field(name: str, value: object) -> tuple[str, FileTypes]:
    """One multipart form field as the document's types say: a string as it is, a boolean as
    `true`/`false`, a number as its digits, a date-time in ISO 8601, and an object, an array or
    null as JSON (OpenAPI's default for such values in a multipart body) -- never Python's `str()`.
    """
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return name, (None, value.encode(), "text/plain")
    if isinstance(value, bytes):
        return name, (None, value, "application/octet-stream")
    if isinstance(value, bool):
        return name, (None, b"true" if value else b"false", "text/plain")
    if isinstance(value, int | float):
        return name, (None, json.dumps(value).encode(), "text/plain")
    if isinstance(value, datetime.date):
        return name, (None, value.isoformat().encode(), "text/plain")
    try:
        encoded = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"form field {name!r}: {error}; send a string, a number, a boolean, or a JSON object or list"
        ) from None
    return name, (None, encoded.encode(), "application/json")


class LazyModel:
    """The base of every model a reply is read into.

    `from_dict` only keeps the mapping in `_synapse_src` (it never modifies it); the slots stay
    empty, so the first read of any field lands in `__getattr__`, which fills every field at
    once from the mapping (`_synapse_fill`) and drops it. After that, reads are plain slot
    reads and `__getattr__` is never called again. A model made with `__init__` has no
    `_synapse_src` and behaves as a plain attrs class. attrs' `__eq__`, `__repr__`, `asdict`
    and pickling read the fields, so they fill the model first.
    """

    __slots__ = ("_synapse_src",)
    _synapse_src: Mapping[str, Any]

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def _synapse_read(self, src: Mapping[str, Any]) -> None:
        try:
            self._synapse_fill(src)
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            raise ValueError(
                f"{type(self).__name__}.from_dict: the data does not fit the document: {error!r}"
            ) from error

    if not TYPE_CHECKING:  # a type checker must still reject unknown attributes

        def __getattr__(self, name: str) -> Any:
            try:
                src = object.__getattribute__(self, "_synapse_src")
            except AttributeError:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}") from None
            self._synapse_read(src)
            return object.__getattribute__(self, name)


def read_now(*values: object) -> None:
    """Read lazy models (and the models inside them) at once: a request body built from a
    caller's dict must fail in its own `from_dict`, before anything is sent."""
    for value in values:
        if isinstance(value, list):
            read_now(*value)
        elif isinstance(value, LazyModel):
            try:
                src = object.__getattribute__(value, "_synapse_src")
            except AttributeError:
                continue  # already read, or built with __init__
            value._synapse_read(src)
            read_now(*(getattr(value, field.name) for field in getattr(type(value), "__attrs_attrs__", ())))


E = TypeVar("E", bound=enum.Enum)


def enum_member(cls: type[E], value: object) -> E:
    """`cls(value)`, with a dict lookup for a known value (Enum's call machinery costs about ten
    times as much); anything else goes through `cls(value)`, its `_missing_` and its errors."""
    try:
        return cast(E, cls._value2member_map_[value])
    except (KeyError, TypeError):
        return cls(value)


class WireDateTime(datetime.datetime):
    """A datetime that remembers the string it was parsed from.

    ``isoformat()`` with no arguments returns that string unchanged, so a model's ``to_dict()``
    gives back what the server sent (``Z`` stays ``Z``, ``.000`` stays). A datetime derived from
    it (arithmetic, ``replace()``, a copy) formats itself as usual.
    """

    __slots__ = ("_wire",)
    _wire: str | None

    @classmethod
    def parse(cls, value: str) -> "WireDateTime":
        """RFC 3339 and the ISO 8601 forms Python reads (`fromisoformat`, in C); the rarer forms
        only python-dateutil's `isoparse` reads (`2025-01`, `2025-015`, `24:00`, a lower-case
        `z`) through it, so every date-time the stock generator's `isoparse` accepted still parses."""
        try:
            parsed = cls.fromisoformat(value)
        except ValueError:
            other = cls._parse_other(value)
            if other is None:
                raise  # Python's own message: "Invalid isoformat string: ..."
            parsed = other
        parsed._wire = value
        return parsed

    @classmethod
    def _parse_other(cls, value: str) -> "WireDateTime | None":
        from dateutil.parser import isoparse  # noqa: PLC0415 - slow to import, rarely needed

        try:
            other = isoparse(value)
        except (ValueError, OverflowError):
            return None
        return cls(
            other.year,
            other.month,
            other.day,
            other.hour,
            other.minute,
            other.second,
            other.microsecond,
            other.tzinfo,
            fold=other.fold,
        )

    def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
        wire: str | None = getattr(self, "_wire", None)  # unset on datetimes derived from this one
        if wire is not None and sep == "T" and timespec == "auto":
            return wire
        return super().isoformat(sep, timespec)


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: int
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "LazyModel",
    "RequestFiles",
    "Response",
    "Unset",
    "WireDateTime",
    "enum_member",
    "form_field",
    "read_now",
]
