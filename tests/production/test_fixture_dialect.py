"""The pytest plugin's dialect option: a parameter, a marker, the command line and the ini file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from synapse_sdk.devserver import DevServer

from .conftest import AUTH


def _run_status(server: DevServer) -> str:
    run = httpx.post(f"{server.url}plugins/123/run/", json={}, headers=AUTH, timeout=10).json()
    return str(run["status"])


def test_the_default_is_the_documented_dialect(synapse_devserver: DevServer) -> None:
    assert synapse_devserver.dialect == "documented" and _run_status(synapse_devserver) == "queued"


@pytest.mark.synapse_dialect("production")
def test_a_marker_chooses_production(synapse_devserver: DevServer) -> None:
    assert synapse_devserver.dialect == "production" and _run_status(synapse_devserver) == "PENDING"


@pytest.mark.parametrize("synapse_devserver", ["documented", "production"], indirect=True)
def test_both_dialects_by_parameter(synapse_devserver: DevServer, request: pytest.FixtureRequest) -> None:
    expected = {"documented": "queued", "production": "PENDING"}[
        request.node.callspec.params["synapse_devserver"]
    ]
    assert _run_status(synapse_devserver) == expected


_PROJECT_TEST = """
def test_dialect(synapse_devserver):
    assert synapse_devserver.dialect == {expected!r}
"""


@pytest.mark.parametrize(
    ("args", "ini", "expected"),
    [
        (["--synapse-dialect=production"], "", "production"),
        ([], "[pytest]\nsynapse_dialect = production\n", "production"),
        (["--synapse-dialect=documented"], "[pytest]\nsynapse_dialect = production\n", "documented"),
    ],
    ids=["option", "ini", "option-wins"],
)
def test_a_project_chooses_for_the_whole_run(
    tmp_path: Path, args: list[str], ini: str, expected: str
) -> None:
    """As a user's project has it: the plugin found through its entry point, in a fresh pytest."""
    (tmp_path / "test_project.py").write_text(_PROJECT_TEST.format(expected=expected))
    (tmp_path / "pytest.ini").write_text(ini or "[pytest]\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args, "test_project.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_an_unknown_dialect_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "test_project.py").write_text(
        "import pytest\n\n@pytest.mark.synapse_dialect('prod')\ndef test_x(synapse_devserver):\n    pass\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_project.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "unknown dialect 'prod'; use one of documented, production" in result.stdout + result.stderr
