"""A call to one operation (``Request``): its JSON body, the shared errors, and DRF's pagination."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from ..errors import HttpError, detail, field_errors, not_found
from ..limits import TOO_DEEP, too_deep
from ..ordering import valid_ordering
from ..store import Store
from ..uploads import Form
from ..validation import NON_FIELD_ERRORS, Operation, body_errors, validate_body

DEFAULT_PAGE_SIZE = 100
# Fields the server sets; a client sending them is ignored, as DRF ignores read-only fields.
READ_ONLY = frozenset({"id", "created", "modified"})


@dataclass
class Request:
    operation: Operation
    path_params: dict[str, Any]
    query: dict[str, Any]
    # Every query pair as sent, to build the pagination links.
    query_pairs: list[tuple[str, str]]
    base_url: str
    path: str
    content_type: str
    # The raw body (b"" when there was none); a multipart body arrives parsed in ``form`` instead.
    body: bytes
    form: Form | None
    store: Store

    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    def json(self) -> dict[str, Any]:
        """The JSON body, validated against the operation's schema."""
        assert self.operation.body is not None
        pointer = self.operation.body.media_types.get(self.media_type())
        if not self.body:
            pointer = pointer or next(iter(self.operation.body.media_types.values()))
            if self.operation.body.required:
                raise missing_body(pointer)
            data: Any = {}  # an optional body left out reads as empty data, as in DRF
        elif pointer is None:
            raise unsupported(self.content_type)
        else:
            data = decode_json(self.body)
            nested = too_deep(data)
            if nested:
                raise field_errors(nested)  # before anything walks or stores it
        validate_body(data, pointer)
        assert isinstance(data, dict)
        return data


def missing_body(pointer: str) -> HttpError:
    """The document's 400 for a required body left out: its required fields, else DRF's no-data error."""
    errors = body_errors({}, pointer)
    if "file" in errors:
        errors["file"] = ["No file was submitted."]
    return field_errors(errors or {NON_FIELD_ERRORS: ["No data provided."]})


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"Out of range float values are not JSON compliant: {text}")
    return value


def _reject_constant(text: str) -> Any:
    raise ValueError(f"Out of range float values are not JSON compliant: {text}")


def decode_json(raw: bytes) -> Any:
    """Strict JSON, as DRF parses it: NaN, Infinity and overflowing floats are errors."""
    try:
        return json.loads(raw.decode("utf-8"), parse_float=_finite_float, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise detail(400, f"JSON parse error - {exc}") from None
    except RecursionError:
        raise detail(400, f"JSON parse error - {TOO_DEEP}") from None


def unsupported(content_type: str) -> HttpError:
    return detail(415, f'Unsupported media type "{content_type}" in request.')


def expansions(request: Request) -> frozenset[str]:
    raw = request.query.get("expand", "")
    return frozenset(part.strip() for part in str(raw).split(",") if part.strip())


def requested_ordering(request: Request) -> str | None:
    return valid_ordering(request.operation, request.query.get("ordering"))


def writable(data: dict[str, Any], read_only: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in read_only}


def paginate(request: Request, items: list[dict[str, Any]]) -> dict[str, Any]:
    """DRF's page-number pagination: absolute next/previous links, 404 past the last page."""
    page: int = request.query.get("page", 1)
    size: int = request.query.get("page_size", DEFAULT_PAGE_SIZE)
    pages = max(1, math.ceil(len(items) / size))
    if page > pages:
        raise not_found("Invalid page.")
    others = [(key, value) for key, value in request.query_pairs if key != "page"]

    def link(number: int) -> str:
        pairs = others if number == 1 else [*others, ("page", str(number))]
        query = urlencode(pairs)
        return f"{request.base_url}{request.path.lstrip('/')}" + (f"?{query}" if query else "")

    return {
        "count": len(items),
        "next": link(page + 1) if page < pages else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": items[(page - 1) * size : page * size],
    }
