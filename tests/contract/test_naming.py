"""The SDK verdict's naming rules against a real regeneration: the names synapse_contract/naming.py derives
for openapi/openapi.yaml are the ones `make client` wrote into generated/synapse_api (which
`make check-client` keeps in step with the document)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from synapse_contract import naming
from synapse_contract.loader import load_document
from synapse_contract.spec import Spec
from tests.contract.common import ROOT

PACKAGE = ROOT / "generated" / "synapse_api"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _document() -> dict[str, Any]:
    return load_document(ROOT / "openapi" / "openapi.yaml")


def test_every_operation_is_the_generated_module_and_function() -> None:
    doc = _document()
    expected = set()
    for path, item in doc["paths"].items():
        for method in METHODS:
            if isinstance(item.get(method), dict):
                op = item[method]
                expected.add(f"{naming.tag_module(op)}/{naming.function_name(op, method, path)}.py")
    generated = {
        str(p.relative_to(PACKAGE / "api"))
        for p in (PACKAGE / "api").glob("*/*.py")
        if p.name != "__init__.py"
    }
    assert expected == generated


def test_named_schemas_are_the_generated_model_classes() -> None:
    doc = _document()
    models = (PACKAGE / "models" / "__init__.py").read_text(encoding="utf-8")
    classes = set()
    for name, schema in doc["components"]["schemas"].items():
        if schema.get("type") == "object" or "properties" in schema or "enum" in schema:
            classes.add(naming.class_name(name))
    assert classes
    for name in classes:
        assert f" import {name}\n" in models, f"model class {name} not generated"


def _members(module: Path) -> dict[str, str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    (cls,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    return {
        node.targets[0].id: f'"{node.value.value}"' if isinstance(node.value.value, str) else node.value.value
        for node in cls.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
    }


def test_enum_members_are_the_generated_ones() -> None:
    doc = _document()
    spec = Spec(doc)
    checked = 0
    for name, raw in doc["components"]["schemas"].items():
        schema = spec.resolved(raw)
        if not isinstance(schema.get("enum"), list):
            continue
        module = PACKAGE / "models" / f"{naming.identifier(naming.class_name(name))}.py"
        derived = naming.enum_members(schema["enum"], schema.get("x-enum-varnames"))
        assert derived is not None
        # The generator keeps a string value as the text of its literal (escaped, without quotes).
        assert {k: f'"{v}"' if isinstance(v, str) else v for k, v in derived.items()} == _members(module)
        checked += 1
    assert checked >= 2  # JobStatus (with x-enum-varnames), StorageProvider, StorageCategory
