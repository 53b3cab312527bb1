"""`make demo` needs Python alone: its set-up installs the package with the devserver extra into
its own venv, never Node, npm or the dev tools. Checked on make's dry run (nothing is installed,
nothing downloaded)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_demo_setup_installs_only_the_package_and_its_devserver_extra() -> None:
    plan = subprocess.run(
        ["make", "--dry-run", "--always-make", "demo"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    assert "-e '.[devserver]'" in plan and "scripts/demo.py" in plan
    for unwanted in ("npm", "node", "'.[dev]'", ".venv/bin", "ruff", "mypy", "spectral"):
        assert unwanted not in plan, (unwanted, plan)
    assert "uv==" in plan  # pinned; pip is the fallback
    # The devserver extra is all the local backend needs besides the package.
    pyproject = (REPO / "pyproject.toml").read_text()
    assert "\ndevserver = [" in pyproject
