"""Wire and SDK verdicts on small documents written here: the generator's naming rules decide
the SDK verdict, and the three gaps the corpus showed stay closed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.contract.common import ROOT, main


def document(**operation: Any) -> dict[str, Any]:
    op = {
        "operationId": "listJobs",
        "tags": ["jobs"],
        "responses": {"200": {"description": "ok"}},
        **operation,
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/jobs/{pk}/": {"get": op}},
        "components": {"schemas": {}},
    }


def changes(
    tmp_path: Path, old: dict[str, Any], new: dict[str, Any], *extra: str
) -> tuple[int, dict[str, Any]]:
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new), encoding="utf-8")
    out = tmp_path / "report.json"
    argv = [
        str(tmp_path / "old.json"),
        str(tmp_path / "new.json"),
        "--format",
        "json",
        "--output",
        str(out),
        *extra,
    ]
    status = main(argv)
    return status, json.loads(out.read_text(encoding="utf-8"))


def only(report: dict[str, Any], text: str) -> dict[str, Any]:
    found = [change for change in report["changes"] if text in change["message"]]
    assert len(found) == 1, f"{text!r} in {json.dumps(report['changes'], indent=1)}"
    return found[0]


# --- the generator's naming rules -----------------------------------------------------------------


def test_operation_id_respelled_to_the_same_python_name_is_no_sdk_change(tmp_path: Path) -> None:
    old, new = document(), document(operationId="list_jobs")
    status, report = changes(tmp_path, old, new)
    change = only(report, "operationId changed")
    assert (change["wire"]["breaking"], change["sdk"]["breaking"]) == (False, False)
    assert status == 0


def test_operation_id_renamed_breaks_sdk_only(tmp_path: Path) -> None:
    status, report = changes(tmp_path, document(), document(operationId="getJobs"))
    change = only(report, "operationId changed")
    assert change["wire"]["breaking"] is False
    assert "synapse_api.api.jobs.list_jobs" in change["sdk"]["reason"]
    assert "synapse_api.api.jobs.get_jobs" in change["sdk"]["reason"]
    assert status == 1
    assert main([str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--level", "wire"]) == 0
    assert main([str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--level", "sdk"]) == 1


def test_tag_recased_keeps_the_module(tmp_path: Path) -> None:
    status, report = changes(tmp_path, document(), document(tags=["Jobs"]))
    assert only(report, "tags changed")["sdk"]["breaking"] is False
    assert status == 0


def test_path_parameter_renamed_breaks_sdk_only_when_the_argument_name_changes(tmp_path: Path) -> None:
    def with_param(name: str) -> dict[str, Any]:
        doc = document(
            parameters=[{"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}]
        )
        doc["paths"] = {f"/jobs/{{{name}}}/": doc["paths"]["/jobs/{pk}/"]}
        return doc

    status, report = changes(tmp_path, with_param("jobId"), with_param("job_id"))
    assert status == 0, report  # both are `job_id` in Python; the wire never carries the name
    status, report = changes(tmp_path, with_param("jobId"), with_param("id"))
    change = only(report, "renamed to `id`")
    assert (change["wire"]["breaking"], change["sdk"]["breaking"]) == (False, True)
    assert "`job_id` renamed to `id`" in change["sdk"]["reason"]
    assert change["pointer"] == "paths./jobs/{id}/.get.parameters[id]"


def enum_body(values: list[str]) -> dict[str, Any]:
    schema = {"type": "object", "properties": {"state": {"type": "string", "enum": values}}}
    return document(
        responses={"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}
    )


def test_response_enum_value_removed_breaks_the_enum_member_not_the_wire(tmp_path: Path) -> None:
    status, report = changes(tmp_path, enum_body(["queued", "done"]), enum_body(["queued"]))
    change = only(report, "enum value `done` removed")
    assert change["wire"]["breaking"] is False
    assert "`DONE`" in change["sdk"]["reason"]
    assert status == 1
    assert change["pointer"] == (
        "paths./jobs/{pk}/.get.responses[200].content[application/json].schema.properties.state"
    )


def test_enum_member_renumbered_by_the_generator(tmp_path: Path) -> None:
    # Values that do not start with a letter become VALUE_<index>: dropping the first renumbers the rest.
    status, report = changes(tmp_path, enum_body(["1st", "2nd"]), enum_body(["2nd"]))
    assert status == 1
    change = only(report, "enum value `1st` removed")
    assert "`VALUE_0`" in change["sdk"]["reason"] and "`VALUE_1`" in change["sdk"]["reason"]


def test_response_field_respelled_breaks_both(tmp_path: Path) -> None:
    def body(name: str) -> dict[str, Any]:
        schema = {"type": "object", "required": [name], "properties": {name: {"type": "string"}}}
        return document(
            responses={"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}
        )

    status, report = changes(tmp_path, body("userId"), body("user_id"))
    change = only(report, "response field `userId` removed")
    assert change["wire"]["breaking"] is True
    assert "TypedDict key `userId`" in change["sdk"]["reason"]
    assert status == 1


def test_security_change_breaks_the_wire_only(tmp_path: Path) -> None:
    old = document()
    new = document(security=[{"Token": []}])
    new["components"]["securitySchemes"] = {"Token": {"type": "apiKey", "in": "header", "name": "X-Token"}}
    status, report = changes(tmp_path, old, new, "--level", "sdk")
    change = only(report, "security requirements changed")
    assert (change["wire"]["breaking"], change["sdk"]["breaking"]) == (True, False)
    assert status == 0  # --level sdk: nothing Python code imports changed
    assert report["semver"] == "major"


@pytest.mark.parametrize(
    ("edit", "bump"),
    [
        (lambda doc: doc["paths"]["/jobs/{pk}/"]["get"].update(summary="Jobs"), "patch"),
        (
            lambda doc: doc["paths"]["/jobs/{pk}/"].update(
                post={"responses": {"201": {"description": "ok"}}}
            ),
            "minor",
        ),
        (lambda doc: doc["paths"]["/jobs/{pk}/"]["get"].update(operationId="fetchJobs"), "major"),
    ],
    ids=["docs-only", "new-operation", "renamed-function"],
)
def test_semver_suggestion(tmp_path: Path, edit: Any, bump: str) -> None:
    old = document()
    new = copy.deepcopy(old)
    edit(new)
    _status, report = changes(tmp_path, old, new)
    assert report["semver"] == bump


# --- the three gaps ---------------------------------------------------------------------------------


def test_type_change_under_additional_properties_ref(tmp_path: Path) -> None:
    def doc(kind: str) -> dict[str, Any]:
        schema = {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Value"}}
        d = document(
            responses={"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}
        )
        d["components"]["schemas"]["Value"] = {"type": "object", "properties": {"n": {"type": kind}}}
        return d

    status, report = changes(tmp_path, doc("integer"), doc("string"))
    change = only(report, "type changed from `integer` to `string`")
    assert change["wire"]["breaking"] is True
    assert change["location"].endswith("`$.*.n`")
    assert change["pointer"].endswith(".schema.additionalProperties.properties.n")
    assert status == 1


def test_request_body_wrapped_in_overlapping_one_of(tmp_path: Path) -> None:
    props = {"foo": {"type": "string"}, "bar": {"type": "string"}}
    body = {"type": "object", "required": ["foo", "bar"], "properties": props}
    wrapped = {
        "oneOf": [
            {"type": "object", "required": ["foo"], "properties": props},
            {"type": "object", "required": ["bar"], "properties": props},
        ]
    }

    def doc(schema: dict[str, Any]) -> dict[str, Any]:
        return document(requestBody={"content": {"application/json": {"schema": schema}}})

    status, report = changes(tmp_path, doc(body), doc(wrapped))
    assert only(report, "overlap")["wire"]["breaking"] is True
    assert status == 1
    # Variants told apart by a required constant do not overlap: nothing that passed is rejected.
    tagged = copy.deepcopy(wrapped)
    for i, branch in enumerate(tagged["oneOf"]):
        branch["properties"] = {**props, "kind": {"const": f"k{i}"}}
        branch["required"].append("kind")
    _status, report = changes(tmp_path, doc(tagged), doc(tagged))
    assert report["changes"] == []
    status, report = changes(tmp_path, doc({"type": "object", "properties": props}), doc(tagged))
    assert not [c for c in report["changes"] if "overlap" in c["message"]]


def test_if_then_else_is_walked(tmp_path: Path) -> None:
    def doc(then_required: list[str]) -> dict[str, Any]:
        schema = {
            "type": "object",
            "properties": {"kind": {"type": "string"}, "url": {"type": "string"}},
            "if": {"properties": {"kind": {"const": "remote"}}},
            "then": {"required": then_required},
            "else": {},
        }
        return document(requestBody={"content": {"application/json": {"schema": schema}}})

    status, report = changes(tmp_path, doc([]), doc(["url"]))
    change = only(report, "new required request field `url`")
    assert change["wire"]["breaking"] is True
    assert change["location"].endswith("`$.then.url`")
    assert status == 1


def test_project_document_against_itself_is_unchanged(tmp_path: Path) -> None:
    spec = ROOT / "openapi" / "openapi.yaml"
    assert main([str(spec), str(spec), "--output", str(tmp_path / "r.md")]) == 0


def test_request_field_made_read_only_keeps_the_model_field(tmp_path: Path) -> None:
    def doc(read_only: bool) -> dict[str, Any]:
        schema = {"$ref": "#/components/schemas/Job"}
        d = document(
            requestBody={"content": {"application/json": {"schema": schema}}},
            responses={"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}},
        )
        note: dict[str, Any] = {"type": "string", **({"readOnly": True} if read_only else {})}
        d["components"]["schemas"]["Job"] = {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "note": note},
        }
        return d

    status, report = changes(tmp_path, doc(False), doc(True))
    change = only(report, "request field `note` is now readOnly")
    assert (change["wire"]["breaking"], change["sdk"]["breaking"]) == (False, False)
    assert status == 0, report


def test_operation_moved_to_another_path_keeps_its_function(tmp_path: Path) -> None:
    old = document(parameters=[{"name": "pk", "in": "path", "required": True, "schema": {"type": "integer"}}])
    new = document(
        parameters=[{"name": "pk", "in": "query", "required": True, "schema": {"type": "integer"}}]
    )
    new["paths"] = {"/jobs/": new["paths"]["/jobs/{pk}/"]}
    status, report = changes(tmp_path, old, new)
    # The old path is gone for deployed clients; `list_jobs()` still exists, with other arguments.
    gone = only(report, "operation removed")
    assert gone["wire"]["breaking"] is True
    assert gone["sdk"]["reason"] == (
        "generated function `synapse_api.api.jobs.list_jobs` now calls `GET /jobs/`: "
        "its arguments follow that operation"
    )
    assert only(report, "new operation `listJobs`")["wire"]["breaking"] is False
    assert status == 1
