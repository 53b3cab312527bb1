"""Load an OpenAPI document that may be split over several files into one dict.

References inside the entry file (`#/components/...`) are kept as they are; references to
other files (`schemas.yaml#/Plugin`, `./paths/jobs.yaml`) are inlined, recursively, with
their own local references resolved against the file they came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

_MAX_DEPTH = 64
# libyaml's loader where PyYAML was built with it: ten times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_file(path: Path, cache: dict[Path, Any]) -> Any:
    path = path.resolve()
    if path not in cache:
        with path.open(encoding="utf-8") as fh:
            cache[path] = yaml.load(fh, Loader=_Loader)
    return cache[path]


def _pointer(document: Any, fragment: str, where: str) -> Any:
    node = document
    for raw in [p for p in fragment.lstrip("/").split("/") if p]:
        key = unquote(raw).replace("~1", "/").replace("~0", "~")
        try:
            node = node[int(key)] if isinstance(node, list) else node[key]
        except (KeyError, IndexError, ValueError, TypeError):
            raise ValueError(f"unresolvable $ref {where!r}") from None
    return node


def _resolve(node: Any, base: Path, root: Path, cache: dict[Path, Any], depth: int) -> Any:
    if depth > _MAX_DEPTH:
        raise ValueError(f"$ref nesting deeper than {_MAX_DEPTH} in {base}")
    if isinstance(node, list):
        return [_resolve(item, base, root, cache, depth) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        file_part, _, fragment = ref.partition("#")
        target_file = (base.parent / file_part).resolve() if file_part else base
        if target_file == root:
            return dict(node)  # a reference into the entry document stays a reference
        target = _pointer(_load_file(target_file, cache), fragment, ref)
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        resolved = _resolve(target, target_file, root, cache, depth + 1)
        return {**resolved, **siblings} if siblings and isinstance(resolved, dict) else resolved
    return {key: _resolve(value, base, root, cache, depth) for key, value in node.items()}


def load_bundled(entry: str | Path) -> dict[str, Any]:
    """Return the document at `entry` with every cross-file reference inlined."""
    root = Path(entry).resolve()
    cache: dict[Path, Any] = {}
    document = _load_file(root, cache)
    if not isinstance(document, dict):
        raise ValueError(f"{entry} is not an OpenAPI document (top level is not a mapping)")
    bundled = _resolve(document, root, root, cache, 0)
    assert isinstance(bundled, dict)
    return bundled
