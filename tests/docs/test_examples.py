"""Every Python example of the site and the README, run against the local backend (see examples.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.seed_examples import make_package
from synapse_sdk.devserver import DevServerProcess
from tests.docs.examples import PACKAGE, ROOT, extract, pages

PAGES = pages()
RUNNABLE = [page for page in PAGES if any(block.mode != "skip" for block in extract(page))]
TOKEN = "docs-examples-token"
CLEARED = ("SYNAPSE_TENANT", "SYNAPSE_AUTHORIZATION_TOKEN", "SYNAPSE_AGENT_TOKEN", "SYNAPSE_LOG")


def test_every_page_is_found_and_markers_are_valid() -> None:
    """The runner sees the README and the site's English pages, and their examples."""
    names = {page.name for page in PAGES}
    assert {"README.md", "jobs.md", "configuration.md", "errors.md"} <= names
    blocks = [block for page in PAGES for block in extract(page)]
    assert sum(block.mode == "run" for block in blocks) >= 40
    assert sum(block.mode == "pytest" for block in blocks) >= 2
    assert all(block.reason for block in blocks if block.mode == "skip")


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[str]:
    with DevServerProcess(db=str(tmp_path / "docs.sqlite3"), job_duration=1.0) as server:
        yield server.url


@pytest.mark.parametrize("page", RUNNABLE, ids=[str(p.relative_to(ROOT)) for p in RUNNABLE])
def test_page_examples_run(page: Path, backend: str, tmp_path: Path) -> None:
    """The page's examples, in order, in a child process whose environment names a fresh local
    backend, in a directory holding a real plugin package."""
    workdir = tmp_path / "work"
    workdir.mkdir()
    assert make_package(workdir).name == PACKAGE
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(
        SYNAPSE_BASE_URL=backend,
        SYNAPSE_ACCESS_TOKEN=TOKEN,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.docs.examples", str(page)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, (
        f"{done.stderr}\n--- what the page's examples printed:\n{done.stdout[-4000:]}"
    )
