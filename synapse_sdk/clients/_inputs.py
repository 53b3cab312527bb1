"""Checks on what callers pass, made before any request is sent.

Ids go into URL paths, so anything that is not plainly an id is refused here: a string such as
`'../admin'` or `'7?page=2'` must never reach another endpoint. Messages name the parameter and
what was expected; they never echo a token.
"""

from __future__ import annotations

import datetime
import operator
import uuid
from collections.abc import Mapping
from typing import Any, SupportsIndex

from .exceptions import LOCAL_CHECK, ValidationError


def invalid(field: str, message: str) -> ValidationError:
    return ValidationError(f"{field}: {message}", status_code=LOCAL_CHECK, response={field: [message]})


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
    """An instant for a filter: a datetime, a date (its midnight), or an ISO 8601 string in any
    of the forms python-dateutil reads (`2025-01-15`, `20250115T0930Z`, `...+09:00`)."""
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    if isinstance(value, str):
        from dateutil.parser import isoparse  # imported on first use: it is slow to import

        try:
            return isoparse(value)
        except (ValueError, OverflowError):
            pass
    raise invalid(field, f"expected an ISO 8601 date-time, got {value!r}")
