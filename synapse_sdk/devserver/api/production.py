"""The production dialect's operations: log entries (with base64 files) and serve applications."""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from typing import Any

from ..errors import HttpError, field_errors
from ..store.records import order
from ..validation import NON_FIELD_ERRORS, body_errors
from .request import Request, decode_json, missing_body, paginate, unsupported

LOG_ENTRY_SCHEMA = "/components/schemas/LogEntryCreate"
_DATA_URI = re.compile(  # the document's pattern for LogEntryCreate.file, with the payload captured
    r"^data:[A-Za-z0-9._+-]+/[A-Za-z0-9._+-]+(;[A-Za-z0-9._+-]+=[A-Za-z0-9._+-]+)*;base64,(?P<payload>.*)$",
    re.DOTALL,
)


def _log_entry(entry: Any) -> tuple[dict[str, list[str]], bytes | None]:
    """An entry's field errors, and its attached file decoded."""
    errors = body_errors(entry, LOG_ENTRY_SCHEMA)
    attached = entry.get("file") if isinstance(entry, dict) else None
    if not isinstance(attached, str):
        return errors, None
    # The document's pattern says the same; this message names the form (and never echoes a file).
    match = _DATA_URI.match(attached)
    try:
        if match is None:
            raise ValueError
        return errors, base64.b64decode(match["payload"], validate=True)
    except (ValueError, binascii.Error):
        errors["file"] = ["Enter a base64 data URI: data:<mime type>;base64,<content>."]
        return errors, None


def create_logs(request: Request) -> tuple[int, Any]:
    """One entry or a list; a list is written all or nothing, its errors listed per entry as DRF
    does. An attached file is kept, and the entry says where (`/media/logs/<id>/file`)."""
    assert request.operation.body is not None
    if not request.body:
        raise missing_body(next(iter(request.operation.body.media_types.values())))
    if request.media_type() not in request.operation.body.media_types:
        raise unsupported(request.content_type)
    data = decode_json(request.body)
    entries = data if isinstance(data, list) else [data]
    if not entries:
        raise field_errors({NON_FIELD_ERRORS: ["This list may not be empty."]})
    checked = [_log_entry(entry) for entry in entries]
    errors = [found for found, _ in checked]
    if any(errors):
        raise HttpError(400, errors if isinstance(data, list) else errors[0])
    fields = [
        {"level": "info", "context": None, **{k: v for k, v in e.items() if k != "file"}} for e in entries
    ]
    created = request.store.create_logs(fields, [attached for _, attached in checked])
    return 201, created if isinstance(data, list) else created[0]


def _job_key(value: Any) -> Any:
    """A job id from a JSON body: UUIDs compared in their canonical form, as in paths."""
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            return value
    return value


def create_serve_application(request: Request) -> tuple[int, Any]:
    data = request.json()
    job = _job_key(data["job"])
    if request.store.get_job(job) is None:
        raise field_errors({"job": [f'Invalid pk "{data["job"]}" - object does not exist.']})
    fields = {key: value for key, value in data.items() if key != "job"}
    return 201, request.store.create_serve_application(job, fields)


def list_serve_applications(request: Request) -> tuple[int, Any]:
    query = request.query
    found = request.store.list_serve_applications(_job_key(query.get("job")), query.get("status"))
    return 200, paginate(request, order(found, query.get("ordering")))
