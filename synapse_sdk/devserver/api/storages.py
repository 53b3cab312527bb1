"""The storages' operations: list, get and create, their secrets masked."""

from __future__ import annotations

from typing import Any

from ..errors import not_found
from ..masking import mask_secrets
from .request import READ_ONLY, Request, paginate, writable


def _storage_out(storage: dict[str, Any]) -> dict[str, Any]:
    return {**storage, "configuration": mask_secrets(storage.get("configuration", {}))}


def list_storages(request: Request) -> tuple[int, Any]:
    return 200, paginate(request, [_storage_out(s) for s in request.store.list_storages()])


def get_storage(request: Request) -> tuple[int, Any]:
    storage = request.store.get_storage(request.path_params["pk"])
    if storage is None:
        raise not_found()
    return 200, _storage_out(storage)


def create_storage(request: Request) -> tuple[int, Any]:
    data = writable(request.json(), READ_ONLY)
    data.setdefault("category", "internal" if data["provider"] == "file_system" else "external")
    return 201, _storage_out(request.store.create_storage(data))
