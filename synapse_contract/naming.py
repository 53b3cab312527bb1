"""The Python names `make client` gives to parts of the document: the basis of the SDK verdict.

Every name comes from openapi-python-client's own code (the pinned 0.29.1, run with
openapi/generator.yaml, which sets no prefixes or overrides), so two spellings that the generator
folds into one name (`listJobs` and `list_jobs`) are no SDK change, and an edit the generator
turns into a new name (a removed enum value renumbering `VALUE_2`) is one.
"""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace
from typing import Any

from synapse_contract.errors import ToolMissing

# openapi-python-client's Config defaults (generator.yaml leaves them alone).
FIELD_PREFIX = "field_"
TAG_PREFIX = "tag"


@cache
def _generator() -> SimpleNamespace:
    """openapi-python-client's naming code, imported on first use: the import takes ~0.4 s, and a
    diff whose names did not change never needs it."""
    try:
        from openapi_python_client.parser.openapi import generate_operation_id
        from openapi_python_client.parser.properties.enum_property import EnumProperty
        from openapi_python_client.parser.properties.schemas import Class
        from openapi_python_client.schema.untrusted_string import UntrustedString
        from openapi_python_client.strings import ClassName, PythonIdentifier
    except ImportError as error:
        raise ToolMissing(
            f"the SDK verdict needs openapi-python-client 0.29.1 ({error}); "
            "install the dev extra: pip install -e '.[dev]'"
        ) from None

    return SimpleNamespace(
        generate_operation_id=generate_operation_id,
        EnumProperty=EnumProperty,
        Class=Class,
        UntrustedString=UntrustedString,
        ClassName=ClassName,
        PythonIdentifier=PythonIdentifier,
    )


@cache
def identifier(name: str) -> str:
    """An argument, attribute or module name (PythonIdentifier, as the generator calls it)."""
    return str(_generator().PythonIdentifier(name, prefix=FIELD_PREFIX))


@cache
def class_name(name: str) -> str:
    """The model class made from a named schema (`#/components/schemas/NAME`)."""
    return str(_generator().ClassName(name, FIELD_PREFIX))


def function_name(operation: dict[str, Any], method: str, path: str) -> str:
    """The generated module and function of an operation (`api/<tag>/<name>.py`, `<name>()`)."""
    operation_id = operation.get("operationId")
    if isinstance(operation_id, str) and operation_id:
        return identifier(operation_id)
    gen = _generator()
    return str(gen.generate_operation_id(path=gen.UntrustedString(path), method=method, prefix=FIELD_PREFIX))


def tag_module(operation: dict[str, Any]) -> str:
    """The package the generator files an operation under: its first tag, else `default`."""
    tags = operation.get("tags")
    if isinstance(tags, list) and tags:
        return str(_generator().PythonIdentifier(str(tags[0]), prefix=TAG_PREFIX))
    return "default"


def enum_members(values: list[Any], var_names: Any = None) -> dict[str, Any] | None:
    """Member name -> value of the Enum class the generator makes (None: it makes none)."""
    strings = all(isinstance(v, str) for v in values)
    integers = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
    if not values or not (strings or integers):
        return None  # mixed or non-scalar enums become other kinds of property
    names = [str(n) for n in var_names] if isinstance(var_names, list) else []
    try:
        gen = _generator()
        return dict(gen.EnumProperty.values_from_list(values, gen.Class(name="E", module_name="e"), names))
    except ValueError:
        return None  # duplicate keys: the generator refuses the document, so no surface to compare
