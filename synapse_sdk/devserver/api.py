"""The operations of the document, one function per ``operationId``, over the SQLite store."""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from . import dialect as dialects
from .errors import HttpError, detail, field_errors, not_found
from .limits import TOO_DEEP, too_deep
from .masking import mask_secrets
from .ordering import valid_ordering
from .store import JobFilters, Store, epoch, order
from .streams import ConsoleLogStream
from .uploads import Form
from .validation import (
    NON_FIELD_ERRORS,
    CoercionError,
    Operation,
    body_errors,
    coerce,
    parse_datetime,
    resolve,
    validate_body,
)

DEFAULT_PAGE_SIZE = 100
DEFAULT_USER = 1
# Fields the server sets; a client sending them is ignored, as DRF ignores read-only fields.
READ_ONLY = frozenset({"id", "created", "modified"})
JOB_READ_ONLY = READ_ONLY | {"plugin", "user", "logs", "metrics"}
RELEASE_READ_ONLY = READ_ONLY | {"file", "size", "checksum"}
_INT64_MAX = 2**63 - 1


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


# --- helpers ---


def _storage_out(storage: dict[str, Any]) -> dict[str, Any]:
    return {**storage, "configuration": mask_secrets(storage.get("configuration", {}))}


def _expand(request: Request) -> frozenset[str]:
    raw = request.query.get("expand", "")
    return frozenset(part.strip() for part in str(raw).split(",") if part.strip())


def _ordering(request: Request) -> str | None:
    return valid_ordering(request.operation, request.query.get("ordering"))


def _writable(data: dict[str, Any], read_only: frozenset[str]) -> dict[str, Any]:
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


# --- agents ---


def health_check_agent(request: Request) -> tuple[int, Any]:
    health = request.store.connect_agent(request.path_params["token"])
    if health is None:
        raise not_found()
    return 200, health


def list_agents(request: Request) -> tuple[int, Any]:
    agents = request.store.list_agents(request.query.get("status"), request.query.get("search"))
    agents = [dialects.agent(a, request.base_url, request.store.dialect) for a in agents]
    return 200, paginate(request, agents)


# --- plugins ---


def list_plugins(request: Request) -> tuple[int, Any]:
    query = request.query
    plugins = request.store.list_plugins(query.get("search"), query.get("category"), _ordering(request))
    return 200, paginate(request, plugins)


def get_plugin(request: Request) -> tuple[int, Any]:
    plugin = request.store.get_plugin(request.path_params["pk"])
    if plugin is None:
        raise not_found()
    return 200, plugin


def create_plugin(request: Request) -> tuple[int, Any]:
    return 201, request.store.create_plugin(_writable(request.json(), READ_ONLY))


def update_plugin(request: Request) -> tuple[int, Any]:
    pk = request.path_params["pk"]
    if request.store.get_plugin(pk) is None:
        raise not_found()
    plugin = request.store.update_plugin(pk, _writable(request.json(), READ_ONLY))
    if plugin is None:
        raise not_found()
    return 200, plugin


def run_plugin(request: Request) -> tuple[int, Any]:
    store = request.store
    pk = dialects.plugin_id(store, request.path_params["pk"])  # an id, or the plugin's code
    if pk is None:
        raise not_found()
    run = request.json()
    context = run.get("context", {})
    user = context.get("user_id")
    if not (isinstance(user, int) and not isinstance(user, bool) and 0 < user <= _INT64_MAX):
        user = DEFAULT_USER
    # The page's `parameters`, or production's `params` (with `action`), drive the simulated run.
    parameters = run.get("parameters", run.get("params", {}))
    job_id = store.run_plugin(pk, user, parameters, run, dialects.run_fields(store, pk, run))
    return 200, {"job_id": job_id, "status": dialects.status("queued", store.dialect)}


# --- plugin releases ---


def get_plugin_release(request: Request) -> tuple[int, Any]:
    pk = dialects.release_id(request.store, request.path_params["pk"])  # an id, or `code@version`
    release = (
        None if pk is None else request.store.get_release(pk, expand_plugin="plugin" in _expand(request))
    )
    if release is None:
        raise not_found()
    return 200, release


def _safe_file_name(name: str) -> str:
    base = re.split(r"[\\/]", name)[-1]
    cleaned = re.sub(r"[^\w.\-]+", "_", base).strip("._")[:100]
    return cleaned or "package.bin"


