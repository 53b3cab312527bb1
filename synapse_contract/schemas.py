"""Compare two JSON Schemas (OpenAPI 3.0 or 3.1 flavour) at one place in the contract.

The rule behind every wire verdict: in a *request* the old schema described what clients send,
so the new one breaks them when it accepts less (narrower type, fewer enum values, tighter
bounds, new required fields). In a *response* it described what clients receive, so the new one
breaks them when it may send more or other (wider type, new null, missing fields, new variants).

The SDK verdict asks what `make client` does with the change: an argument or attribute whose
Python type, name or default changes, a TypedDict key or an enum member that goes away
(naming.py holds the generator's naming rules).
"""

from __future__ import annotations

from typing import Any

from synapse_contract import naming
from synapse_contract.model import At, Site, code
from synapse_contract.schema_keywords import (
    DOC_KEYS,
    FORMAT_TYPES,
    LOWER_BOUNDS,
    SCALARS,
    UPPER_BOUNDS,
    TypeSet,
    accepts,
    bound_of,
    canonical,
    enum_values,
    generated_kind,
    has_alternatives,
    is_tightened,
    listing,
    not_accepted,
    plural,
    type_label,
    type_set,
    types_overlap,
)
from synapse_contract.schema_objects import ObjectDiffer
from synapse_contract.schema_unions import UnionDiffer

__all__ = ["SchemaDiffer", "type_set"]


