"""Compare what an operation demands as credentials.

An operation's requirement is a list of alternatives; each alternative is a set of schemes (with
OAuth scopes) that must all be sent. A client that satisfied an old alternative keeps working
when some new alternative asks for a subset of what it sends, through schemes whose definition
(header name, location, type) has not changed.
"""

from __future__ import annotations

from typing import Any

from synapse_contract.model import Changes, code
from synapse_contract.spec import Spec

Requirement = dict[str, frozenset[str]]  # scheme name -> scopes
_ANONYMOUS: list[Requirement] = [{}]


def effective(spec: Spec, operation: dict[str, Any]) -> tuple[list[Requirement], bool]:
    """The operation's alternatives and whether they come from the operation itself."""
    own = "security" in operation
    raw = operation["security"] if own else spec.doc.get("security")
    if not isinstance(raw, list) or not raw:
        return list(_ANONYMOUS), own
    alternatives = [
        {str(name): frozenset(map(str, scopes or [])) for name, scopes in item.items()}
        for item in raw
        if isinstance(item, dict)
    ]
    return alternatives, own


def _scheme(spec: Spec, name: str) -> dict[str, Any] | None:
    schemes = (spec.doc.get("components") or {}).get("securitySchemes") or {}
    scheme = spec.resolved(schemes[name]) if name in schemes else None
    return scheme if isinstance(scheme, dict) else None


def scheme_definition(spec: Spec, name: str) -> dict[str, Any] | None:
    """What a client must do to present a scheme; descriptions do not matter."""
    scheme = _scheme(spec, name)
    if scheme is None:
        return None
    material = {k: v for k, v in scheme.items() if k != "description" and not k.startswith("x-")}
    if material.get("in") == "header" and isinstance(material.get("name"), str):
        material["name"] = material["name"].lower()  # HTTP header names are case-insensitive
    if isinstance(material.get("scheme"), str):
        material["scheme"] = material["scheme"].lower()
    return material


def describe(alternatives: list[Requirement]) -> str:
    def one(requirement: Requirement) -> str:
        if not requirement:
            return "none"  # `security: []` or an empty alternative: anonymous calls allowed
        parts = [
            f"{name}[{', '.join(sorted(scopes))}]" if scopes else name for name, scopes in requirement.items()
        ]
        return " + ".join(parts)

    return " or ".join(f"`{one(r)}`" for r in alternatives)


class SecurityDiffer:
    def __init__(self, old: Spec, new: Spec, changes: Changes) -> None:
        self.old = old
        self.new = new
        self.changes = changes

    def compare(self, label: str, old_op: dict[str, Any], new_op: dict[str, Any], pointer: str = "") -> None:
        before, old_own = effective(self.old, old_op)
        after, new_own = effective(self.new, new_op)
        # A change made at the top level is grouped under `#/security` across the operations it hits.
        origin = None if old_own or new_own else "#/security"
        if _normalise(before) != _normalise(after):
            lost = [r for r in before if not any(self._satisfies(r, n) for n in after)]
            message = f"security requirements changed from {describe(before)} to {describe(after)}"
            if {} in lost:
                message += "; calls without credentials are rejected"
            elif lost:
                message += f"; clients sending only {describe(lost)} are rejected"
            self.changes.add(bool(lost), label, "security", message, origin, pointer=pointer)
        for name in sorted({name for requirement in before for name in requirement}):
            self._compare_scheme(label, name)

    def _satisfies(self, sent: Requirement, demanded: Requirement) -> bool:
        for name, scopes in demanded.items():
            if name not in sent or not scopes <= sent[name]:
                return False
            definition = scheme_definition(self.new, name)
            if definition is None or definition != scheme_definition(self.old, name):
                return False
        return True

    def _compare_scheme(self, label: str, name: str) -> None:
        before, after = scheme_definition(self.old, name), scheme_definition(self.new, name)
        if before == after:
            return
        origin = f"#/components/securitySchemes/{name}"
        if after is None:
            message = f"security scheme `{name}` no longer defined"
            self.changes.add(
                True, label, "security", message, origin, pointer=f"components.securitySchemes.{name}"
            )
            return
        old_raw, new_raw = _scheme(self.old, name) or {}, _scheme(self.new, name) or {}
        changed = [
            key for key in sorted({*(before or {}), *after}) if (before or {}).get(key) != after.get(key)
        ]
        details = ", ".join(f"`{key}` {code(old_raw.get(key))} → {code(new_raw.get(key))}" for key in changed)
        message = (
            f"security scheme `{name}` changed ({details}): clients presenting it the old way are rejected"
        )
        self.changes.add(
            True, label, "security", message, origin, pointer=f"components.securitySchemes.{name}"
        )


def _normalise(alternatives: list[Requirement]) -> set[frozenset[tuple[str, frozenset[str]]]]:
    return {frozenset(requirement.items()) for requirement in alternatives}
