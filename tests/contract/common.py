"""Shared by the contract-differ tests: the command line in-process or as a process, git, and the
mutated documents (made from base.yaml by tests/contract/mutations.py, written once per session)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from synapse_contract.cli import main

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "contract"
BASE = HERE / "base.yaml"
SCRIPT = ROOT / "scripts" / "contract_diff.py"
# ../shared beside the main checkout; a worktree under /work/wt/NAME finds it two levels up.
CORPUS = next(
    (p / "shared" / "contract-corpus" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "contract-corpus",
)

__all__ = ["BASE", "CORPUS", "HERE", "ROOT", "SCRIPT", "clean_env", "git", "main", "run"]


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def run(
    *args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The entry point as users run it: a fresh interpreter on scripts/contract_diff.py."""
    command = [sys.executable, str(SCRIPT), *map(str, args)]
    return subprocess.run(
        command, cwd=cwd, env=env or clean_env(), capture_output=True, text=True, timeout=120, check=False
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
