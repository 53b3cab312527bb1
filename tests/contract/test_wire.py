"""Wire verdicts on small documents written here: `required` names compared whatever `properties`
says, every parameter keyword that changes what a server accepts, discriminators compared by the
schema each value selects, defaults written out being no change, closed versus open enums."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.contract.common import main

Doc = dict[str, Any]


def document(schemas: Doc | None = None, parameters: list[Doc] | None = None, body: Doc | None = None) -> Doc:
    """One operation: `POST /pets` taking `body` (a schema) and returning `Pet`."""
    operation: Doc = {
        "operationId": "createPet",
        "parameters": parameters or [],
        "responses": {
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
            }
        },
    }
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/pets": {"post": operation}},
        "components": {"schemas": schemas or {"Pet": {"type": "object"}}},
    }


def compare(tmp_path: Path, old: Doc, new: Doc) -> tuple[int, list[Doc]]:
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new), encoding="utf-8")
    out = tmp_path / "report.json"
    status = main(
        [str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--format", "json", "--output", str(out)]
    )
    changes: list[Doc] = json.loads(out.read_text(encoding="utf-8"))["changes"]
    return status, changes


def wire(changes: list[Doc]) -> list[str]:
    return [f"{c['operation']} {c['location']}: {c['message']}" for c in changes if c["wire"]["breaking"]]


def sdk(changes: list[Doc]) -> list[str]:
    return [c["message"] for c in changes if c["sdk"]["breaking"]]


# --- `required` names whatever `properties` says ----------------------------------------------------


def pet(properties: Doc, required: list[str], **extra: Any) -> Doc:
    return {"Pet": {"type": "object", "properties": properties, "required": required, **extra}}


def test_response_property_dropped_from_properties_but_still_required(tmp_path: Path) -> None:
    old = document(pet({"id": {"type": "integer"}, "name": {"type": "string"}}, ["id", "name"]))
    new = document(pet({"id": {"type": "integer"}}, ["id", "name"]))
    status, changes = compare(tmp_path, old, new)
    assert status == 1
    assert wire(changes) == [
        "POST /pets response `200` `application/json` `$.name`: type changed from `string` to `any`"
    ]


def test_request_property_described_where_it_was_only_required(tmp_path: Path) -> None:
    """Required and undescribed (any value) -> described as an integer: strings are now rejected."""
    old = document(body={"type": "object", "required": ["size"]})
    new = document(body={"type": "object", "required": ["size"], "properties": {"size": {"type": "integer"}}})
    status, changes = compare(tmp_path, old, new)
    assert status == 1
    assert wire(changes) == [
        "POST /pets request body `application/json` `$.size`: type changed from `any` to `integer`"
    ]
    # The reverse widens what is accepted: no wire break.
    _, changes = compare(tmp_path, new, old)
    assert wire(changes) == []


def test_undescribed_required_property_takes_additional_properties(tmp_path: Path) -> None:
    old = document(body={"type": "object", "required": ["size"], "properties": {"size": {"type": "integer"}}})
    new = document(body={"type": "object", "required": ["size"], "additionalProperties": {"type": "string"}})
    _, changes = compare(tmp_path, old, new)
    assert (
        "POST /pets request body `application/json` `$.size`: type changed from `integer` to `string`"
        in wire(changes)
    )


# --- parameter keywords -----------------------------------------------------------------------------


def query(**keywords: Any) -> Doc:
    return {"name": "q", "in": "query", "schema": {"type": "string"}, **keywords}


@pytest.mark.parametrize(
    ("old", "new", "broken"),
    [
        (query(allowEmptyValue=True), query(), True),
        (query(allowEmptyValue=True), query(allowEmptyValue=False), True),
        (query(), query(allowEmptyValue=True), False),
        (query(explode=True), query(explode=False), True),
        (query(style="form"), query(style="spaceDelimited"), True),
        (query(allowReserved=True), query(), True),
        (
            query(),
            {"name": "q", "in": "query", "content": {"application/json": {"schema": {"type": "string"}}}},
            True,
        ),
    ],
    ids=[
        "allowEmptyValue-dropped",
        "allowEmptyValue-false",
        "allowEmptyValue-added",
        "explode",
        "style",
        "allowReserved",
        "content",
    ],
)
def test_parameter_keywords_that_change_what_is_accepted(
    tmp_path: Path, old: Doc, new: Doc, broken: bool
) -> None:
    status, changes = compare(tmp_path, document(parameters=[old]), document(parameters=[new]))
    assert changes, "the change went unseen"
    assert bool(wire(changes)) is broken, changes
    assert status == int(broken)


# --- defaults written out ---------------------------------------------------------------------------


def test_defaults_written_out_are_no_change(tmp_path: Path) -> None:
    parameters = [
        {"name": "q", "in": "query", "schema": {"type": "string"}},
        {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
        {"name": "session", "in": "cookie", "schema": {"type": "string"}},
    ]
    body = {"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "string"}}}}
    old = document(parameters=parameters, body=body)
    old["paths"]["/pets/{id}"] = old["paths"].pop("/pets")
    new = copy.deepcopy(old)
    written = new["paths"]["/pets/{id}"]["post"]
    written["parameters"][0].update(
        style="form",
        explode=True,
        required=False,
        allowEmptyValue=False,
        allowReserved=False,
        deprecated=False,
    )
    written["parameters"][1].update(style="simple", explode=False)
    written["parameters"][2].update(style="simple", explode=False, required=False)
    written["parameters"][3].update(style="form", explode=True)
    written["requestBody"]["content"]["application/json"]["schema"]["properties"]["tags"].update(
        minItems=0, uniqueItems=False, nullable=False, readOnly=False, deprecated=False
    )
    written["requestBody"]["content"]["application/json"]["schema"]["properties"]["tags"]["items"].update(
        minLength=0
    )
    status, changes = compare(tmp_path, old, new)
    assert (status, changes) == (0, [])
    assert compare(tmp_path, new, old) == (0, [])


# --- discriminators -----------------------------------------------------------------------------------


def pets(cat: str = "Cat", mapping: bool = True, value: str = "cat") -> Doc:
    """A `Pet` response: oneOf Cat and Dog told apart by `kind`."""
    schemas: Doc = {
        cat: {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}, "purrs": {"type": "boolean"}},
        },
        "Dog": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}, "barks": {"type": "boolean"}},
        },
        "Pet": {
            "oneOf": [{"$ref": f"#/components/schemas/{cat}"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {"propertyName": "kind"},
        },
    }
    if mapping:
        schemas["Pet"]["discriminator"]["mapping"] = {
            value: f"#/components/schemas/{cat}",
            "dog": "#/components/schemas/Dog",
        }
    return schemas


def test_component_renamed_with_its_discriminator_mapping(tmp_path: Path) -> None:
    old, new = document(pets()), document(pets("Feline"))
    for where in (old, new):  # the union in a request body and in the response
        where["paths"]["/pets"]["post"]["requestBody"] = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}
        }
    _, changes = compare(tmp_path, old, new)
    assert wire(changes) == []
    # Only the Python names change: the model class Cat becomes Feline.
    assert sdk(changes) == ["named schema `Cat` removed (generated model classes named after it disappear)"]


def test_implicit_mapping_follows_the_schema_name(tmp_path: Path) -> None:
    """Without `mapping`, the value is the schema's name: renaming it changes the value sent."""
    old, new = document(pets(mapping=False)), document(pets("Feline", mapping=False))
    old["paths"]["/pets"]["post"]["requestBody"] = new["paths"]["/pets"]["post"]["requestBody"] = {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}
    }
    _, changes = compare(tmp_path, old, new)
    assert any(
        "discriminator value `Cat` removed (clients sending it are rejected)" in w for w in wire(changes)
    )


