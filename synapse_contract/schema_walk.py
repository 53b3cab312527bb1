"""The walk every schema comparison shares: the recursion guard, the "nothing changed" test that
avoids walking equal parts, reporting a change at a place, and merging `allOf` members."""

from __future__ import annotations

from typing import Any

from synapse_contract.model import At, Changes, Site
from synapse_contract.schema_keywords import DOC_KEYS, MAX_DEPTH
from synapse_contract.spec import Spec


class SchemaWalk:
    def __init__(self, old: Spec, new: Spec, changes: Changes) -> None:
        self.old = old
        self.new = new
        self.changes = changes
        self._active: set[tuple[object, object, Site]] = set()
        self._equal_components: dict[str, bool] = {}

    def compare(
        self, old_raw: Any, new_raw: Any, site: Site, path: At | str, *, open_enum: bool = False
    ) -> None:
        """Report what changed between two schemas at `site`. `open_enum`: the schema is the enum
        branch of a union that also takes any string (the document keeps the vocabulary open)."""
        at = At(path) if isinstance(path, str) else path
        if self.unchanged(old_raw, new_raw):
            return  # the common case in a large document: nothing below can differ
        old, old_origin = self.old.resolve(old_raw)
        new, new_origin = self.new.resolve(new_raw)
        # Recursive schemas (a tree node holding its children) would otherwise never end.
        key = (old_origin or id(old), new_origin or id(new), site)
        if key in self._active or len(self._active) > MAX_DEPTH:
            return
        self._active.add(key)
        try:
            self._compare(old, new, site, at, new_origin or old_origin, open_enum)
        finally:
            self._active.discard(key)

    def unchanged(self, old_raw: Any, new_raw: Any) -> bool:
        """True when both nodes are equal and every component they reach is equal too.

        Equal `$ref` dicts alone prove nothing: the component they name may differ between the two
        documents (a type change under `additionalProperties: {$ref}` hid that way).
        """
        if old_raw is new_raw:
            return True
        if old_raw != new_raw:
            return False
        return all(self._component_equal(ref) for ref in self.old.refs_in(old_raw))

    def _component_equal(self, ref: str) -> bool:
        if ref in self._equal_components:
            return self._equal_components[ref]
        self._equal_components[ref] = True  # a cycle back here adds no new difference
        try:
            old, new = self.old.lookup(ref, index=False), self.new.lookup(ref, index=False)
        except ValueError:
            equal = False
        else:
            equal = old == new and all(self._component_equal(inner) for inner in self.old.refs_in(old))
        self._equal_components[ref] = equal
        return equal

    def _report(
        self,
        breaking: bool,
        site: Site,
        path: At,
        message: str,
        origin: str | None,
        sdk: str | None = None,
    ) -> None:
        self.changes.add(
            breaking,
            site.operation,
            site.at(path.instance),
            message,
            origin,
            sdk=sdk,
            pointer=f"{site.pointer}{path.doc}",
        )

    def _flatten(self, schema: dict[str, Any], spec: Spec, depth: int) -> dict[str, Any]:
        """Merge `allOf` members into one schema, keeping each property's own node.

        Keeping the original property nodes lets changes inside a member be traced back to the
        component that holds them. A property two members both define keeps both constraints (as
        an allOf of the two nodes), since a value must satisfy each.
        """
        members = schema.get("allOf")
        if not isinstance(members, list) or depth > MAX_DEPTH:
            return schema
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        properties: dict[str, Any] = dict(merged.get("properties") or {})
        required: list[str] = list(merged.get("required") or [])
        for raw in members:
            member = spec.resolved(raw)
            if not isinstance(member, dict):
                continue
            member = self._flatten(member, spec, depth + 1)
            for name, prop in (member.get("properties") or {}).items():
                if name not in properties:
                    properties[name] = prop
                elif properties[name] != prop:
                    properties[name] = {"allOf": [properties[name], prop]}
            required += [name for name in member.get("required") or [] if name not in required]
            for keyword, value in member.items():
                # A member's own documentation does not document the composite.
                if keyword not in ("properties", "required", "example", "examples", *DOC_KEYS):
                    merged.setdefault(keyword, value)
        if properties:
            merged["properties"] = properties
        if required:
            merged["required"] = required
        return merged

    def _compare(
        self, old: Any, new: Any, site: Site, path: At, origin: str | None, open_enum: bool = False
    ) -> None:
        raise NotImplementedError  # SchemaDiffer's: the keyword-by-keyword comparison
