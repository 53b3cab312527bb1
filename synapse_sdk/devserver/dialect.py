"""The production dialect of the local backend (``--dialect production``).

The document describes two dialects (see its ``x-dialect`` marks): the Korean page's, which the
local backend speaks by default, and the production backend's, as the production SDK
(``synapse-sdk`` 2026.2.17) reads and writes it. In production mode the same store and handlers
answer, and this module is what changes:

- jobs started by ``run_plugin`` get UUID ids and the uppercase statuses ``PENDING RUNNING
  STOPPED SUCCEEDED FAILED``; a job reply carries the production fields (``action``, ``params``,
  ``progress_record``, ``metrics_record``, ``result``, ``meta``, ``queue``, ``error``,
  ``is_active``, ``plugin_release_id``, ``completed``) beside the page's;
- ``console_logs/`` answers a bare list of lines (``2024-01-15 10:00:01 [INFO] Plugin started``)
  and ignores ``since``;
- ``tail_console_logs/`` writes data-only ``{"type": ...}`` frames (``connected``, ``log``,
  ``complete``, ``error``) and ``: heartbeat`` comments, without event ids or resume: a new
  connection starts from the first line, and an unknown job gets 200 then an ``error`` frame;
- agents show ``token`` and ``node_install_script``, storages ``is_default``.

What both modes accept, since the document lists it for both: a plugin by its code where an id
goes (``plugins/yolov8/run/``, ``plugin_releases/?plugin=yolov8``, ``plugin`` of a new release),
``plugin_releases/<code>@<version>/``, and the production request fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import TYPE_CHECKING, Any

from .streams import DOCUMENTED_FRAMES, ConsoleLogStream, Frames

if TYPE_CHECKING:
    from .store import Store

DOCUMENTED = "documented"
PRODUCTION = "production"
DIALECTS = (DOCUMENTED, PRODUCTION)

# The simulation's statuses (the page's) as production names them.
_PRODUCTION_STATUSES = {
    "queued": "PENDING",
    "running": "RUNNING",
    "completed": "SUCCEEDED",
    "failed": "FAILED",
}
ACTIVE_STATUSES = frozenset({"queued", "running", "PENDING", "RUNNING"})
_FAILED = frozenset({"failed", "FAILED"})
# The fields production renders on every job (null where the job has none).
_PRODUCTION_JOB_FIELDS = (
    "action",
    "params",
    "progress_record",
    "metrics_record",
    "meta",
    "queue",
    "plugin_release_id",
)


def checked(dialect: str) -> str:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}: use one of {', '.join(DIALECTS)}")
    return dialect


def status(name: str, dialect: str) -> str:
    """A status of the simulation (``queued``, ...) in the dialect's words."""
    return _PRODUCTION_STATUSES.get(name, name) if dialect == PRODUCTION else name


def new_job_key(dialect: str) -> str | None:
    """The UUID of a new job in production; None where jobs get integer ids."""
    return str(uuid.uuid4()) if dialect == PRODUCTION else None


def job(rendered: dict[str, Any], result: Any, modified: str, dialect: str) -> dict[str, Any]:
    """A job reply with the production fields; unchanged in the documented dialect."""
    if dialect != PRODUCTION:
        return rendered
    for name in _PRODUCTION_JOB_FIELDS:
        rendered.setdefault(name, None)
    rendered.setdefault("result", result)
    active = rendered["status"] in ACTIVE_STATUSES
    rendered.setdefault("is_active", active)
    rendered.setdefault("completed", None if active else modified)
    failed = rendered["status"] in _FAILED
    message = (
        (rendered.get("metadata") or {}).get("error") if isinstance(rendered.get("metadata"), dict) else None
    )
    rendered.setdefault(
        "error",
        {"error_type": "execution_error", "message": message or "The job failed."} if failed else None,
    )
    return rendered


def console_line(entry: dict[str, Any]) -> str:
    """An entry as production writes a console log line: ``2024-01-15 10:00:01 [INFO] Plugin started``."""
    stamp = dt.datetime.fromisoformat(str(entry["timestamp"]).replace("Z", "+00:00"))
    return f"{stamp.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} [{entry['level']}] {entry['message']}"


def console_logs(entries: list[dict[str, Any]], dialect: str) -> list[Any]:
    return [console_line(entry) for entry in entries] if dialect == PRODUCTION else entries


def written_entries(value: Any, now: float) -> list[tuple[float, str, str]]:
    """``console_logs`` of a PATCH (one object or a list) as log rows ``(timestamp, level, message)``.

    Production does not say what the objects hold; the local backend reads ``message`` (else the
    whole object as JSON), ``level`` (``INFO`` when left out) and ``timestamp`` (ISO 8601 or Unix
    seconds; now when left out or unreadable), and appends them to the job's console log."""
    items = value if isinstance(value, list) else [value]
    rows: list[tuple[float, str, str]] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        message = item.get("message")
        text = message if isinstance(message, str) else json.dumps(item, ensure_ascii=False)
        level = item.get("level")
        rows.append((_instant(item.get("timestamp"), now), str(level).upper() if level else "INFO", text))
    return rows