class SchemaDiffer(ObjectDiffer, UnionDiffer):
    """Compares two schemas at one place; the walk, objects and unions are its base classes'."""

    def _compare(
        self, old: Any, new: Any, site: Site, path: At, origin: str | None, open_enum: bool = False
    ) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            if old != new:  # boolean schemas (`true`/`false`) or garbage: say it, assume the worst
                self._report(
                    True,
                    site,
                    path,
                    f"schema changed from {code(old)} to {code(new)}",
                    origin,
                    sdk=f"the generated {generated_kind(site)} type changes",
                )
            return
        old = self._flatten(old, self.old, 0)
        new = self._flatten(new, self.new, 0)
        self._documentation(old, new, site, path, origin)
        self._conditionals(old, new, site, path, origin)
        if has_alternatives(old) or has_alternatives(new):
            self._compare_alternatives(old, new, site, path, origin)
            return
        old_types, new_types = type_set(old), type_set(new)
        if not self._compare_types(old_types, new_types, site, path, origin):
            return  # unrelated types: comparing their keywords would only add noise
        self._compare_enum(old, new, site, path, origin, open_enum)
        self._compare_bounds(old, new, site, path, origin)
        self._compare_format(old, new, site, path, origin)
        if accepts(old_types, "object") and accepts(new_types, "object"):
            self._compare_properties(old, new, site, path, origin)
            self._compare_additional(old, new, site, path, origin)
            self._compare_pattern_properties(old, new, site, path)
        if accepts(old_types, "array") and accepts(new_types, "array"):
            self._compare_prefix_items(old, new, site, path)
            self.compare(old.get("items", {}), new.get("items", {}), site, path.items())

    def _documentation(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        for keyword in DOC_KEYS:
            if old.get(keyword) != new.get(keyword):
                self._report(False, site, path, f"{keyword} changed", origin)
        if old.get("example") != new.get("example") or old.get("examples") != new.get("examples"):
            self._report(False, site, path, "example changed", origin)
        if "default" in old or "default" in new:
            before, after = old.get("default"), new.get("default")
            if before != after:
                request = site.direction == "request"
                # A parameter a client omits takes the server's default: set, changed or dropped,
                # those clients get other behaviour (oasdiff rates all three ERR). A body
                # property's default documents the server's choice (oasdiff: INFO). Either way
                # the generator writes the default into the argument or model field, so the
                # regenerated code sends a different value when it changed.
                parameter = request and site.parameter and not path.instance
                note = " (clients that omit it get the new default)" if request else ""
                changed = before is not None and after is not None
                self._report(
                    parameter,
                    site,
                    path,
                    f"default changed: {code(before)} → {code(after)}{note}",
                    origin,
                    sdk=f"the default of the generated {generated_kind(site)} changes"
                    if request and changed
                    else None,
                )
        if bool(old.get("deprecated")) != bool(new.get("deprecated")):
            self._report(
                False, site, path, "deprecated" if new.get("deprecated") else "no longer deprecated", origin
            )
        for keyword in sorted({k for k in (*old, *new) if k.startswith("x-")}):
            if old.get(keyword) != new.get(keyword):
                self._report(False, site, path, f"`{keyword}` changed", origin)

    # --- if / then / else, not ------------------------------------------------------------------

    def _conditionals(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        """Walk `then`/`else` like any subschema; a changed `if` or `not` is judged conservatively."""
        has_branches = any(k in s for s in (old, new) for k in ("then", "else"))
        if has_branches and not self.unchanged(old.get("if", True), new.get("if", True)):
            self._report(
                True,
                site,
                path.keyword("if"),
                "`if` condition changed: the `then`/`else` constraints now apply to other values",
                origin,
            )
        for keyword in ("then", "else"):
            if keyword in old or keyword in new:
                self.compare(old.get(keyword, {}), new.get(keyword, {}), site, path.keyword(keyword))
        if not self.unchanged(old.get("not"), new.get("not")):
            # `not` inverts every rule above; whether the change narrows or widens is not decided here.
            self._report(True, site, path.keyword("not"), "`not` subschema changed", origin)

    # --- types, enums, bounds, formats -------------------------------------------------------

    def _compare_types(self, old: TypeSet, new: TypeSet, site: Site, path: At, origin: str | None) -> bool:
        """Report a type change; return False when the types no longer overlap at all."""
        lost, gained = not_accepted(old, new), not_accepted(new, old)
        if not lost and not gained:
            return True
        request = site.direction == "request"
        what = generated_kind(site)
        if lost == {"null"} and not gained:
            message = "no longer nullable" + (" (clients sending null are rejected)" if request else "")
            sdk = f"the generated {what} no longer accepts None" if request else None
            self._report(request, site, path, message, origin, sdk=sdk)
        elif gained == {"null"} and not lost:
            message = "now nullable" + ("" if request else " (clients may receive null)")
            sdk = None if request else f"the generated {what} may now be None"
            self._report(not request, site, path, message, origin, sdk=sdk)
        else:
            message = f"type changed from `{type_label(old)}` to `{type_label(new)}`"
            strict = bool(lost) if request else bool(gained)
            wire = strict
            if request and site.parameter and new is not None and "string" in new:
                # A parameter travels as text: every integer, number or boolean is a valid string.
                wire = bool(lost - {*SCALARS})
                if strict and not wire:
                    message += " (the value travels as text, which the new type accepts)"
            sdk = f"the generated {what} type changes from `{type_label(old)}` to `{type_label(new)}`"
            self._report(wire, site, path, message, origin, sdk=sdk if strict else None)
        return types_overlap(old, new)

    def _compare_enum(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        site: Site,
        path: At,
        origin: str | None,
        open_enum: bool = False,
    ) -> None:
        before, after = enum_values(old), enum_values(new)
        if before is None and after is None:
            return
        request = site.direction == "request"
        what = generated_kind(site)
        if before is None:
            assert after is not None
            sdk = (
                f"the generated {what} takes an Enum where it took {type_label(type_set(old))}"
                if request
                else None
            )
            self._report(
                request, site, path, f"now restricted to the values {listing(after)}", origin, sdk=sdk
            )
            return
        if after is None:
            note = "" if request else " (clients must accept any value)"
            sdk = "the generated Enum class for it goes away" if naming.enum_members(before) else None
            self._report(
                False, site, path, f"no longer restricted to a list of values{note}", origin, sdk=sdk
            )
            return
        if (
            not request
            and "const" in old
            and "const" in new
            and canonical(old["const"]) != canonical(new["const"])
        ):
            message = f"`const` changed: {code(old['const'])} → {code(new['const'])}"
            self._report(True, site, path, message + " (clients relying on the value see another)", origin)
            return
        after_keys = {canonical(v) for v in after}
        before_keys = {canonical(v) for v in before}
        removed = [v for v in before if canonical(v) not in after_keys]
        added = [v for v in after if canonical(v) not in before_keys]
        if [canonical(v) for v in before] == [canonical(v) for v in after] and old.get(
            "x-enum-varnames"
        ) == new.get("x-enum-varnames"):
            return
        lost_members = self._lost_members(old, new, before, after)
        sdk = (
            f"generated Enum member{'s' if len(lost_members) > 1 else ''} "
            f"{', '.join(f'`{m}`' for m in lost_members)} removed or renamed"
            if lost_members
            else None
        )
        if removed:
            noun = plural(removed, "enum value", "enum values")
            note = " (no longer sent)" if not request else ""
            self._report(request, site, path, f"{noun} {listing(removed)} removed{note}", origin, sdk=sdk)
            sdk = None
        if added:
            noun = plural(added, "enum value", "enum values")
            # A response value clients have not seen: clients in any language that hold the enum
            # closed (as the document says it is) reject it; an open enum (`anyOf` the enum and any
            # string) told them to expect it. The SDK verdict is what our generated code does.
            wire = not request and not open_enum
            if request:
                note = ""
            elif open_enum:
                note = " (the document keeps the enum open: clients accept values they do not know)"
            else:
                note = " (the enum is closed: clients that check the value reject it)"
                sdk = sdk or self._unknown_value_sdk(after)
            self._report(wire, site, path, f"{noun} {listing(added)} added{note}", origin, sdk=sdk)
            sdk = None
        if sdk:  # same values, other member names (x-enum-varnames, or a reordering)
            self._report(False, site, path, "enum member names changed", origin, sdk=sdk)

    @staticmethod
    def _unknown_value_sdk(values: list[Any]) -> str | None:
        """What the generated Enum does with a value it does not know: string enums keep it
        (openapi/templates/str_enum.py.jinja adds `_missing_`), integer enums raise ValueError."""
        members = naming.enum_members(values)
        if members is None or all(isinstance(v, str) for v in values):
            return None
        return "the generated IntEnum raises ValueError on a value it does not know (the old client fails to parse)"

    @staticmethod
    def _lost_members(
        old: dict[str, Any], new: dict[str, Any], before: list[Any], after: list[Any]
    ) -> list[str]:
        """Enum members (name -> value) of the old generated Enum missing from the new one."""
        if "const" in old or "const" in new:
            return []  # the generator makes a literal, not an Enum, of a const
        old_members = naming.enum_members(before, old.get("x-enum-varnames"))
        new_members = naming.enum_members(after, new.get("x-enum-varnames"))
        if old_members is None or new_members is None:
            return []
        return [name for name, value in old_members.items() if new_members.get(name) != value]

    def _compare_bounds(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        for keyword in (*UPPER_BOUNDS, *LOWER_BOUNDS, "pattern", "multipleOf", "uniqueItems"):
            before, after = bound_of(old, keyword), bound_of(new, keyword)
            if before == after:
                continue
            tightened = is_tightened(keyword, before, after)
            verb = "tightened" if tightened else "relaxed"
            breaking = tightened and site.direction == "request"
            self._report(breaking, site, path, f"`{keyword}` {verb}: {code(before)} → {code(after)}", origin)

    def _compare_format(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        before, after = old.get("format"), new.get("format")
        if before == after:
            return
        # Requests: a new or different format rejects values that passed before. Responses:
        # clients (the generated one included) parse by format, so changing or dropping it breaks.
        breaking = after is not None if site.direction == "request" else before is not None
        old_type = FORMAT_TYPES.get(str(before), "str")
        new_type = FORMAT_TYPES.get(str(after), "str")
        strings = accepts(type_set(old), "string") and accepts(type_set(new), "string")
        sdk = (
            f"the generated {generated_kind(site)} type changes from `{old_type}` to `{new_type}`"
            if strings and old_type != new_type
            else None
        )
        self._report(breaking, site, path, f"format changed: {code(before)} → {code(after)}", origin, sdk=sdk)
