"""Read an OpenAPI document from JSON or YAML, possibly split over files, into one dict.

JSON is read with `json` (fast, and right about escapes such as the surrogate pair
`"\\ud83d\\ude80"` that a YAML loader refuses); YAML with libyaml's CSafeLoader where PyYAML has
it. A file that cannot be read is a `DocumentError` naming the file, the line and the reason.
References to other files are inlined, recursively, with their own local references resolved
against the file they came from; references inside the entry file stay references. `make
client` bundles the document with it too (scripts/generate.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader (libyaml's where PyYAML has it), reading tags it does not know (`!Ref`,
    `!include`, ...) as the plain data they tag rather than refusing a valid document."""


def _untagged(loader: Any, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_Loader.add_multi_constructor("!", _untagged)
_MAX_DEPTH = 64


class DocumentError(ValueError):
    """The file is not a readable document; the message says where and why."""


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def parse(path: Path) -> Any:
    """One file as Python data (JSON when it looks like JSON, else YAML)."""
    return _parse(path)[0]


def _json(text: str) -> tuple[Any, list[str]]:
    """Parse JSON and collect every `$ref` on the way (the C parser calls the hook per object,
    far cheaper than walking 13 MB of parsed data again)."""
    refs: list[str] = []
    append = refs.append

    def hook(mapping: dict[str, Any]) -> dict[str, Any]:
        ref = mapping.get("$ref")
        if isinstance(ref, str):
            append(ref)
        return mapping

    return json.loads(text, object_hook=hook), refs


def _parse(path: Path) -> tuple[Any, str, list[str] | None]:
    """The data, the text it was read from, and (JSON only) every `$ref` in it."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except OSError as error:
        raise DocumentError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = _line_of(data, error.start)
        raise DocumentError(f"{path}:{line}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" or stripped.startswith(("{", "[")):
        try:
            data, refs = _json(text)
            return data, text, refs
        except json.JSONDecodeError as error:
            if path.suffix.lower() == ".json":
                raise DocumentError(
                    f"{path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}"
                ) from None
            # YAML flow style also starts with `{`: fall through to the YAML reader.
        except RecursionError:
            raise DocumentError(f"{path}: invalid JSON: nested too deeply to read") from None
    try:
        return yaml.load(text, Loader=_Loader), text, None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        reason = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise DocumentError(f"{where}: invalid YAML: {reason}") from None
    except yaml.YAMLError as error:
        raise DocumentError(f"{path}: invalid YAML: {error}") from None
    except RecursionError:
        raise DocumentError(f"{path}: invalid YAML: nested too deeply to read") from None


def _pointer(document: Any, fragment: str, where: str) -> Any:
    node = document
    for raw in [p for p in fragment.lstrip("/").split("/") if p]:
        key = unquote(raw).replace("~1", "/").replace("~0", "~")
        try:
            node = node[int(key)] if isinstance(node, list) else node[key]
        except (KeyError, IndexError, ValueError, TypeError):
            raise DocumentError(f"unresolvable $ref {where!r}") from None
    return node


# `$ref` followed by a value that does not start with `#`, in JSON or YAML spelling. Only a
# hint: a match (which may be in a description) is confirmed by walking the data.
_MAYBE_EXTERNAL = re.compile(r"""\$ref['"]?\s*:(?!\s*['"]?#)""")


def _external(node: Any, text: str) -> bool:
    """Does the document reference another file anywhere?"""
    if not _MAYBE_EXTERNAL.search(text):
        return False
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                return True
            stack.extend(v for v in current.values() if isinstance(v, dict | list))
        elif isinstance(current, list):
            stack.extend(v for v in current if isinstance(v, dict | list))
    return False


class _Bundler:
    def __init__(self, root: Path, document: Any) -> None:
        self.root = root
        self.cache: dict[Path, Any] = {root: document}

    def load(self, path: Path) -> Any:
        if path not in self.cache:
            self.cache[path] = parse(path)
        return self.cache[path]

    def resolve(self, node: Any, base: Path, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise DocumentError(f"$ref nesting deeper than {_MAX_DEPTH} in {base}")
        if isinstance(node, list):
            return [self.resolve(item, base, depth) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str):
            file_part, _, fragment = ref.partition("#")
            target_file = (base.parent / file_part).resolve() if file_part else base
            if target_file == self.root:
                return {**node, "$ref": f"#{fragment}"}  # a reference into the entry document
            target = _pointer(self.load(target_file), fragment, ref)
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            resolved = self.resolve(target, target_file, depth + 1)
            return {**resolved, **siblings} if siblings and isinstance(resolved, dict) else resolved
        return {key: self.resolve(value, base, depth) for key, value in node.items()}


def load_document(entry: Path) -> dict[str, Any]:
    """The document at `entry`, every cross-file reference inlined."""
    return load_with_refs(entry)[0]


def load_with_refs(entry: Path) -> tuple[dict[str, Any], list[str] | None]:
    """The document and, when the parser collected them, every `$ref` written in it."""
    root = entry.resolve()
    document, text, refs = _parse(root)
    if not isinstance(document, dict):
        kind = "empty" if document is None else f"a {type(document).__name__}"
        raise DocumentError(f"{entry}: not an OpenAPI document (the top level is {kind}, not a mapping)")
    if not _external(document, text):
        return document, refs  # the usual case, and the only one a 13 MB document should take
    bundled = _Bundler(root, document).resolve(document, root, 0)
    assert isinstance(bundled, dict)
    return bundled, None