def _instant(value: Any, now: float) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return now
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).timestamp()
    return now


def agent(rendered: dict[str, Any], base_url: str, dialect: str) -> dict[str, Any]:
    """An agent of a list; production's carry ``token`` (the store adds it) and the install command."""
    if dialect == PRODUCTION and rendered.get("token"):
        script = f"curl -fsSL {base_url}agents/{rendered['token']}/node_install_script/ | sh"
        rendered.setdefault("node_install_script", script)
    return rendered


def storage(rendered: dict[str, Any], dialect: str) -> dict[str, Any]:
    if dialect == PRODUCTION:
        rendered.setdefault("is_default", False)
    return rendered


# --- plugins by code, releases by lookup (both dialects) ---


def plugin_id(store: Store, ref: int | str) -> int | None:
    """The id of the plugin ``ref`` names: an id, or the ``code`` it was created with."""
    if isinstance(ref, int):
        return ref if store.get_plugin(ref) is not None else None
    return next((p["id"] for p in store.list_plugins(None, None, None) if p.get("code") == ref), None)


def release_id(store: Store, lookup: int | str) -> int | None:
    """The id of the release ``lookup`` names: an id, or ``<plugin code>@<version>``."""
    if isinstance(lookup, int):
        return lookup
    code, _, version = lookup.partition("@")
    plugin = plugin_id(store, code)
    return None if plugin is None else _release_of(store, plugin, version)


def _release_of(store: Store, plugin: int, version: str | None) -> int | None:
    """The plugin's release of that version (the newest one, without a version)."""
    found = [r["id"] for r in store.list_releases(plugin, None) if version is None or r["version"] == version]
    return max(found, default=None)


def run_fields(store: Store, plugin: int, run: dict[str, Any]) -> dict[str, Any]:
    """What a run adds to its job's production fields: ``action``, ``params``, the release it runs."""
    fields: dict[str, Any] = {name: run[name] for name in ("action", "params") if name in run}
    if store.dialect == PRODUCTION:
        fields["plugin_release_id"] = _release_of(store, plugin, run.get("version"))
    return fields


# --- live console logs ---


def _frame(data: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class ProductionFrames(Frames):
    """Production's stream: data-only JSON frames with a ``type``, no ids, ``: heartbeat``."""

    def opening(self, stream: ConsoleLogStream) -> bytes:
        return _frame({"type": "connected", "job_id": stream.key})

    def entry(self, entry: dict[str, Any]) -> bytes:
        return _frame({"type": "log", "data": console_line(entry)})

    def end(self, status: str) -> bytes:
        return _frame({"type": "complete", "message": f"Job finished with status {status}"})

    def heartbeat(self) -> bytes:
        return b": heartbeat\n\n"

    def missing(self, opened: bool) -> bytes:
        return _frame({"type": "error", "message": "Job not found"})


def frames(dialect: str) -> Frames:
    return ProductionFrames() if dialect == PRODUCTION else DOCUMENTED_FRAMES


def stream_from(since: int, dialect: str) -> int:
    """Where a new stream starts: production has no resume, so always at the first line."""
    return 0 if dialect == PRODUCTION else since


# --- seed ---

PRODUCTION_PLUGIN = 200
PRODUCTION_RELEASE = 500
# The production SDK's own docstring example of update_job names this job.
PRODUCTION_EXAMPLE_JOB = "550e8400-e29b-41d4-a716-446655440000"


def seed(store: Store, now: float) -> None:
    """What the production SDK's docstring examples name: plugin ``yolov8`` with its release
    ``yolov8@1.0.0``, and job ``550e8400-...``, running."""
    plugin = {
        "name": "YOLOv8",
        "code": "yolov8",
        "description": "Object detection (the production SDK's examples name this plugin)",
        "version": "1.0.0",
        "author": "Synapse",
        "category": "neural_net",
        "configuration": {},
    }
    store.insert(
        "plugins", {"id": PRODUCTION_PLUGIN, "data": json.dumps(plugin), "created": now, "modified": now}
    )
    package = b"PK\x05\x06" + b"\x00" * 18  # an empty zip archive
    path = store.release_path(PRODUCTION_RELEASE, "yolov8-1.0.0.zip")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(package)
    release = {"version": "1.0.0", "changelog": None, "is_stable": True, "config": {"code": "yolov8"}}
    store.insert(
        "plugin_releases",
        {
            "id": PRODUCTION_RELEASE,
            "plugin_id": PRODUCTION_PLUGIN,
            "data": json.dumps(release),
            "file_name": path.name,
            "size": len(package),
            "checksum": hashlib.sha256(package).hexdigest(),
            "created": now,
        },
    )
    store.insert(
        "jobs",
        {
            "uuid": PRODUCTION_EXAMPLE_JOB,
            "plugin_id": PRODUCTION_PLUGIN,
            "user_id": 1,
            "status": "RUNNING",
            "progress": 50,
            "metadata": "{}",
            "extra": json.dumps({"action": "train", "params": {"epochs": 10}}),
            "parameters": "{}",
            "created": now - 600,
            "modified": now - 60,
        },
    )
