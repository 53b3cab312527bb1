"""An operation of a document, and what walking two documents' operations shares: both sides,
the changes found so far, the schema and security differs, and a few readers of operation parts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from synapse_contract import naming
from synapse_contract.model import Changes
from synapse_contract.schemas import SchemaDiffer
from synapse_contract.security import SecurityDiffer
from synapse_contract.spec import Spec

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PLACEHOLDER = re.compile(r"\{([^}]*)\}")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    item: dict[str, Any]
    op: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def pointer(self) -> str:
        """Where the operation is in the document: `paths./jobs/.get`."""
        return f"paths.{self.path}.{self.method}"

    @property
    def python(self) -> str:
        """The generated function, as imported: `synapse_api.api.jobs.list_jobs`."""
        name = naming.function_name(self.op, self.method, self.path)
        return f"synapse_api.api.{naming.tag_module(self.op)}.{name}"


def operations(spec: Spec) -> dict[tuple[str, str], Operation]:
    """Operations keyed by method and path template; `{pk}` and `{id}` name the same slot."""
    found: dict[tuple[str, str], Operation] = {}
    for path, raw in (spec.doc.get("paths") or {}).items():
        item = spec.resolved(raw)
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            if isinstance(item.get(method), dict):
                key = (method, PLACEHOLDER.sub("{}", str(path)))
                found[key] = Operation(method, str(path), item, item[method])
    return found


class OperationWalk:
    """Both documents, the changes found so far, and the differs of schemas and security."""

    def __init__(self, old: dict[str, Any] | Spec, new: dict[str, Any] | Spec) -> None:
        self.old = old if isinstance(old, Spec) else Spec(old)
        self.new = new if isinstance(new, Spec) else Spec(new)
        self.changes = Changes()
        self.schemas = SchemaDiffer(self.old, self.new, self.changes)
        self.security = SecurityDiffer(self.old, self.new, self.changes)

    def _add(
        self,
        breaking: bool,
        label: str,
        location: str,
        message: str,
        origin: str | None = None,
        *,
        sdk: str | None = None,
        pointer: str = "",
    ) -> None:
        self.changes.add(breaking, label, location, message, origin, sdk=sdk, pointer=pointer)


def param_label(param: dict[str, Any]) -> str:
    return f"{param.get('in')} parameter `{param.get('name')}`"


def content_of(holder: dict[str, Any]) -> dict[str, Any]:
    """Media type -> schema (media type names compared case-insensitively)."""
    content = holder.get("content")
    if not isinstance(content, dict):
        return {}
    return {
        str(media).lower(): body.get("schema", {}) if isinstance(body, dict) else {}
        for media, body in content.items()
    }


def param_schema(param: dict[str, Any]) -> Any:
    if "schema" in param:
        return param["schema"]
    content = content_of(param)  # a parameter may carry its schema under `content` instead
    return next(iter(content.values()), {})
