"""Unions: `oneOf`/`anyOf` variants paired and compared, discriminators compared by the schema
each value selects, open enums (a union that also takes any string), new overlaps in requests."""

from __future__ import annotations

from typing import Any

from synapse_contract.model import At, Site, code, show
from synapse_contract.schema_keywords import (
    DOC_KEYS,
    branches_of,
    generated_kind,
    may_overlap,
    ref_of,
    type_label,
    type_set,
)
from synapse_contract.schema_walk import SchemaWalk
from synapse_contract.spec import Spec


class UnionDiffer(SchemaWalk):
    def _compare_alternatives(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        old_kind, old_branches = branches_of(old)
        new_kind, new_branches = branches_of(new)
        if old_kind and new_kind and old_kind != new_kind:
            self._report(False, site, path, f"`{old_kind}` became `{new_kind}`", origin)
        old_map, new_map = (
            self._discriminator(old, old_branches, self.old),
            self._discriminator(new, new_branches, self.new),
        )
        self._compare_discriminator(old, new, old_map, new_map, site, path, origin)
        request = site.direction == "request"
        if request:
            self._compare_overlap(old_kind, old, new_kind, new, site, path, origin)
        pairs, removed, added = self._match(old_branches, new_branches, old_map, new_map)
        kind = new_kind or old_kind or "oneOf"
        open_union = not request and any(self._any_string(b) for b in new_branches) and len(new_branches) > 1
        for i, j in pairs:
            self.compare(
                old_branches[i],
                new_branches[j],
                site,
                path.keyword(kind, j) if new_kind else path,
                open_enum=open_union,
            )
        what = generated_kind(site)
        for i in removed:
            label = self._branch_label(old_branches[i], self.old)
            note = " (clients sending it are rejected)" if request else ""
            sdk = f"the generated {what} type loses the member {label}" if request else None
            self._report(request, site, path, f"variant {label} removed from `{kind}`{note}", origin, sdk=sdk)
        for j in added:
            label = self._branch_label(new_branches[j], self.new)
            note = "" if request else " (clients may receive a shape they do not know)"
            sdk = None if request else f"the generated {what} type gains the member {label}"
            self._report(not request, site, path, f"variant {label} added to `{kind}`{note}", origin, sdk=sdk)

    def _discriminator(self, schema: dict[str, Any], branches: list[Any], spec: Spec) -> dict[str, str]:
        """Discriminator value -> the `$ref` it selects: the explicit `mapping`, and for each variant
        it does not name, the variant's schema name (OpenAPI's implicit mapping)."""
        found = schema.get("discriminator")
        if not isinstance(found, dict):
            return {}
        mapping: dict[str, str] = {}
        explicit = found.get("mapping")
        for value, target in explicit.items() if isinstance(explicit, dict) else []:
            target = str(target)
            mapping[str(value)] = (
                target if "#" in target or "/" in target else f"#/components/schemas/{target}"
            )
        for raw in branches:
            ref = ref_of(raw)
            if ref is not None and ref not in mapping.values():
                mapping.setdefault(ref.rsplit("/", 1)[-1], ref)
        return mapping

    def _compare_discriminator(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        old_map: dict[str, str],
        new_map: dict[str, str],
        site: Site,
        path: At,
        origin: str | None,
    ) -> None:
        """Compare what each discriminator value selects, not how the mapping is spelt: a schema
        renamed together with the mapping that points at it selects the same schema."""
        before, after = old.get("discriminator"), new.get("discriminator")
        if not isinstance(before, dict) and not isinstance(after, dict):
            return
        if not isinstance(before, dict) or not isinstance(after, dict):
            message = "discriminator added" if isinstance(after, dict) else "discriminator removed"
            self._report(True, site, path, f"{message}: variants are now told apart another way", origin)
            return
        if before.get("propertyName") != after.get("propertyName"):
            message = f"discriminator property changed from {code(before.get('propertyName'))} to {code(after.get('propertyName'))}"
            self._report(True, site, path, message, origin)
            return
        request = site.direction == "request"
        for value in dict.fromkeys([*old_map, *new_map]):
            old_ref, new_ref = old_map.get(value), new_map.get(value)
            if new_ref is None:
                note = " (clients sending it are rejected)" if request else " (no longer sent)"
                self._report(request, site, path, f"discriminator value {code(value)} removed{note}", origin)
            elif old_ref is None:
                note = "" if request else " (clients may receive a shape they do not know)"
                self._report(not request, site, path, f"new discriminator value {code(value)}{note}", origin)
            elif old_ref != new_ref and not self._same_schema({"$ref": old_ref}, {"$ref": new_ref}):
                message = (
                    f"discriminator value {code(value)} now selects `{new_ref.rsplit('/', 1)[-1]}` "
                    f"(was `{old_ref.rsplit('/', 1)[-1]}`)"
                )
                self._report(True, site, path, message, origin)

    def _same_schema(self, old: Any, new: Any, seen: set[tuple[str, str]] | None = None) -> bool:
        """Do two nodes describe the same values, whatever their components are called?"""
        seen = set() if seen is None else seen
        old_ref, new_ref = ref_of(old), ref_of(new)
        if old_ref is not None or new_ref is not None:
            pair = (str(old_ref), str(new_ref))
            if pair in seen:
                return True  # a cycle: no difference found on the way round
            seen.add(pair)
            try:
                old, new = self.old.resolved(old), self.new.resolved(new)
            except ValueError:
                return False
        if isinstance(old, dict) and isinstance(new, dict):
            keys = {k for k in (*old, *new) if k not in (*DOC_KEYS, "example", "examples")}
            return all(k in old and k in new and self._same_schema(old[k], new[k], seen) for k in keys)
        if isinstance(old, list) and isinstance(new, list):
            return len(old) == len(new) and all(
                self._same_schema(a, b, seen) for a, b in zip(old, new, strict=True)
            )
        return bool(old == new)

    def _any_string(self, raw: Any) -> bool:
        """A variant that takes every string (`{type: string}`, nothing narrowing it)."""
        node = self.new.resolved(raw)
        if not isinstance(node, dict) or type_set(node) != frozenset({"string"}):
            return False
        narrowing = ("enum", "const", "format", "pattern", "maxLength", "minLength", "not")
        return not any(key in node for key in narrowing)

    def _compare_overlap(
        self,
        old_kind: str | None,
        old: dict[str, Any],
        new_kind: str | None,
        new: dict[str, Any],
        site: Site,
        path: At,
        origin: str | None,
    ) -> None:
        """`oneOf` rejects a value that matches two variants: new overlap rejects what passed."""
        if new_kind != "oneOf" or new.get("discriminator"):
            return
        new_pair = self._overlapping_pair(new["oneOf"], self.new)
        if new_pair is None:
            return
        if (
            old_kind == "oneOf"
            and not old.get("discriminator")
            and self._overlapping_pair(old["oneOf"], self.old) is not None
        ):
            return  # it overlapped before too: nothing that passed is newly rejected
        i, j = new_pair
        message = (
            f"`oneOf` variants {i} and {j} overlap: a value matching both is rejected "
            "(values that passed before may match both)"
        )
        self._report(True, site, path, message, origin)

    def _overlapping_pair(self, branches: list[Any], spec: Spec) -> tuple[int, int] | None:
        resolved = [
            self._flatten(b, spec, 0) if isinstance(b, dict) else b for b in map(spec.resolved, branches)
        ]
        for i, a in enumerate(resolved):
            for j in range(i + 1, len(resolved)):
                if may_overlap(a, resolved[j], spec):
                    return i, j
        return None

    def _branch_label(self, raw: Any, spec: Spec) -> str:
        if isinstance(raw, dict) and isinstance(raw.get("$ref"), str):
            return f"`{raw['$ref'].rsplit('/', 1)[-1]}`"
        node = spec.resolved(raw)
        return f"`{type_label(type_set(node) if isinstance(node, dict) else None)}`"

    def _signature(self, raw: Any, spec: Spec) -> str:
        node = spec.resolved(raw)
        return type_label(type_set(self._flatten(node, spec, 0))) if isinstance(node, dict) else show(node)

    def _match(
        self,
        old: list[Any],
        new: list[Any],
        old_map: dict[str, str] | None = None,
        new_map: dict[str, str] | None = None,
    ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        """Pair variants: the one a discriminator value selects on both sides, then the same $ref,
        then the same type, then a lone leftover with a lone leftover."""
        left, right = list(range(len(old))), list(range(len(new)))
        pairs: list[tuple[int, int]] = []
        for value, old_ref in (old_map or {}).items():
            new_ref = (new_map or {}).get(value)
            i = next((i for i in left if ref_of(old[i]) == old_ref), None)
            j = next((j for j in right if ref_of(new[j]) == new_ref), None)
            if i is not None and j is not None:
                pairs.append((i, j))
                left.remove(i)
                right.remove(j)
        keys = (
            lambda raw, spec: raw.get("$ref") if isinstance(raw, dict) else None,
            self._signature,
        )
        for keyer in keys:
            for i in list(left):
                wanted = keyer(old[i], self.old)
                if wanted is None:
                    continue
                match = next((j for j in right if keyer(new[j], self.new) == wanted), None)
                if match is not None:
                    pairs.append((i, match))
                    left.remove(i)
                    right.remove(match)
        if len(left) == 1 and len(right) == 1:
            pairs.append((left.pop(), right.pop()))
        return sorted(pairs, key=lambda p: p[1]), left, right
