"""Every example of the user's page (docs/integration-mixin.ko.md) runs as written against the
local backend in both dialects, with the same checks as tests/test_seed_examples.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.seed_examples import Example, extract_examples, make_package, namespace_for
from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServer
from tests.test_seed_examples import _check, _run

EXAMPLES = extract_examples()
# Production answers console logs as lines (strings); the page's example reads
# log_entry['timestamp']. Making such entries usable is issue 19 item 3, not on this branch yet:
# strict, so that the day it works this mark must go.
LINES_NOT_PARSED = pytest.mark.xfail(
    reason="console-log lines as strings are not shaped into entries yet (issue 19 item 3)",
    raises=TypeError,
    strict=True,
)


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
def test_example_runs_as_written(
    example: Example, namespace: dict[str, Any], backend: DevServer, request: pytest.FixtureRequest
) -> None:
    if backend.dialect == "production" and example.title.startswith("list_job_console_logs"):
        request.applymarker(LINES_NOT_PARSED)
    out, shown = _run(example, namespace)
    if example.title == "오류 처리":
        shown["robust_plugin_execution"] = namespace["robust_plugin_execution"]
    _check(example.title, out, shown)
