"""The Python sample the HTTP reference shows for each operation (made from the document at
build time by scripts/docs_hooks.py) exists for every operation and runs as shown against the
local backend, with SYNAPSE_BASE_URL / SYNAPSE_ACCESS_TOKEN set as the sample says."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.docs_hooks import DOCUMENT, for_readers, operations
from scripts.seed_examples import make_package
from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServerProcess

SHOWN = for_readers(yaml.safe_load(DOCUMENT.read_text(encoding="utf-8")))
OPERATIONS = {operation["operationId"]: operation for _, operation in operations(SHOWN)}


def _sample(operation: dict[str, Any]) -> str:
    samples = operation.get("x-codeSamples", [])
    assert [s["lang"] for s in samples] == ["Python"], f"{operation['operationId']}: no Python sample"
    source: str = samples[0]["source"]
    return source


def test_the_reader_document_speaks_to_users_and_leaves_the_committed_one_alone() -> None:
    committed = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    assert "x-codeSamples" not in DOCUMENT.read_text(encoding="utf-8")
    assert "generated/" not in SHOWN["info"]["description"]
    assert "(index.html)" in SHOWN["info"]["description"] and SHOWN["info"]["x-logo"]["href"] == "index.html"
    assert all("`" not in server.get("description", "") for server in SHOWN["servers"])
    assert len(OPERATIONS) == len(operations(committed)) >= 18


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("samples") / "db.sqlite3"
    with DevServerProcess(db=str(db), job_duration=1.0) as server:
        yield server.url


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_the_operations_python_sample_runs_as_shown(
    operation_id: str, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _sample(OPERATIONS[operation_id])
    assert "client = BackendClient()" in source
    monkeypatch.setenv("SYNAPSE_BASE_URL", backend)
    monkeypatch.setenv("SYNAPSE_ACCESS_TOKEN", "samples-token")
    monkeypatch.chdir(tmp_path)
    make_package(tmp_path)  # the package an upload sample names
    if "follow_job_console_logs(" in source:  # following ends when the job does: end it first
        with BackendClient() as client:
            client.update_job(789, {"status": "completed"})
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(source, f"<sample of {operation_id}>", "exec"), {"__name__": "__sample__"})
    assert printed.getvalue().strip(), f"{operation_id}: the sample printed nothing"
