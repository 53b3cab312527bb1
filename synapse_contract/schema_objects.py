"""Objects: the properties that travel in each direction, required names (described or not),
`additionalProperties`, `patternProperties`, and arrays' `prefixItems`."""

from __future__ import annotations

from typing import Any

from synapse_contract import naming
from synapse_contract.model import At, Site
from synapse_contract.schema_keywords import undeclared_schema
from synapse_contract.schema_walk import SchemaWalk
from synapse_contract.spec import Spec


class ObjectDiffer(SchemaWalk):
    def _fields(
        self, schema: dict[str, Any], spec: Spec, site: Site, same: set[str]
    ) -> tuple[dict[str, Any], set[str]]:
        """The properties that travel in this direction, and the required names among them.

        `same`: names unchanged on both sides (node, components reached, required-ness); they
        are kept without resolving them, since whatever they are, nothing about them differs.
        """
        hidden = "readOnly" if site.direction == "request" else "writeOnly"
        fields: dict[str, Any] = {}
        skipped: set[str] = set()
        for name, raw in (schema.get("properties") or {}).items():
            if name in same:
                fields[str(name)] = raw
                continue
            node = spec.resolved(raw)
            if isinstance(node, dict) and node.get(hidden) is True:
                skipped.add(str(name))
            else:
                fields[str(name)] = raw
        required = {str(n) for n in schema.get("required") or []} - skipped
        return fields, required

    def _compare_properties(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
        old_req, new_req = set(old.get("required") or []), set(new.get("required") or [])
        same = {
            name
            for name, raw in old_props.items()
            if name in new_props
            and (name in old_req) == (name in new_req)
            and self.unchanged(raw, new_props[name])
        }
        old_fields, old_required = self._fields(old, self.old, site, same)
        new_fields, new_required = self._fields(new, self.new, site, same)
        names = list(dict.fromkeys([*old_fields, *sorted(old_required), *new_fields, *sorted(new_required)]))
        closed = new.get("additionalProperties") is False
        for name in names:
            if name in same:
                continue  # the common case inside a changed schema: its other properties
            was = name in old_fields or name in old_required
            now = name in new_fields or name in new_required
            where = path.prop(name)
            if was and not now and name in (new.get("properties") or {}):
                # Still declared, now readOnly (requests) or writeOnly (responses): the generated
                # model keeps the field, so only the wire sees a change.
                self._hidden_field(name, site, where, self.old.origin(old_fields.get(name), origin))
            elif was and not now:
                self._removed_field(name, site, where, closed, self.old.origin(old_fields.get(name), origin))
            elif now and not was:
                required = name in new_required
                declared = name in (old.get("properties") or {})
                new_origin = self.new.origin(new_fields.get(name), origin)
                self._added_field(name, required, site, where, new_origin, declared)
            else:
                self._required_changed(name, name in old_required, name in new_required, site, where, origin)
                if name in old_fields or name in new_fields:
                    # A name listed in `required` but not in `properties` takes what
                    # `additionalProperties` allows (anything, by default): compared all the same.
                    before = old_fields[name] if name in old_fields else undeclared_schema(old)
                    after = new_fields[name] if name in new_fields else undeclared_schema(new)
                    self.compare(before, after, site, where)

    def _removed_field(self, name: str, site: Site, where: At, closed: bool, origin: str | None) -> None:
        python = naming.identifier(name)
        if site.direction == "response":
            sdk = f"model attribute `{python}` and TypedDict key `{name}` removed"
            self._report(True, site, where, f"response field `{name}` removed", origin, sdk=sdk)
            return
        sdk = f"model field `{python}` (a constructor argument) and TypedDict key `{name}` removed"
        if closed:
            message = f"request field `{name}` removed and unknown fields are rejected"
            self._report(True, site, where, message, origin, sdk=sdk)
        else:
            message = f"request field `{name}` removed (the server ignores it)"
            self._report(False, site, where, message, origin, sdk=sdk)

    def _hidden_field(self, name: str, site: Site, where: At, origin: str | None) -> None:
        if site.direction == "request":
            message = f"request field `{name}` is now readOnly (the server ignores it)"
            self._report(False, site, where, message, origin)
        else:
            self._report(
                True, site, where, f"response field `{name}` is now writeOnly (no longer sent)", origin
            )

    def _added_field(
        self, name: str, required: bool, site: Site, where: At, origin: str | None, declared: bool = False
    ) -> None:
        if site.direction == "response":
            self._report(False, site, where, f"new response field `{name}`", origin)
        elif required:
            sdk = (
                None
                if declared
                else f"the generated model takes a new required argument `{naming.identifier(name)}`"
            )
            self._report(True, site, where, f"new required request field `{name}`", origin, sdk=sdk)
        else:
            self._report(False, site, where, f"new optional request field `{name}`", origin)

    def _required_changed(
        self, name: str, before: bool, after: bool, site: Site, where: At, origin: str | None
    ) -> None:
        if before == after:
            return
        python = naming.identifier(name)
        if site.direction == "request":
            if after:
                sdk = f"model field `{python}` becomes a required argument"
                self._report(True, site, where, f"request field `{name}` made required", origin, sdk=sdk)
            else:
                self._report(False, site, where, f"request field `{name}` made optional", origin)
        elif after:
            self._report(False, site, where, f"response field `{name}` now always present", origin)
        else:
            sdk = f"attribute `{python}` may now be `Unset` (TypedDict key `{name}` NotRequired)"
            message = f"response field `{name}` made optional (may be absent)"
            self._report(True, site, where, message, origin, sdk=sdk)

    def _compare_additional(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        before, after = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if before in (True, {}) and after in (True, {}):
            return
        if isinstance(before, dict) and isinstance(after, dict):
            # Two equal `{$ref}` dicts may still name components that differ: compare() decides.
            self.compare(before, after, site, path.extra())
        elif before == after:
            return
        elif after is False:
            request = site.direction == "request"
            self._report(request, site, path, "unknown fields no longer allowed", origin)
        elif before is False:
            note = "" if site.direction == "request" else " (clients must ignore them)"
            self._report(False, site, path, f"unknown fields now allowed{note}", origin)
        else:  # `true` <-> a schema for the extra values
            self.compare(
                before if isinstance(before, dict) else {},
                after if isinstance(after, dict) else {},
                site,
                path.extra(),
            )

    def _compare_pattern_properties(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At
    ) -> None:
        before, after = old.get("patternProperties"), new.get("patternProperties")
        if not isinstance(before, dict) and not isinstance(after, dict):
            return
        before, after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
        for pattern in dict.fromkeys([*before, *after]):
            self.compare(
                before.get(pattern, {}),
                after.get(pattern, {}),
                site,
                path.keyword(f"patternProperties[{pattern}]"),
            )

    def _compare_prefix_items(self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At) -> None:
        before, after = old.get("prefixItems"), new.get("prefixItems")
        if not isinstance(before, list) and not isinstance(after, list):
            return
        before, after = before if isinstance(before, list) else [], after if isinstance(after, list) else []
        for i in range(max(len(before), len(after))):
            self.compare(
                before[i] if i < len(before) else {},
                after[i] if i < len(after) else {},
                site,
                path.keyword("prefixItems", i),
            )
