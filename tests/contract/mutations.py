"""The changes the mutation tests apply to tests/contract/base.yaml, each a function of the document.

tests/contract/base.yaml is a frozen copy of openapi/openapi.yaml (so the tests keep passing when
the document moves on); `mutated(name)` is that document with one change applied, made in the test
run rather than committed. `write_split` spreads a document over an entry file, a schemas file and a
paths file, for the split-document cases.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

BASE = Path(__file__).resolve().parent / "base.yaml"
Doc = dict[str, Any]
MUTATIONS: dict[str, Callable[[Doc], None]] = {}


def mutation(fn: Callable[[Doc], None]) -> Callable[[Doc], None]:
    MUTATIONS[fn.__name__] = fn
    return fn


def schema(doc: Doc, name: str) -> Doc:
    found: Doc = doc["components"]["schemas"][name]
    return found


def op(doc: Doc, path: str, method: str) -> Doc:
    found: Doc = doc["paths"][path][method]
    return found


def param(doc: Doc, path: str, method: str, name: str) -> Doc:
    return next(p for p in op(doc, path, method)["parameters"] if p.get("name") == name)


# --- breaking -----------------------------------------------------------------------------------


@mutation
def remove_operation(doc: Doc) -> None:
    del doc["paths"]["/plugins/{pk}/"]["put"]


@mutation
def remove_response_field(doc: Doc) -> None:
    del schema(doc, "Job")["properties"]["progress"]


@mutation
def rename_response_field(doc: Doc) -> None:
    props = schema(doc, "Storage")["properties"]
    doc["components"]["schemas"]["Storage"]["properties"] = {
        ("storage_name" if key == "name" else key): value for key, value in props.items()
    }
    schema(doc, "Storage")["required"] = ["id", "storage_name", "provider"]


@mutation
def request_field_made_required(doc: Doc) -> None:
    schema(doc, "JobUpdate")["required"] = ["status"]


@mutation
def new_required_request_field(doc: Doc) -> None:
    run = schema(doc, "PluginRunRequest")
    run["properties"]["mode"] = {"type": "string", "description": "How to run."}
    run["required"] = ["mode"]


@mutation
def new_required_parameter(doc: Doc) -> None:
    op(doc, "/storages/", "get")["parameters"].append(
        {"name": "organization", "in": "query", "required": True, "schema": {"type": "integer"}}
    )


@mutation
def optional_parameter_made_required(doc: Doc) -> None:
    param(doc, "/jobs/", "get", "plugin")["required"] = True


@mutation
def response_field_type_changed(doc: Doc) -> None:
    schema(doc, "Job")["properties"]["user"]["type"] = "string"


@mutation
def request_field_type_changed(doc: Doc) -> None:
    schema(doc, "JobUpdate")["properties"]["progress"]["type"] = "string"


@mutation
def path_parameter_type_changed(doc: Doc) -> None:
    doc["paths"]["/storages/{pk}/"]["parameters"][0]["schema"] = {"type": "string", "format": "uuid"}


@mutation
def query_parameter_type_changed(doc: Doc) -> None:
    param(doc, "/jobs/", "get", "user")["schema"] = {"type": "string"}


@mutation
def request_enum_value_removed(doc: Doc) -> None:
    schema(doc, "StorageCategory")["enum"].remove("external")


@mutation
def parameter_enum_value_removed(doc: Doc) -> None:
    param(doc, "/jobs/", "get", "status")["schema"] = {"type": "string", "enum": ["queued", "running"]}


@mutation
def response_status_removed(doc: Doc) -> None:
    del op(doc, "/plugins/{pk}/", "get")["responses"]["404"]


@mutation
def operation_security_changed(doc: Doc) -> None:
    op(doc, "/jobs/", "get")["security"] = [{"AccessToken": []}]


@mutation
def global_security_new_required_scheme(doc: Doc) -> None:
    doc["security"] = [{"AccessToken": [], "Tenant": []}]


@mutation
def security_scheme_header_renamed(doc: Doc) -> None:
    doc["components"]["securitySchemes"]["AccessToken"]["name"] = "X-Synapse-Token"


@mutation
def unauthenticated_operation_now_needs_auth(doc: Doc) -> None:
    del op(doc, "/agents/{token}/connect/", "post")["security"]


@mutation
def request_max_length_tightened(doc: Doc) -> None:
    schema(doc, "StorageCreate")["properties"]["name"]["maxLength"] = 10


@mutation
def parameter_maximum_tightened(doc: Doc) -> None:
    doc["components"]["parameters"]["PageSize"]["schema"]["maximum"] = 100


@mutation
def request_minimum_tightened(doc: Doc) -> None:
    schema(doc, "PluginReleaseCreate")["properties"]["plugin"]["minimum"] = 10


@mutation
def request_content_type_removed(doc: Doc) -> None:
    content = op(doc, "/plugins/", "post")["requestBody"]["content"]
    content["application/x-www-form-urlencoded"] = content.pop("application/json")


@mutation
def response_content_type_removed(doc: Doc) -> None:
    del doc["components"]["responses"]["ServerError"]["content"]["text/html"]


@mutation
def operation_id_renamed(doc: Doc) -> None:
    op(doc, "/storages/", "get")["operationId"] = "get_storages"


@mutation
def parameter_moved_to_header(doc: Doc) -> None:
    param(doc, "/jobs/", "get", "plugin")["in"] = "header"


@mutation
def parameter_renamed(doc: Doc) -> None:
    param(doc, "/jobs/", "get", "user")["name"] = "user_id"


@mutation
def response_field_made_nullable(doc: Doc) -> None:
    schema(doc, "Storage")["properties"]["name"]["type"] = ["string", "null"]


@mutation
def response_field_made_optional(doc: Doc) -> None:
    schema(doc, "Storage")["required"] = ["id", "name"]


@mutation
def array_item_field_type_changed(doc: Doc) -> None:
    schema(doc, "ConsoleLogEntry")["properties"]["level"] = {"type": "integer", "description": "Log level."}


@mutation
def response_variant_added(doc: Doc) -> None:
    schema(doc, "PluginRelease")["properties"]["plugin"]["oneOf"].append({"type": "string"})


@mutation
def request_variant_removed(doc: Doc) -> None:
    schema(doc, "JobId")["oneOf"].pop(1)  # ids are integers only: UUID strings rejected


@mutation
def response_header_removed(doc: Doc) -> None:
    del doc["components"]["responses"]["TooManyRequests"]["headers"]


@mutation
def request_format_changed(doc: Doc) -> None:
    param(doc, "/jobs/", "get", "created_after")["schema"]["format"] = "date"


@mutation
def first_tag_changed(doc: Doc) -> None:
    op(doc, "/plugin_releases/", "post")["tags"] = ["plugins"]


@mutation
def named_schema_renamed(doc: Doc) -> None:
    schemas = doc["components"]["schemas"]
    schemas["PluginConfiguration"] = schemas.pop("Configuration")
    doc.update(
        _retarget(doc, "#/components/schemas/Configuration", "#/components/schemas/PluginConfiguration")
    )


# --- non-breaking -------------------------------------------------------------------------------


@mutation
def new_optional_request_field(doc: Doc) -> None:
    schema(doc, "JobUpdate")["properties"]["note"] = {"type": "string", "description": "A note."}


@mutation
def new_response_field(doc: Doc) -> None:
    schema(doc, "Job")["properties"]["queue"] = {"type": "string", "description": "The queue."}


@mutation
def new_operation(doc: Doc) -> None:
    doc["paths"]["/storages/{pk}/"]["delete"] = {
        "tags": ["storages"],
        "operationId": "delete_storage",
        "summary": "Delete a storage configuration.",
        "responses": {"204": {"description": "Deleted."}, "404": {"$ref": "#/components/responses/NotFound"}},
    }


@mutation
def new_optional_parameter(doc: Doc) -> None:
    op(doc, "/storages/", "get")["parameters"].append(
        {"name": "name", "in": "query", "required": False, "schema": {"type": "string"}}
    )


@mutation
def response_enum_value_added(doc: Doc) -> None:
    schema(doc, "StorageProvider")["enum"].append("oci")


@mutation
def new_response_status(doc: Doc) -> None:
    op(doc, "/jobs/{pk}/", "get")["responses"]["410"] = {"$ref": "#/components/responses/NotFound"}


@mutation
def descriptions_changed(doc: Doc) -> None:
    schema(doc, "Job")["description"] = "One run of a plugin."
    op(doc, "/jobs/", "get")["summary"] = "List jobs."
    param(doc, "/jobs/", "get", "user")["description"] = "Only jobs of this user."


@mutation
def request_field_made_optional(doc: Doc) -> None:
    schema(doc, "PluginReleaseCreate")["required"] = ["plugin", "file"]


@mutation
def optional_request_field_removed(doc: Doc) -> None:
    del schema(doc, "JobUpdate")["properties"]["metadata"]


@mutation
def request_maximum_relaxed(doc: Doc) -> None:
    doc["components"]["parameters"]["PageSize"]["schema"]["maximum"] = 50000


@mutation
def request_field_made_nullable(doc: Doc) -> None:
    schema(doc, "JobUpdate")["properties"]["progress"]["type"] = ["integer", "null"]


@mutation
def request_type_widened(doc: Doc) -> None:
    schema(doc, "PluginReleaseCreate")["properties"]["plugin"]["type"] = ["integer", "string"]


@mutation
def response_field_now_required(doc: Doc) -> None:
    schema(doc, "Job")["required"] = ["id", "status"]


@mutation
def new_response_content_type(doc: Doc) -> None:
    content = op(doc, "/jobs/{pk}/console_logs/", "get")["responses"]["200"]["content"]
    content["text/plain"] = {"schema": {"type": "string"}}


@mutation
def operation_deprecated(doc: Doc) -> None:
    op(doc, "/plugin_releases/{pk}/", "get")["deprecated"] = True


@mutation
def new_security_alternative(doc: Doc) -> None:
    op(doc, "/storages/", "get")["security"] = [*doc["security"], {"AgentToken": []}]


@mutation
def refactor_inlined_reference(doc: Doc) -> None:
    """Same contract, different spelling: a $ref replaced by what it points to."""
    params = op(doc, "/storages/", "get")["parameters"]
    params[0] = copy.deepcopy(doc["components"]["parameters"]["Page"])


# --- split documents ----------------------------------------------------------------------------

_SPLIT_PATHS = ("/jobs/", "/jobs/{pk}/", "/jobs/{pk}/console_logs/")


def _retarget(node: Any, old: str, new: str) -> Any:
    """Rewrite `$ref`s that start with `old` to start with `new`."""
    if isinstance(node, list):
        return [_retarget(item, old, new) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    out = {key: _retarget(value, old, new) for key, value in node.items()}
    if isinstance(ref, str) and ref.startswith(old):
        out["$ref"] = new + ref[len(old) :]
    return out


def write_split(doc: Doc, into: Path) -> None:
    """Spread `doc` over openapi.yaml, schemas.yaml (named schemas) and paths/jobs.yaml."""
    entry = copy.deepcopy(doc)
    schemas = entry["components"]["schemas"]
    # Inside schemas.yaml, schemas refer to each other locally (the loader inlines those).
    (into / "paths").mkdir(parents=True, exist_ok=True)
    dump(_retarget(schemas, "#/components/schemas/", "#/"), into / "schemas.yaml")
    entry["components"]["schemas"] = {name: {"$ref": f"schemas.yaml#/{name}"} for name in schemas}
    # The paths file refers back into the entry file (those references stay references).
    jobs = {
        path.strip("/").replace("/", "_").replace("{", "").replace("}", ""): entry["paths"][path]
        for path in _SPLIT_PATHS
    }
    dump(_retarget(jobs, "#/components/", "../openapi.yaml#/components/"), into / "paths" / "jobs.yaml")
    for path, key in zip(_SPLIT_PATHS, jobs, strict=True):
        entry["paths"][path] = {"$ref": f"paths/jobs.yaml#/{key}"}
    dump(entry, into / "openapi.yaml")


def split_change(doc: Doc) -> None:
    """The split pair's change: a response field removed (schemas.yaml), a parameter made
    required (paths/jobs.yaml)."""
    del schema(doc, "ConsoleLogEntry")["properties"]["level"]
    schema(doc, "ConsoleLogEntry")["required"] = ["timestamp", "message"]
    param(doc, "/jobs/", "get", "created_after")["required"] = True


# --- output -------------------------------------------------------------------------------------


def base() -> Doc:
    with BASE.open(encoding="utf-8") as fh:
        loaded: Doc = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return loaded


def mutated(name: str, document: Doc | None = None) -> Doc:
    """base.yaml (or a copy of `document`) with the change called `name` applied."""
    doc = copy.deepcopy(document if document is not None else base())
    MUTATIONS[name](doc)
    return doc


def dump(data: Any, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(
            data,
            fh,
            Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
            sort_keys=False,
            allow_unicode=True,
            width=100,
        )
