"""The plugin releases' operations: get, list, and the multipart upload that creates one."""

from __future__ import annotations

import json
import re
from typing import Any

from .. import dialect as dialects
from ..errors import field_errors, not_found
from ..uploads import Form
from ..validation import CoercionError, body_errors, coerce, resolve
from .request import (
    READ_ONLY,
    Request,
    expansions,
    missing_body,
    paginate,
    requested_ordering,
    unsupported,
    writable,
)

RELEASE_READ_ONLY = READ_ONLY | {"file", "size", "checksum"}


def get_plugin_release(request: Request) -> tuple[int, Any]:
    pk = dialects.release_id(request.store, request.path_params["pk"])  # an id, or `code@version`
    release = (
        None if pk is None else request.store.get_release(pk, expand_plugin="plugin" in expansions(request))
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
            writable(data, RELEASE_READ_ONLY | {"plugin"}),
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
    return 200, paginate(request, request.store.list_releases(plugin, requested_ordering(request)))
