"""Data a fresh database starts with, so that every example of the user documentation finds its objects.

Ids are fixed (plugin 123, release 456, job 789, storage 123, ...); SQLite's AUTOINCREMENT then
hands out ids after the highest seeded one, so new objects never collide with them.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from . import dialect
from .store import Store

HOUR = 3600.0
DAY = 24 * HOUR
SEEDED_UUID_JOB = "3f2b8c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d"
AGENT_TOKENS = ("agent-token-123", "my-agent-token")

PLUGIN_123: dict[str, Any] = {
    "name": "My Custom Plugin",
    "description": "사용자 정의 데이터 처리를 위한 플러그인",
    "version": "1.0.0",
    "author": "Your Name",
    "category": "data_processing",
    "configuration": {
        "parameters": {
            "threshold": {"type": "float", "default": 0.5},
            "max_items": {"type": "int", "default": 100},
        }
    },
}


# A second plugin at id 1: generated requests (schemathesis) often name the smallest id.
PLUGIN_1: dict[str, Any] = {
    "name": "Hello Plugin",
    "description": "A minimal example plugin that echoes its parameters",
    "version": "0.1.0",
    "author": "Synapse",
    "category": "utility",
    "configuration": {"parameters": {}},
}


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def _job(
    pk: int | None,
    status: str,
    progress: int,
    created: float,
    *,
    user: int = 456,
    uuid: str | None = None,
    result: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    metrics: dict[str, Any] | None = None,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "uuid": uuid,
        "plugin_id": 123,
        "user_id": user,
        "status": status,
        "progress": progress,
        "result": None if result is None else _json(result),
        "metadata": _json(metadata or {}),
        "metrics": _json(metrics or {}),
        "extra": "{}",
        "parameters": "{}",
        "created": created,
        "modified": created + 60,
    }
    if pk is not None:
        row["id"] = pk
    return row


def populate(store: Store) -> None:
    """Fill an empty database; does nothing when it was seeded before (persisted data is kept)."""
    if store.is_seeded():
        return
    now = store.clock()

    agents = [
        (1, AGENT_TOKENS[0], "gpu-agent-01", "healthy", "http://10.0.0.11:8100", now),
        (2, AGENT_TOKENS[1], "my-agent", "healthy", "http://10.0.0.12:8100", now),
        # Listing and filtering by status need more than one status.
        (3, "offline-agent-token", "cpu-agent-02", "offline", None, None),
    ]
    for pk, token, name, status, url, last_seen in agents:
        store.insert(
            "agents",
            {
                "id": pk,
                "token": token,
                "name": name,
                "status": status,
                "url": url,
                "last_seen": last_seen,
                "created": now - 30 * DAY,
                "modified": now if last_seen else now - 30 * DAY,
            },
        )

    store.insert(
        "plugins",
        {"id": 123, "data": _json(PLUGIN_123), "created": now - 30 * DAY, "modified": now - 30 * DAY},
    )

    package = b"PK\x05\x06" + b"\x00" * 18  # an empty zip archive
    release_path = store.release_path(456, "plugin_v2.zip")
    release_path.parent.mkdir(parents=True, exist_ok=True)
    release_path.write_bytes(package)
    release = {"version": "2.0.0", "changelog": "새로운 기능 및 버그 수정 추가", "is_stable": True}
    store.insert(
        "plugin_releases",
        {
            "id": 456,
            "plugin_id": 123,
            "data": _json(release),
            "file_name": release_path.name,
            "size": len(package),
            "checksum": hashlib.sha256(package).hexdigest(),
            "created": now - 20 * DAY,
        },
    )

    jobs = [
        # First, so that it takes row id 1 and the integer ids continue after 789.
        _job(None, "SUCCEEDED", 100, now - 5 * HOUR, uuid=SEEDED_UUID_JOB, result={"output_files": []}),
        _job(
            785,
            "completed",
            100,
            now - 30 * DAY,
            result={"output_files": ["report.csv"]},
            metrics={"accuracy": 0.91, "processing_time": 98},
        ),
        _job(786, "failed", 35, now - 2 * DAY, metadata={"error": "Input path not found: /data/missing/"}),
        _job(787, "queued", 0, now - 3 * HOUR, user=457),
        _job(788, "completed", 100, now - 1 * DAY, result={"output_files": ["out.json"]}),
        _job(
            789,
            "running",
            40,
            now - 1 * HOUR,
            metadata={"current_step": "processing_images"},
            result={"output_files": ["file1.txt"], "processed_items": 60},
            metrics={"accuracy": 0.95, "processing_time": 120, "processed_items": 60},
        ),
    ]
    for row in jobs:
        store.insert("jobs", row)

    logs = [
        (1, now - 5 * HOUR + 1, "INFO", "Job started"),
        (1, now - 5 * HOUR + 30, "INFO", "Job succeeded"),
        (785, now - 30 * DAY + 1, "INFO", "Job started"),
        (785, now - 30 * DAY + 50, "INFO", "Job completed"),
        (786, now - 2 * DAY + 1, "INFO", "Job started"),
        (786, now - 2 * DAY + 40, "ERROR", "Input path not found: /data/missing/"),
        (789, now - 1 * HOUR + 1, "INFO", "Job started"),
        (789, now - 1 * HOUR + 5, "INFO", "Processing 150 items"),
        (789, now - 1 * HOUR + 30, "WARNING", "Skipped 2 corrupt images"),
        (789, now - 1 * HOUR + 60, "INFO", "Processed 60/150 items"),
    ]
    for job_id, timestamp, level, message in logs:
        store.insert(
            "console_logs", {"job_id": job_id, "timestamp": timestamp, "level": level, "message": message}
        )

    storages = [
        (
            123,
            {
                "name": "My S3 Storage",
                "provider": "amazon_s3",
                "category": "external",
                "configuration": {
                    "bucket_name": "my-bucket",
                    "region": "us-west-2",
                    "access_key_id": "AKIAEXAMPLEDEVSERVER",
                    "secret_access_key": "devserver-example-secret",
                },
            },
        ),
        (
            124,
            {
                "name": "Local Storage",
                "provider": "file_system",
                "category": "internal",
                "configuration": {"base_path": "/data/storage", "permissions": "755"},
            },
        ),
    ]
    for pk, data in storages:
        store.insert("storages", {"id": pk, "data": _json(data), "created": now - 10 * DAY})

    if store.dialect == dialect.PRODUCTION:
        dialect.seed(store, now)  # what the production SDK's docstring examples name
    store.mark_seeded()
