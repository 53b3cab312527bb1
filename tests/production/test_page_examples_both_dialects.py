"""Every example of the user's page (docs/integration-mixin.ko.md) runs as written against the
local backend in both dialects, with the same checks as tests/test_seed_examples.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.seed_examples import Example, extract_examples, make_package, namespace_for
from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServer
from tests.test_seed_examples import _check, _run

EXAMPLES = extract_examples()
# Production answers console logs as lines; the client makes entries of them whose timestamp is
# the line's own (`2024-01-15 10:00:01`), so the page's example prints `[2024-01-15 10:00:01] INFO: ...`.
PRODUCTION_LOG_LINE = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] [A-Z]+: .+$", re.M)


@pytest.fixture(scope="module", params=["documented", "production"])
def backend(request: pytest.FixtureRequest) -> Iterator[DevServer]:
    with DevServer(dialect=request.param, job_duration=1.0) as server:
        yield server


@pytest.fixture
def namespace(backend: DevServer, tmp_path: Path) -> Iterator[dict[str, Any]]:
    backend.reset()
    with BackendClient(backend.url, access_token="seed-examples-token") as client:
        yield namespace_for(client, make_package(tmp_path))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.title for e in EXAMPLES])
def test_example_runs_as_written(example: Example, namespace: dict[str, Any], backend: DevServer) -> None:
    out, shown = _run(example, namespace)
    if example.title == "오류 처리":
        shown["robust_plugin_execution"] = namespace["robust_plugin_execution"]
    if backend.dialect == "production" and example.title.startswith("list_job_console_logs"):
        lines = PRODUCTION_LOG_LINE.findall(out)
        assert len(lines) == len(shown["logs"]) == 4 and "WARNING: Skipped 2 corrupt images" in out
        assert all(entry["line"].endswith(entry["message"]) for entry in shown["logs"])
    else:
        _check(example.title, out, shown)
