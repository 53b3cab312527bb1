"""Run the examples of the user's documentation (docs/integration-mixin.ko.md) exactly as written.

Each ```python block is executed unchanged, in order, in one namespace that holds what the page
takes for granted: `client` (a BackendClient), `ClientError` and `time`. The page opens its
package as `open('/path/to/plugin_v2.zip', 'rb')`; that placeholder path is the one thing
supplied: `open` in the namespace maps it to a real zip made for the run. Like a REPL, the value
of each top-level expression and each name a block assigns is reported to `show`.
"""

from __future__ import annotations

import ast
import builtins
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parent.parent / "docs" / "integration-mixin.ko.md"
PLACEHOLDER_PACKAGE = "/path/to/plugin_v2.zip"
_BLOCK = re.compile(
    r"^### `(?P<title>[^`\n]+)`|^## (?P<section>[^\n]+)$|^```python\n(?P<code>.*?)^```", re.M | re.S
)


@dataclass(frozen=True)
class Example:
    title: str
    code: str


def extract_examples(doc: Path = DOC, section: str | None = None) -> list[Example]:
    """The page's python blocks, titled by the method (or section) they document; with
    `section`, only those under that `## ` heading."""
    examples: list[Example] = []
    title, current = "?", None
    for match in _BLOCK.finditer(doc.read_text(encoding="utf-8")):
        if match["section"]:
            current = match["section"].strip()
        if match["title"] or match["section"]:
            title = (match["title"] or match["section"]).strip()
        elif section is None or current == section:
            examples.append(Example(title, match["code"]))
    return examples


README = DOC.parent.parent / "README.md"
README_SECTION = "The job workflow, and the lists"


def readme_examples() -> list[Example]:
    """The README's examples of the methods the page does not show (job helpers, lists)."""
    return extract_examples(README, README_SECTION)


def make_package(directory: Path) -> Path:
    """A small but real plugin package for the page's placeholder path."""
    path = directory / "plugin_v2.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("plugin.py", "def run(parameters, context):\n    return {'ok': True}\n")
        archive.writestr("config.yaml", "name: My Custom Plugin\nversion: 2.0.0\n")
    return path


def _open_with_placeholder(package: Path) -> Callable[..., Any]:
    def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
        if file == PLACEHOLDER_PACKAGE:
            file = package
        return builtins.open(file, *args, **kwargs)

    return open_


def _assigned_names(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            names.extend(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


def run_example(example: Example, namespace: dict[str, Any], show: Callable[[str, Any], None]) -> None:
    """Execute one block as written; report each top-level expression's value and assignment."""
    tree = ast.parse(example.code, filename=example.title)
    for node in tree.body:
        module = ast.Module(body=[node], type_ignores=[])
        if isinstance(node, ast.Expr) and not _is_print(node):
            value = eval(compile(ast.Expression(node.value), example.title, "eval"), namespace)
            if value is not None:
                show(ast.unparse(node.value), value)
        else:
            exec(compile(module, example.title, "exec"), namespace)
            for name in _assigned_names(module):
                show(name, namespace[name])


def _is_print(node: ast.Expr) -> bool:
    call = node.value
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print"


def namespace_for(client: Any, package: Path) -> dict[str, Any]:
    from synapse_sdk.clients.exceptions import ClientError

    return {
        "__name__": "__seed_examples__",
        "client": client,
        "ClientError": ClientError,
        "time": time,
        "open": _open_with_placeholder(package),
    }


def closing_calls() -> list[Example]:
    """The page defines `robust_plugin_execution` without calling it: call it, for a plugin that
    exists and for one that does not (its 404 branch)."""
    return [
        Example("robust_plugin_execution", "robust_plugin_execution(123, {'threshold': 0.8})\n"),
        Example("robust_plugin_execution", "robust_plugin_execution(999999, {'threshold': 0.8})\n"),
    ]


def short(value: Any, limit: int = 400) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "Example",
    "closing_calls",
    "extract_examples",
    "make_package",
    "namespace_for",
    "readme_examples",
    "run_example",
    "short",
]
