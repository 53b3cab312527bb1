"""The examples in the client's docstrings (rendered on the site's Python API reference) run too.

A docstring example takes one thing for granted, as the reference page says: `client`, a
`BackendClient` connected to the backend. Here that is a fresh local backend.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import re
import textwrap
from collections.abc import Iterator

import pytest

from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServerProcess

_FENCE = re.compile(r"^(?P<indent>[ ]*)```python\n(?P<code>.*?)^(?P=indent)```", re.M | re.S)


def docstring_examples() -> list[tuple[str, str]]:
    found = []
    for name, member in inspect.getmembers(BackendClient):
        if name.startswith("_"):
            continue
        for match in _FENCE.finditer(inspect.getdoc(member) or ""):
            found.append((name, textwrap.dedent(match["code"])))
    return found


EXAMPLES = docstring_examples()


def test_the_documented_methods_have_examples() -> None:
    names = {name for name, _ in EXAMPLES}
    assert {"get_job", "wait_for_job", "create_plugin_release"} <= names, sorted(names)


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("docstrings") / "db.sqlite3"
    with DevServerProcess(db=str(db), job_duration=1.0) as server:
        yield server.url


@pytest.mark.parametrize(("name", "code"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_docstring_example_runs(name: str, code: str, backend: str) -> None:
    out = io.StringIO()
    with BackendClient(backend, access_token="docstring-examples") as client:
        namespace = {"__name__": "__docstring_example__", "client": client}
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"BackendClient.{name} docstring", "exec"), namespace)
    if "print(" in code:
        assert out.getvalue().strip(), f"BackendClient.{name}: the example prints, but printed nothing"
