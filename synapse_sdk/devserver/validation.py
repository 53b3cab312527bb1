"""Requests checked against the bundled OpenAPI document, with DRF-style error messages.

The document (``openapi.json``, bundled by ``make client``) drives everything here: the
operations the server answers, their parameters, bodies and security. Changing the document
changes the server's validation without touching this module.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

try:
    import jsonschema
    import referencing
    import referencing.jsonschema
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(
        "the local Synapse backend needs its extra: pip install 'synapse-sdk-integration[devserver]'"
    ) from exc

from .errors import HttpError, field_errors

_DOC_URI = "urn:synapse-devserver:openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
NON_FIELD_ERRORS = "non_field_errors"


@cache
def load_document() -> dict[str, Any]:
    """The OpenAPI document, read from the package so that it works from a wheel."""
    text = resources.files(__package__).joinpath("openapi.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def _registry() -> referencing.Registry[Any]:
    resource = referencing.Resource.from_contents(
        load_document(), default_specification=referencing.jsonschema.DRAFT202012
    )
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(_DOC_URI, resource)
    return registry


def resolve(node: Any) -> Any:
    """Follow local ``$ref``s (``#/components/...``) until a non-reference node."""
    document = load_document()
    while isinstance(node, Mapping) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"only local references are supported: {ref}")
        node = document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


@cache
def validator_for(pointer: str) -> jsonschema.protocols.Validator:
    """A validator for the schema at ``pointer`` (``/components/schemas/X`` or an inline location)."""
    return jsonschema.Draft202012Validator({"$ref": f"{_DOC_URI}#{pointer}"}, registry=_registry())


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    schema: dict[str, Any]
    pointer: str


@dataclass(frozen=True)
class Body:
    required: bool
    # Media type -> JSON pointer to its schema.
    media_types: dict[str, str]


@dataclass(frozen=True)
class SecurityScheme:
    name: str
    header: str


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    body: Body | None
    # Alternatives, each a set of scheme names that must all be present; empty means public.
    security: tuple[frozenset[str], ...]
    schemes: dict[str, SecurityScheme] = field(default_factory=dict)
    # Status code -> the JSON schema of that reply, to render every field it declares.
    responses: dict[str, Any] = field(default_factory=dict)

    @property
    def is_public(self) -> bool:
        return not self.security or frozenset() in self.security

    def params_in(self, location: str) -> list[Parameter]:
        return [p for p in self.parameters if p.location == location]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _parameters(raw: Iterable[Any], base_pointer: str) -> dict[tuple[str, str], Parameter]:
    found: dict[tuple[str, str], Parameter] = {}
    for index, item in enumerate(raw):
        pointer = item["$ref"][1:] if "$ref" in item else f"{base_pointer}/{index}"
        param = resolve(item)
        found[(param["name"], param["in"])] = Parameter(
            name=param["name"],
            location=param["in"],
            required=bool(param.get("required", False)),
            schema=resolve(param.get("schema", {})),
            pointer=f"{pointer}/schema",
        )
    return found


@cache
def operations() -> dict[str, dict[str, Operation]]:
    """Path template -> HTTP method (upper case) -> operation."""
    document = load_document()
    schemes = {
        name: SecurityScheme(name, scheme["name"])
        for name, raw in document.get("components", {}).get("securitySchemes", {}).items()
        if (scheme := resolve(raw)).get("type") == "apiKey" and scheme.get("in") == "header"
    }
    default_security = document.get("security", [])
    result: dict[str, dict[str, Operation]] = {}
    for path, item in document["paths"].items():
        path_pointer = f"/paths/{_escape(path)}"
        shared = _parameters(item.get("parameters", []), f"{path_pointer}/parameters")
        for method in HTTP_METHODS:
            if method not in item:
                continue
            raw = item[method]
            op_pointer = f"{path_pointer}/{method}"
            params = {**shared, **_parameters(raw.get("parameters", []), f"{op_pointer}/parameters")}
            body = None
            if "requestBody" in raw:
                request_body = resolve(raw["requestBody"])
                body_ref = raw["requestBody"].get("$ref")
                body_pointer = body_ref[1:] if body_ref else f"{op_pointer}/requestBody"
                body = Body(
                    required=bool(request_body.get("required", False)),
                    media_types={
                        media: f"{body_pointer}/content/{_escape(media)}/schema"
                        for media in request_body.get("content", {})
                    },
                )
            security = tuple(frozenset(req) for req in raw.get("security", default_security))
            responses = {
                status: content["application/json"]["schema"]
                for status, reply in raw.get("responses", {}).items()
                if "application/json" in (content := resolve(reply).get("content", {}))
                and "schema" in content["application/json"]
            }
            result.setdefault(path, {})[method.upper()] = Operation(
                operation_id=raw["operationId"],
                method=method.upper(),
                path=path,
                parameters=tuple(params.values()),
                body=body,
                security=security,
                schemes=schemes,
                responses=responses,
            )
    return result


def render(value: Any, schema: Any) -> Any:
    """``value`` with every required property of ``schema`` present, null where the server has none.

    A DRF serializer renders every field it declares; the document marks those required (and
    nullable where they can be null), while expand-only fields stay optional and are left alone.
    """
    schema = resolve(schema)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            value.setdefault(name, None)
        for name, sub in properties.items():
            if name in value and value[name] is not None:
                value[name] = render(value[name], sub)
    elif isinstance(value, list) and "items" in schema:
        return [render(item, schema["items"]) for item in value]
    return value


# --- Coercing parameter strings into typed values ---

