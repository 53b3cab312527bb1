"""Shared by the contract-review tests: the command line, loaded in-process or run as a process."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "contract_diff.py"
CORPUS = ROOT.parent / "shared" / "contract-corpus"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("contract_diff_review", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), *map(str, args)]
    return subprocess.run(
        command, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=120, check=False
    )


def git(repo: Path, *args: str) -> str:
    identity = [
        "-c",
        "user.name=Contract Test",
        "-c",
        "user.email=test@example.invalid",
        "-c",
        "commit.gpgsign=false",
    ]
    done = subprocess.run(
        ["git", *identity, *args], cwd=repo, env=clean_env(), capture_output=True, text=True, check=True
    )
    return done.stdout
