"""Walk two documents operation by operation and collect every change to the contract."""

from __future__ import annotations

from typing import Any

from synapse_contract import naming
from synapse_contract.model import Change, Site, code
from synapse_contract.operation import Operation, content_of, operations, param_schema
from synapse_contract.parameters import ParameterDiffer
from synapse_contract.spec import Spec

__all__ = ["ContractDiffer", "diff_documents"]


def diff_documents(old: dict[str, Any] | Spec, new: dict[str, Any] | Spec) -> list[Change]:
    return ContractDiffer(old, new).run()


class ContractDiffer(ParameterDiffer):
    """The operations of two documents, side by side (parameters: ParameterDiffer's)."""

    def run(self) -> list[Change]:
        old_ops, new_ops = operations(self.old), operations(self.new)
        # A new operation that the generator gives the same function (same operationId, first tag)
        # keeps the Python name alive; computed only when something was removed.
        removed = [key for key in old_ops if key not in new_ops]
        kept: dict[str, Operation] = {}
        if removed:
            kept = {new_ops[key].python: new_ops[key] for key in new_ops if key not in old_ops}
        for key in dict.fromkeys([*old_ops, *new_ops]):
            if key not in new_ops:
                gone = old_ops[key]
                successor = kept.get(gone.python)
                if successor is None:
                    sdk = f"generated function `{gone.python}` removed"
                else:
                    sdk = f"generated function `{gone.python}` now calls `{successor.label}`: its arguments follow that operation"
                self._add(
                    True,
                    gone.label,
                    "operation",
                    f"operation removed (was {code(gone.op.get('operationId'))})",
                    sdk=sdk,
                    pointer=gone.pointer,
                )
            elif key not in old_ops:
                added = new_ops[key]
                self._add(
                    False,
                    added.label,
                    "operation",
                    f"new operation {code(added.op.get('operationId'))}",
                    pointer=added.pointer,
                )
            else:
                self._operation(old_ops[key], new_ops[key])
        self._document()
        return self.changes.items()

    # --- the document as a whole --------------------------------------------------------------

    def _document(self) -> None:
        old, new = self.old.doc, self.new.doc
        if old.get("openapi") != new.get("openapi"):
            self._add(
                False,
                "",
                "openapi",
                f"OpenAPI version {code(old.get('openapi'))} → {code(new.get('openapi'))}",
                pointer="openapi",
            )
        old_version, new_version = (
            (old.get("info") or {}).get("version"),
            (new.get("info") or {}).get("version"),
        )
        if old_version != new_version:
            message = f"API version {code(old_version)} → {code(new_version)}"
            self._add(False, "", "info.version", message, pointer="info.version")
        if old.get("servers") != new.get("servers"):
            self._add(False, "", "servers", "servers changed", pointer="servers")
        old_schemas = (old.get("components") or {}).get("schemas") or {}
        new_schemas = (new.get("components") or {}).get("schemas") or {}
        for name in old_schemas:
            if name not in new_schemas:
                # The generated client's model classes and synapse_sdk's TypedDicts are named after
                # the named schemas; the name itself never travels, so deployed clients are unaffected.
                message = f"named schema `{name}` removed (generated model classes named after it disappear)"
                sdk = (
                    f"model class `synapse_api.models.{naming.class_name(str(name))}` and "
                    f"TypedDict `synapse_sdk.clients.types.{name}` disappear"
                )
                self._add(
                    False,
                    "",
                    "components.schemas",
                    message,
                    f"#/components/schemas/{name}",
                    sdk=sdk,
                    pointer=f"components.schemas.{name}",
                )
        for name in new_schemas:
            if name not in old_schemas:
                self._add(
                    False,
                    "",
                    "components.schemas",
                    f"new named schema `{name}`",
                    f"#/components/schemas/{name}",
                    pointer=f"components.schemas.{name}",
                )

    # --- one operation ----------------------------------------------------------------------

    def _operation(self, old: Operation, new: Operation) -> None:
        label = new.label
        if (
            old.path == new.path
            and self.schemas.unchanged(old.op, new.op)
            and self.schemas.unchanged(old.item.get("parameters"), new.item.get("parameters"))
        ):
            # Nothing written in the operation or reached from it changed (most operations of a
            # large document): only what is inherited from the document level can differ.
            self.security.compare(label, old.op, new.op, pointer=f"{new.pointer}.security")
            return
        self._identity(old, new)
        self._parameters(label, old, new)
        self._request_body(new, old.op.get("requestBody"), new.op.get("requestBody"))
        self._responses(new, old.op.get("responses") or {}, new.op.get("responses") or {})
        self.security.compare(label, old.op, new.op, pointer=f"{new.pointer}.security")

    def _identity(self, old_operation: Operation, new_operation: Operation) -> None:
        """operationId and tags name the generated client's functions and modules; no deployed
        client sends them, so they are SDK changes only."""
        label, at = new_operation.label, new_operation.pointer
        old, new = old_operation.op, new_operation.op
        before, after = old.get("operationId"), new.get("operationId")
        old_tags, new_tags = list(old.get("tags") or []), list(new.get("tags") or [])
        sdk = None
        if (before != after or old_tags[:1] != new_tags[:1]) and old_operation.python != new_operation.python:
            sdk = f"generated function `{old_operation.python}` becomes `{new_operation.python}`"
        if before != after:
            if before is None:
                self._add(
                    False,
                    label,
                    "operationId",
                    f"operationId {code(after)} added",
                    sdk=sdk,
                    pointer=f"{at}.operationId",
                )
            else:
                renamed = naming.function_name(
                    old, old_operation.method, old_operation.path
                ) != naming.function_name(new, new_operation.method, new_operation.path)
                note = (
                    " (generated function renamed)" if renamed else " (the generated function keeps its name)"
                )
                message = f"operationId changed from {code(before)} to {code(after)}{note}"
                self._add(
                    False,
                    label,
                    "operationId",
                    message,
                    sdk=sdk if renamed else None,
                    pointer=f"{at}.operationId",
                )
        if old_tags != new_tags:
            module_moved = naming.tag_module(old) != naming.tag_module(new)
            note = (
                " (the generated client files the operation under its first tag: its module moves)"
                if module_moved
                else ""
            )
            self._add(
                False,
                label,
                "tags",
                f"tags changed from {code(old_tags)} to {code(new_tags)}{note}",
                sdk=sdk if module_moved else None,
                pointer=f"{at}.tags",
            )
        for key in ("summary", "description"):
            if old.get(key) != new.get(key):
                self._add(False, label, key, f"{key} changed", pointer=f"{at}.{key}")
        if bool(old.get("deprecated")) != bool(new.get("deprecated")):
            self._add(
                False,
                label,
                "operation",
                "deprecated" if new.get("deprecated") else "no longer deprecated",
                pointer=f"{at}.deprecated",
            )

    # --- request body -----------------------------------------------------------------------

    def _request_body(self, operation: Operation, old_raw: Any, new_raw: Any) -> None:
        if old_raw is None and new_raw is None:
            return
        label, at = operation.label, f"{operation.pointer}.requestBody"
        before, old_origin = self.old.resolve(old_raw)
        after, new_origin = self.new.resolve(new_raw)
        origin = new_origin or old_origin
        if not isinstance(before, dict) or not isinstance(after, dict):
            if isinstance(after, dict):
                required = after.get("required") is True
                kind = "required" if required else "optional"
                sdk = f"`{operation.python}` takes a new required argument `body`" if required else None
                self._add(
                    required, label, "request body", f"new {kind} request body", origin, sdk=sdk, pointer=at
                )
            else:
                message = "request body removed (generated functions lose their body argument)"
                sdk = f"argument `body` of `{operation.python}` removed"
                self._add(True, label, "request body", message, origin, sdk=sdk, pointer=at)
            return
        if bool(before.get("required")) != bool(after.get("required")):
            made = "required" if after.get("required") else "optional"
            sdk = f"argument `body` of `{operation.python}` becomes required" if made == "required" else None
            self._add(
                made == "required",
                label,
                "request body",
                f"request body made {made}",
                origin,
                sdk=sdk,
                pointer=at,
            )
        if before.get("description") != after.get("description"):
            self._add(False, label, "request body", "request body description changed", origin, pointer=at)
        old_content, new_content = content_of(before), content_of(after)
        for media in old_content:
            if media not in new_content:
                sdk = f"the `body` argument of `{operation.python}` no longer takes the `{media}` type"
                message = f"request content type `{media}` removed"
                self._add(
                    True, label, "request body", message, origin, sdk=sdk, pointer=f"{at}.content[{media}]"
                )
        for media in new_content:
            if media not in old_content:
                message = f"new request content type `{media}`"
                self._add(False, label, "request body", message, origin, pointer=f"{at}.content[{media}]")
            else:
                site = Site(
                    label, f"request body `{media}`", "request", pointer=f"{at}.content[{media}].schema"
                )
                self.schemas.compare(old_content[media], new_content[media], site, "$")

    # --- responses --------------------------------------------------------------------------

    def _responses(self, operation: Operation, old: dict[Any, Any], new: dict[Any, Any]) -> None:
        label = operation.label
        before = {str(k).upper(): (str(k), v) for k, v in old.items()}
        after = {str(k).upper(): (str(k), v) for k, v in new.items()}
        for status, (shown, raw) in before.items():
            if status not in after:
                origin = self.old.origin(raw)
                # A client waiting for a success status gets another one; an error status or
                # `default` that is no longer documented changes nothing a deployed client receives.
                wire = status.startswith("2")
                sdk = (
                    f"the regenerated `{operation.python}` no longer parses `{shown}`: it returns None "
                    "for it, or raises errors.UnexpectedStatus (raise_on_unexpected_status)"
                )
                self._add(
                    wire,
                    label,
                    f"response `{shown}`",
                    f"response status `{shown}` removed",
                    origin,
                    sdk=sdk,
                    pointer=f"{operation.pointer}.responses[{shown}]",
                )
        for status, (shown, raw) in after.items():
            if status not in before:
                self._add(
                    False,
                    label,
                    f"response `{shown}`",
                    f"new response status `{shown}`",
                    self.new.origin(raw),
                    pointer=f"{operation.pointer}.responses[{shown}]",
                )
            else:
                self._response(operation, shown, before[status][1], raw)

    def _response(self, operation: Operation, status: str, old_raw: Any, new_raw: Any) -> None:
        if self.schemas.unchanged(old_raw, new_raw):
            return
        label, at = operation.label, f"{operation.pointer}.responses[{status}]"
        before, old_origin = self.old.resolve(old_raw)
        after, new_origin = self.new.resolve(new_raw)
        if not isinstance(before, dict) or not isinstance(after, dict):
            return
        where, origin = f"response `{status}`", new_origin or old_origin
        if before.get("description") != after.get("description"):
            self._add(
                False, label, where, "response description changed", origin, pointer=f"{at}.description"
            )
        old_content, new_content = content_of(before), content_of(after)
        for media in old_content:
            if media not in new_content:
                sdk = f"the regenerated `{operation.python}` no longer parses `{media}` bodies of `{status}`"
                message = f"response content type `{media}` removed"
                self._add(True, label, where, message, origin, sdk=sdk, pointer=f"{at}.content[{media}]")
        for media in new_content:
            if media not in old_content:
                message = f"new response content type `{media}`"
                self._add(False, label, where, message, origin, pointer=f"{at}.content[{media}]")
            else:
                site = Site(label, f"{where} `{media}`", "response", pointer=f"{at}.content[{media}].schema")
                self.schemas.compare(old_content[media], new_content[media], site, "$")
        self._headers(label, at, status, before.get("headers") or {}, after.get("headers") or {}, origin)

    def _headers(
        self, label: str, at: str, status: str, old: dict[str, Any], new: dict[str, Any], origin: str | None
    ) -> None:
        before = {name.lower(): (name, raw) for name, raw in old.items()}
        after = {name.lower(): (name, raw) for name, raw in new.items()}
        where = f"response `{status}`"
        for key, (name, _raw) in before.items():
            if key not in after:
                message = f"response header `{name}` removed"
                self._add(True, label, where, message, origin, pointer=f"{at}.headers[{name}]")
        for key, (name, raw) in after.items():
            pointer = f"{at}.headers[{name}]"
            if key not in before:
                self._add(False, label, where, f"new response header `{name}`", origin, pointer=pointer)
                continue
            old_header, new_header = self.old.resolved(before[key][1]), self.new.resolved(raw)
            if not isinstance(old_header, dict) or not isinstance(new_header, dict):
                continue
            if old_header.get("required") is True and new_header.get("required") is not True:
                message = f"response header `{name}` made optional (may be absent)"
                self._add(True, label, where, message, origin, pointer=pointer)
            site = Site(
                label, f"{where} header `{name}`", "response", pointer=f"{pointer}.schema", parameter=True
            )
            self.schemas.compare(param_schema(old_header), param_schema(new_header), site, "")