_INTEGER = re.compile(r"^[+-]?\d+$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TRUE_VALUES = frozenset({"t", "y", "yes", "true", "on", "1"})
FALSE_VALUES = frozenset({"f", "n", "no", "false", "off", "0"})


class CoercionError(ValueError):
    pass


def parse_datetime(text: str) -> dt.datetime:
    """ISO 8601 date or date-time; a naive value means UTC."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CoercionError("Enter a valid date/time.") from None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def coerce(text: str, schema: Mapping[str, Any]) -> Any:
    """Turn a path, query or form string into the value ``schema`` describes."""
    schema = resolve(schema)
    for combinator in ("oneOf", "anyOf"):
        if combinator in schema:
            for option in schema[combinator]:
                try:
                    return coerce(text, option)
                except CoercionError:
                    continue
            raise CoercionError("Invalid value.")
    kind = schema.get("type")
    if kind == "integer":
        if not _INTEGER.match(text.strip()):
            raise CoercionError("A valid integer is required.")
        return int(text.strip())
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            raise CoercionError("A valid number is required.") from None
    if kind in ("object", "array"):
        # A multipart form sends objects and lists as JSON text (the generated client does).
        try:
            return json.loads(text)
        except ValueError:
            raise CoercionError("Value must be valid JSON.") from None
    if kind == "boolean":
        lowered = text.strip().lower()
        if lowered in TRUE_VALUES:
            return True
        if lowered in FALSE_VALUES:
            return False
        raise CoercionError("Must be a valid boolean.")
    if kind == "string":
        if schema.get("format") == "uuid":
            if not _UUID.match(text):
                raise CoercionError("Must be a valid UUID.")
            return str(uuid.UUID(text))
        if schema.get("format") == "date-time":
            parse_datetime(text)
    return text


# --- Turning jsonschema errors into DRF's field errors ---

_PY_TYPE_NAMES = {dict: "dict", list: "list", str: "str", int: "int", float: "float", bool: "bool"}


def _message(error: jsonschema.ValidationError) -> str:
    value = error.instance
    rule: Any = error.validator_value
    if error.validator == "type":
        if value is None:
            return "This field may not be null."
        got = _PY_TYPE_NAMES.get(type(value), "value")
        expected = rule if isinstance(rule, str) else next((t for t in rule if t != "null"), "")
        return {
            "integer": "A valid integer is required.",
            "number": "A valid number is required.",
            "string": "Not a valid string.",
            "boolean": "Must be a valid boolean.",
            "object": f'Expected a dictionary of items but got type "{got}".',
            "array": f'Expected a list of items but got type "{got}".',
        }.get(expected, error.message)
    if error.validator == "enum":
        return f'"{value}" is not a valid choice.'
    if error.validator == "minimum":
        return f"Ensure this value is greater than or equal to {rule}."
    if error.validator == "maximum":
        return f"Ensure this value is less than or equal to {rule}."
    if error.validator == "minLength":
        if value == "":
            return "This field may not be blank."
        return f"Ensure this field has at least {rule} characters."
    if error.validator == "maxLength":
        return f"Ensure this field has no more than {rule} characters."
    if error.validator in ("oneOf", "anyOf"):
        # An open enum (a known value or any string) fails on its most relevant branch: say why.
        best = jsonschema.exceptions.best_match(error.context or ())
        return "Invalid value." if best is None else _message(best)
    return error.message


def _add(errors: dict[str, list[str]], name: str, message: str) -> None:
    messages = errors.setdefault(name, [])
    if message not in messages:
        messages.append(message)


def body_errors(instance: Any, pointer: str) -> dict[str, list[str]]:
    """Field errors of a decoded body against the schema at ``pointer``; empty when valid."""
    if not isinstance(instance, dict):
        kind = "list" if isinstance(instance, list) else type(instance).__name__
        return {NON_FIELD_ERRORS: [f"Invalid data. Expected a dictionary, but got {kind}."]}
    errors: dict[str, list[str]] = {}
    for error in validator_for(pointer).iter_errors(instance):
        if error.validator == "required" and not error.absolute_path:
            required: list[str] = list(error.validator_value)  # type: ignore[arg-type]  # a list for "required"
            for name in required:
                if name not in instance:
                    _add(errors, name, "This field is required.")
            continue
        name = str(error.absolute_path[0]) if error.absolute_path else NON_FIELD_ERRORS
        _add(errors, name, _message(error))
    return errors


def validate_body(instance: Any, pointer: str) -> None:
    errors = body_errors(instance, pointer)
    if errors:
        raise field_errors(errors)


def parameter_value(param: Parameter, text: str) -> Any:
    """The typed value of one parameter, or ``CoercionError`` with DRF's message."""
    value = coerce(text, param.schema)
    for error in validator_for(param.pointer).iter_errors(value):
        if error.validator == "enum":
            raise CoercionError(f"Select a valid choice. {value} is not one of the available choices.")
        raise CoercionError(_message(error))
    return value


def query_values(operation: Operation, query: Mapping[str, list[str]]) -> dict[str, Any]:
    """The documented query parameters, typed; unknown parameters are ignored as DRF does."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for param in operation.params_in("query"):
        raw = query.get(param.name)
        # Unlike django-filter, an empty `page=` or `status=` is an error: the document says integer / enum.
        if not raw:
            if param.required:
                errors[param.name] = ["This field is required."]
            continue
        try:
            values[param.name] = parameter_value(param, raw[-1])
        except CoercionError as exc:
            errors[param.name] = [str(exc)]
    if errors:
        raise HttpError(400, errors)
    return values