def test_mapping_value_that_selects_another_schema(tmp_path: Path) -> None:
    old = document(pets())
    new = document(pets())
    new["components"]["schemas"]["Pet"]["discriminator"]["mapping"]["cat"] = "#/components/schemas/Dog"
    _, changes = compare(tmp_path, old, new)
    assert any("discriminator value `cat` now selects `Dog` (was `Cat`)" in w for w in wire(changes))


def test_new_discriminator_value_in_a_response(tmp_path: Path) -> None:
    old, new = document(pets()), document(pets())
    new["components"]["schemas"]["Pet"]["discriminator"]["mapping"]["kitten"] = "#/components/schemas/Cat"
    _, changes = compare(tmp_path, old, new)
    assert any("new discriminator value `kitten`" in w for w in wire(changes))


def test_discriminator_property_renamed(tmp_path: Path) -> None:
    old, new = document(pets()), document(pets())
    new["components"]["schemas"]["Pet"]["discriminator"]["propertyName"] = "type"
    _, changes = compare(tmp_path, old, new)
    assert any("discriminator property changed from `kind` to `type`" in w for w in wire(changes))


# --- closed and open enums ----------------------------------------------------------------------------


def status_schemas(values: list[Any], open_enum: bool) -> Doc:
    status: Doc = {"$ref": "#/components/schemas/Status"}
    if open_enum:  # how openapi/openapi.yaml keeps a growing vocabulary open
        status = {"anyOf": [status, {"type": "string"}]}
    kind = "string" if isinstance(values[0], str) else "integer"
    return {
        "Status": {"type": kind, "enum": values},
        "Pet": {"type": "object", "required": ["status"], "properties": {"status": status}},
    }


def test_new_value_of_a_closed_response_enum_breaks_deployed_clients(tmp_path: Path) -> None:
    old = document(status_schemas(["a", "b"], open_enum=False))
    new = document(status_schemas(["a", "b", "c"], open_enum=False))
    status, changes = compare(tmp_path, old, new)
    assert status == 1
    assert wire(changes) == [
        "POST /pets response `200` `application/json` `$.status`: enum value `c` added "
        "(the enum is closed: clients that check the value reject it)"
    ]
    assert sdk(changes) == []  # the generated StrEnum keeps values it does not know


def test_new_value_of_an_open_response_enum_does_not(tmp_path: Path) -> None:
    old = document(status_schemas(["a", "b"], open_enum=True))
    new = document(status_schemas(["a", "b", "c"], open_enum=True))
    status, changes = compare(tmp_path, old, new)
    assert status == 0
    assert [c["message"] for c in changes] == [
        "enum value `c` added (the document keeps the enum open: clients accept values they do not know)"
    ]


def test_new_value_of_a_closed_integer_enum_breaks_the_generated_client_too(tmp_path: Path) -> None:
    old = document(status_schemas([1, 2], open_enum=False))
    new = document(status_schemas([1, 2, 3], open_enum=False))
    _, changes = compare(tmp_path, old, new)
    assert len(wire(changes)) == 1
    assert [c["sdk"]["reason"] for c in changes if c["sdk"]["breaking"]] == [
        "the generated IntEnum raises ValueError on a value it does not know (the old client fails to parse)"
    ]


def test_new_value_of_a_request_enum_is_no_break(tmp_path: Path) -> None:
    body_old = {"type": "object", "properties": {"size": {"type": "string", "enum": ["s", "m"]}}}
    body_new = copy.deepcopy(body_old)
    body_new["properties"]["size"]["enum"].append("l")
    status, changes = compare(tmp_path, document(body=body_old), document(body=body_new))
    assert (status, wire(changes), len(changes)) == (0, [], 1)
