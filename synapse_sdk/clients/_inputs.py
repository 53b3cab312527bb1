"""Checks on what callers pass, made before any request is sent.

Ids go into URL paths, so anything that is not plainly an id is refused here: a string such as
`'../admin'` or `'7?page=2'` must never reach another endpoint. Messages name the parameter and
what was expected; they never echo a token.
"""

from __future__ import annotations

import contextlib
import datetime
import operator
import re
import uuid
from collections.abc import Mapping
from typing import Any, SupportsIndex

from .exceptions import LOCAL_CHECK, ValidationError


def invalid(field: str, message: str) -> ValidationError:
    return ValidationError(f"{field}: {message}", status_code=LOCAL_CHECK, response={field: [message]})


def invalid_fields(problems: Mapping[str, str]) -> ValidationError:
    """Every problem at once, as the server reports them: `{field: [message], ...}`."""
    detail = "; ".join(f"{field}: {message}" for field, message in problems.items())
    return ValidationError(
        detail, status_code=LOCAL_CHECK, response={field: [message] for field, message in problems.items()}
    )


def check_keys(data: Mapping[str, Any], shape: Any, *, extra_hint: str) -> None:
    """Refuse keys that `shape` (a TypedDict made from the document) does not name, and required
    ones that are missing, all in one error; each unknown key names the closest documented one.
    Keys inside free-form objects (`configuration`, `parameters`, ...) are not looked at."""
    import difflib

    known: frozenset[str] = shape.__required_keys__ | shape.__optional_keys__
    problems: dict[str, str] = {}
    for key in shape.__annotations__:  # the document's order, for a stable message
        if key in shape.__required_keys__ and key not in data:
            problems[key] = "This field is required."
    for key in data:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        problems[str(key)] = f"unknown field, {hint}(known: {', '.join(sorted(known))}; {extra_hint})"
    if problems:
        raise invalid_fields(problems)


def positive_int(value: object, field: str) -> int:
    """An integer id: an int (not a bool) of at least 1, or a string of digits."""
    if isinstance(value, bool):
        raise invalid(field, f"expected a positive integer id, got {value!r}")
    if not isinstance(value, int) and isinstance(value, SupportsIndex):
        value = operator.index(value)  # numpy and pandas integers are ids too
    if isinstance(value, int) and value >= 1:
        return int(value)
    if isinstance(value, str) and value.isascii() and value.isdigit() and int(value) >= 1:
        return int(value)
    raise invalid(field, f"expected a positive integer id, got {value!r}")


def position(value: object, field: str) -> int:
    """A console log position: 0 (before the first entry) or more."""
    if value == 0 and not isinstance(value, bool):
        return 0
    try:
        return positive_int(value, field)
    except ValidationError:
        raise invalid(field, f"expected a log position (an integer, 0 or more), got {value!r}") from None


def job_id(value: object, field: str = "pk") -> int | uuid.UUID:
    """A job id: a positive integer, or a UUID (newer backends)."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str) and not value.isdigit():
        try:
            return uuid.UUID(value)
        except ValueError:
            raise invalid(field, f"expected a positive integer or UUID job id, got {value!r}") from None
    try:
        return positive_int(value, field)
    except ValidationError:
        raise invalid(field, f"expected a positive integer or UUID job id, got {value!r}") from None


# A plugin's code as production names plugins (`yolov8`): a slug, never all digits (that is an id).
_PLUGIN_CODE = re.compile(r"(?![0-9]+$)[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")


def plugin_ref(value: object, field: str = "pk") -> int | str:
    """A plugin by its id, or (production dialect) by its code such as `'yolov8'`."""
    if isinstance(value, str) and _PLUGIN_CODE.fullmatch(value):
        return value
    try:
        return positive_int(value, field)
    except ValidationError:
        raise invalid(
            field,
            f"expected a plugin id (a positive integer) or a plugin code such as 'yolov8', got {value!r}",
        ) from None


def release_lookup(value: object, field: str = "lookup") -> int | str:
    """A release by its id, or (production dialect) as `'<plugin code>@<version>'`."""
    if isinstance(value, str) and "@" in value:
        code, _, version = value.partition("@")
        if _PLUGIN_CODE.fullmatch(code) and version and "/" not in version and version.isprintable():
            return value
    try:
        return positive_int(value, field)
    except ValidationError:
        raise invalid(
            field, f"expected a release id or '<plugin code>@<version>' such as 'yolov8@1.0.0', got {value!r}"
        ) from None


def agent_token(value: object) -> str:
    """A token for a path segment. The generated code percent-encodes `/`, `?` and `#`; a token
    that is all dots would still be read as `.`/`..` by URL normalisation, so it is refused."""
    if not isinstance(value, str) or not value:
        raise invalid("token", f"expected a non-empty string, got {type(value).__name__}")
    if set(value) == {"."} or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise invalid("token", "not a valid agent token (dot segments and control characters are refused)")
    return value


def mapping(value: object, field: str = "data") -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise invalid(field, f"expected a dict, got {type(value).__name__}")
    return value


def params(value: object) -> dict[str, Any]:
    if value is None:
        return {}
    return dict(mapping(value, "params"))


def date_time(value: object, field: str) -> datetime.datetime:
    """An instant for a filter, always with an offset (the document's `date-time` needs one): a
    datetime, a date (its midnight), or an ISO 8601 string in any of the forms python-dateutil
    reads (`2025-01-15`, `20250115T0930Z`, `...+09:00`).

    A naive value is local time, as Python's own `datetime.now()` means it: it goes out with the
    machine's offset for that moment, so `datetime.now() - timedelta(days=7)` is seven days ago
    wherever the code runs."""
    instant: datetime.datetime | None = None
    if isinstance(value, datetime.datetime):
        instant = value
    elif isinstance(value, datetime.date):
        instant = datetime.datetime.combine(value, datetime.time())
    elif isinstance(value, str):
        from dateutil.parser import isoparse  # imported on first use: it is slow to import

        with contextlib.suppress(ValueError, OverflowError):
            instant = isoparse(value)
    if instant is None:
        raise invalid(field, f"expected an ISO 8601 date-time, got {value!r}")
    if instant.tzinfo is None or instant.utcoffset() is None:
        try:
            instant = instant.astimezone()  # naive: local time
        except (OverflowError, OSError, ValueError):
            raise invalid(field, f"{value!r} is out of range for this machine's time zone") from None
    return instant
