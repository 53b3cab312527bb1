"""Canned bodies: realistic plugin and job dicts, and pages of jobs, as the backend sends them."""

from __future__ import annotations

import json
from typing import Any

_STATUSES = ("SUCCEEDED", "RUNNING", "FAILED", "PENDING", "completed")


def plugin(pk: int = 123) -> dict[str, Any]:
    return {
        "id": pk,
        "name": "image-preprocessor",
        "description": "Resizes, normalises and tiles images before annotation.",
        "version": "1.4.2",
        "author": "ml-platform@example.com",
        "category": "data_processing",
        "configuration": {"tile_size": 512, "overlap": 32, "formats": ["png", "jpeg", "tiff"]},
        "created": "2025-01-15T09:30:00Z",
        "modified": "2025-02-03T17:12:45.123456Z",
    }


def job(pk: int) -> dict[str, Any]:
    """About 300 bytes of JSON, with every field a list endpoint sends."""
    return {
        "id": pk,
        "plugin": 100 + pk % 50,
        "status": _STATUSES[pk % len(_STATUSES)],
        "progress": pk % 101,
        "result": {"output_path": f"s3://synapse-results/jobs/{pk}/output.parquet", "items": pk % 9973},
        "metadata": {"current_step": "processing_images", "worker": f"agent-{pk % 16}", "attempt": 1},
        "user": 400 + pk % 97,
        "created": "2025-01-15T09:30:00.123456Z",
        "modified": "2025-01-15T09:31:07.654321Z",
    }


def job_page(page: int, page_size: int, total: int) -> bytes:
    """Page `page` (from 1) of `total` jobs, in the backend's paginated shape."""
    first = (page - 1) * page_size
    last = min(first + page_size, total)
    more = last < total
    body = {
        "count": total,
        "next": f"/jobs/?page={page + 1}&page_size={page_size}" if more else None,
        "previous": f"http://testserver/jobs/?page={page - 1}&page_size={page_size}" if page > 1 else None,
        "results": [job(pk) for pk in range(first + 1, last + 1)],
    }
    return json.dumps(body, separators=(",", ":")).encode()


def encode(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()


RELEASE = {"id": 1, "plugin": 1, "version": "1", "file": "package.zip", "created": "2025-01-15T09:30:00Z"}
