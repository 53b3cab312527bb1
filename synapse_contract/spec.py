"""A loaded (bundled) document with local `$ref` resolution and component bookkeeping."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

COMPONENTS = "#/components/"


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


class Spec:
    """One side of the diff.

    `loader.load_document` has inlined every cross-file reference, so each `$ref` left
    targets the entry document; only its fragment matters (a split file may spell the target
    as `../openapi.yaml#/components/...`).
    """

    def __init__(self, document: dict[str, Any], refs: list[str] | None = None) -> None:
        self.doc = document
        # id() of every mapping or list under `components` -> its JSON pointer: lets a change found
        # while walking an operation name the shared component it is made in. Filled lazily, a
        # component at a time, when a `$ref` first reaches it: the walk from the operations enters
        # `components` only through references.
        self._pointers: dict[int, str] = {}
        self._indexed: set[str] = set()
        # id() -> (the node, its refs): holding the node keeps its id from being reused by a
        # transient dict (allOf merging makes some) while the cache lives.
        self._refs: dict[int, tuple[Any, list[str]]] = {}
        # Every $ref in the document, for check(): from the JSON parser when it collected them.
        self._written: list[str] = refs if refs is not None else self.refs_in(document)

    def _index(self, node: Any, pointer: str) -> None:
        if pointer in self._indexed:
            return
        self._indexed.add(pointer)
        pointers = self._pointers
        stack: list[tuple[Any, str]] = [(node, pointer)]
        while stack:
            current, at = stack.pop()
            if id(current) in pointers:
                continue  # indexed with a component reached earlier (a shorter or equal pointer)
            pointers[id(current)] = at
            if isinstance(current, dict):
                stack.extend(
                    (value, f"{at}/{_escape(str(key))}")
                    for key, value in current.items()
                    if isinstance(value, dict | list)
                )
            else:
                stack.extend(
                    (value, f"{at}/{i}") for i, value in enumerate(current) if isinstance(value, dict | list)
                )

    def check(self) -> None:
        """Raise ValueError on the first `$ref` that points nowhere (rather than mid-diff)."""
        for ref in dict.fromkeys(self._written):
            self.lookup(ref, index=False)

    def refs_in(self, node: Any) -> list[str]:
        """Every `$ref` written inside a node (not followed), cached per node."""
        cached = self._refs.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        found: list[str] = []
        stack: list[Any] = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, dict):
                ref = current.get("$ref")
                if isinstance(ref, str):
                    found.append(ref)
                stack.extend(v for v in current.values() if isinstance(v, dict | list))
            elif isinstance(current, list):
                stack.extend(v for v in current if isinstance(v, dict | list))
        found = list(dict.fromkeys(found))
        if isinstance(node, dict | list):
            self._refs[id(node)] = (node, found)
        return found

    def pointer_of(self, node: Any) -> str | None:
        return self._pointers.get(id(node))

    def lookup(self, ref: str, *, index: bool = True) -> Any:
        fragment = ref.partition("#")[2]
        node: Any = self.doc
        keys: list[str] = []
        for raw in [part for part in fragment.split("/") if part]:
            key = unquote(raw).replace("~1", "/").replace("~0", "~")
            keys.append(key)
            try:
                node = node[int(key)] if isinstance(node, list) else node[key]
            except (KeyError, IndexError, ValueError, TypeError):
                raise ValueError(f"unresolvable $ref {ref!r}") from None
        if index and len(keys) > 1 and keys[0] == "components" and isinstance(node, dict | list):
            self._index(node, "#/" + "/".join(_escape(key) for key in keys))
        return node

    def resolve(self, node: Any) -> tuple[Any, str | None]:
        """Follow `$ref`s; return the target and the component pointer it lives at (if any).

        OpenAPI 3.1 allows keywords beside `$ref`; they are laid over the target.
        """
        origin: str | None = None
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen:
                raise ValueError(f"circular $ref {ref!r}")
            seen.add(ref)
            target = self.lookup(ref)
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            origin = "#" + ref.partition("#")[2]
            node = {**target, **siblings} if siblings and isinstance(target, dict) else target
        found = origin or self.pointer_of(node)
        return node, found if found and found.startswith(COMPONENTS) else None

    def resolved(self, node: Any) -> Any:
        return self.resolve(node)[0]

    def origin(self, raw: Any, resolved_origin: str | None = None) -> str | None:
        """The component a node (before resolution) is defined in, else where its $ref points."""
        return self.pointer_of(raw) or resolved_origin