def _release_fields(form: Form, pointer: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The form's fields typed after the schema, and the field errors found on the way."""
    properties: dict[str, Any] = resolve(resolve({"$ref": f"#{pointer}"})).get("properties", {})
    data: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, values in form.fields.items():
        schema = properties.get(name)
        if schema is None:
            data[name] = values[-1]
        elif resolve(schema).get("format") == "binary":
            errors[name] = ["The submitted data was not a file. Check the encoding type on the form."]
        else:
            try:
                data[name] = (
                    _form_list(values)
                    if resolve(schema).get("type") == "array"
                    else coerce(values[-1], schema)
                )
            except CoercionError as exc:
                errors[name] = [str(exc)]
    return data, errors


def _form_list(values: list[str]) -> list[Any]:
    """A list in a form: one part holding a JSON list (the generated client's way), or one part
    per item (the OpenAPI default, and what requests sends for the production SDK)."""
    if len(values) == 1:
        try:
            parsed = json.loads(values[0])
        except ValueError:
            parsed = None
        if isinstance(parsed, list):
            return parsed
    return list(values)


def create_plugin_release(request: Request) -> tuple[int, Any]:
    assert request.operation.body is not None
    pointer = request.operation.body.media_types.get("multipart/form-data")
    assert pointer is not None
    form = request.form
    if form is None:  # the app parses every multipart body before this: anything else is not one
        raise unsupported(request.content_type) if request.body else missing_body(pointer)
    try:
        data, errors = _release_fields(form, pointer)
        upload = form.files.get("file", [None])[-1]
        if upload is not None:
            data["file"] = upload.filename
        elif "file" not in errors:
            errors["file"] = ["No file was submitted."]
        for name, messages in body_errors(data, pointer).items():
            if name not in errors:
                errors[name] = messages
        plugin = None if errors else dialects.plugin_id(request.store, data["plugin"])  # an id or a code
        if not errors and plugin is None:
            errors["plugin"] = [f'Invalid pk "{data["plugin"]}" - object does not exist.']
        if errors:
            raise field_errors(errors)
        assert upload is not None and plugin is not None
        release = request.store.create_release(
            plugin,
            _writable(data, RELEASE_READ_ONLY | {"plugin"}),
            upload.path,
            _safe_file_name(upload.filename),
            upload.size,
            upload.sha256,
        )
        return 201, release
    finally:
        form.discard_files()  # whatever was not moved into place


def list_plugin_releases(request: Request) -> tuple[int, Any]:
    query = request.query
    plugin = query.get("plugin")
    if plugin is not None:
        plugin = dialects.plugin_id(request.store, plugin)  # a code no plugin has matches nothing
        if plugin is None:
            return 200, paginate(request, [])
    return 200, paginate(request, request.store.list_releases(plugin, _ordering(request)))


# --- jobs ---


def list_jobs(request: Request) -> tuple[int, Any]:
    query = request.query
    created_after = query.get("created_after")
    filters = JobFilters(
        status=query.get("status"),
        plugin=query.get("plugin"),
        user=query.get("user"),
        created_after=None if created_after is None else epoch(parse_datetime(created_after)),
        search=query.get("search"),
        ordering=_ordering(request),
    )
    return 200, paginate(request, request.store.list_jobs(filters))


def get_job(request: Request) -> tuple[int, Any]:
    job = request.store.get_job(request.path_params["pk"], _expand(request))
    if job is None:
        raise not_found()
    return 200, job


def update_job(request: Request) -> tuple[int, Any]:
    pk = request.path_params["pk"]
    if request.store.get_job(pk) is None:
        raise not_found()
    data = _writable(request.json(), JOB_READ_ONLY)
    changes: dict[str, Any] = {
        key: data.pop(key)
        for key in ("status", "progress", "result", "metadata", "console_logs")
        if key in data
    }
    if "progress" in changes:
        changes["progress"] = int(changes["progress"])  # JSON Schema counts 75.0 as an integer
    job = request.store.update_job(pk, changes, data)
    if job is None:
        raise not_found()
    return 200, job


def list_job_console_logs(request: Request) -> tuple[int, Any]:
    dialect = request.store.dialect
    since = dialects.stream_from(request.query.get("since", 0), dialect)
    logs = request.store.job_logs(request.path_params["pk"], since)
    if logs is None:
        raise not_found()
    return 200, dialects.console_logs(logs, dialect)


def tail_job_console_logs(request: Request) -> tuple[int, Any]:
    """404 before any stream for an unknown job (production: 200, then an `error` frame); the app
    turns the answer into the event stream."""
    key = request.path_params["pk"]
    dialect = request.store.dialect
    if dialect != dialects.PRODUCTION and request.store.get_job(key) is None:
        raise not_found()
    return 200, ConsoleLogStream(key, dialects.stream_from(request.query.get("since", 0), dialect))


# --- storages ---


def list_storages(request: Request) -> tuple[int, Any]:
    return 200, paginate(request, [_storage_out(s) for s in request.store.list_storages()])


def get_storage(request: Request) -> tuple[int, Any]:
    storage = request.store.get_storage(request.path_params["pk"])
    if storage is None:
        raise not_found()
    return 200, _storage_out(storage)


def create_storage(request: Request) -> tuple[int, Any]:
    data = _writable(request.json(), READ_ONLY)
    data.setdefault("category", "internal" if data["provider"] == "file_system" else "external")
    return 201, _storage_out(request.store.create_storage(data))


# --- log entries and serve applications (the production dialect's operations) ---

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


HANDLERS: dict[str, Callable[[Request], tuple[int, Any]]] = {
    handler.__name__: handler
    for handler in (
        list_agents,
        list_plugins,
        list_plugin_releases,
        health_check_agent,
        get_plugin,
        create_plugin,
        update_plugin,
        run_plugin,
        get_plugin_release,
        create_plugin_release,
        list_jobs,
        get_job,
        update_job,
        list_job_console_logs,
        tail_job_console_logs,
        list_storages,
        get_storage,
        create_storage,
        create_logs,
        create_serve_application,
        list_serve_applications,
    )
}
