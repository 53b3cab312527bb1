"""Every demo example, sent through Prism as a validating proxy (`prism proxy --errors`), in front
of the local backend: a request the document forbids, or a reply it does not allow, fails here.

Prism (npm `@stoplight/prism-cli`, pinned in package.json) is a checker nobody here wrote. With
`--errors` it answers a violation itself: a request the document forbids gets its 422 (the call
fails, naming the violation in the body's `validation`), a reply the document does not allow its
500 with the violations in an `sl-violations` header. The test records that header on every
reply, so even a violation that does not fail a call (a warning) is reported.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServerProcess

ROOT = Path(__file__).resolve().parents[2]
from scripts.seed_examples import (  # noqa: E402
    closing_calls,
    extract_examples,
    make_package,
    namespace_for,
    readme_examples,
    run_example,
)

PRISM = ROOT / "node_modules" / ".bin" / "prism"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# Beyond the demo's examples: what their results must be, and filters they do not use.
CHECKS = """\
run = client.run_plugin(123, {'parameters': {'threshold': 0.8}})
lines = [entry['message'] for entry in client.follow_job_console_logs(run['job_id'])]
assert client.wait_for_job(run['job_id'], timeout=60, poll_interval=0.2)['status'] == 'completed'
assert lines[-1] == 'Job completed', lines
assert client.list_job_console_logs(run['job_id'], since=2) == client.list_job_console_logs(run['job_id'])[2:]
jobs, count = client.list_jobs({'status': 'completed', 'ordering': '-created', 'page_size': 5})
assert jobs and count >= 1
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not PRISM.exists():
        pytest.fail("Prism is not installed: run `make setup` (npm ci installs @stoplight/prism-cli)")
    workdir = tmp_path_factory.mktemp("prism")
    log = workdir / "prism.log"
    with DevServerProcess(db=str(workdir / "db.sqlite3"), job_duration=1.5) as backend:
        port = _free_port()
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [str(PRISM), "proxy", "--errors", "-h", "127.0.0.1", "-p", str(port),
                 str(ROOT / "openapi" / "openapi.yaml"), backend.url.rstrip("/")],
                stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"},
            )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while "Prism is listening" not in log.read_text(errors="replace"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Prism did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}/", log
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def test_every_demo_example_passes_the_validating_proxy(prism: tuple[str, Path], tmp_path: Path) -> None:
    url, log = prism
    violations: list[tuple[str, Any]] = []

    def record(response: httpx.Response) -> None:
        if "sl-violations" in response.headers:
            violations.append((f"{response.request.method} {response.request.url.path}",
                               json.loads(response.headers["sl-violations"])))  # fmt: skip

    http = httpx.Client(event_hooks={"response": [record]})
    client = BackendClient(url, access_token="demo-access-token", http_client=http)
    namespace = namespace_for(client, make_package(tmp_path))
    failures = []
    examples = [*extract_examples(), *closing_calls(), *readme_examples()]
    for example in examples:
        try:
            run_example(example, namespace, lambda name, value: None)
        except Exception as error:  # every example is reported, then the test fails
            failures.append(f"{example.title}: {type(error).__name__}: {error}")
    try:
        exec(compile(CHECKS, "checks", "exec"), namespace)
    except Exception as error:
        failures.append(f"checks: {type(error).__name__}: {error!r}")
    client.close()
    http.close()
    errors = [line for line in ANSI.sub("", log.read_text(errors="replace")).splitlines() if "✖" in line]
    assert (failures, violations, errors) == ([], [], []), json.dumps(
        {"failures": failures, "violations": violations, "prism errors": errors}, indent=1, ensure_ascii=False
    )
    assert len(examples) >= 23


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js for Prism")
def test_the_proxy_does_catch_a_violation(prism: tuple[str, Path]) -> None:
    """The check can fail: a body the document forbids comes back as Prism's 422, named."""
    url, _ = prism
    response = httpx.patch(
        f"{url}jobs/789/", json={"progress": 150}, headers={"Synapse-Access-Token": "Token demo-access-token"}
    )
    assert response.status_code == 422
    (violation,) = response.json()["validation"]
    assert violation["location"] == ["body", "progress"] and violation["severity"] == "Error"
