"""Files of a git ref, read without changing the repository.

`git archive REF -- PATHS` unpacked into a directory of the caller's (a fresh `mkdtemp`, removed
in `finally`): no branch, no worktree, no shared temporary path, so any number of runs may go at
once against the same repository and nothing is left behind when one fails.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path

from synapse_contract.errors import InputError, ToolMissing


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("git") is None:
        raise ToolMissing("git is not installed (or not on PATH): --base needs it; compare two files instead")
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def _stderr(done: subprocess.CompletedProcess[bytes]) -> str:
    lines = done.stderr.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {done.returncode}"


def repo_root(start: Path | None = None) -> Path:
    found = git(start or Path.cwd(), "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise InputError(f"--base needs to run inside a git work tree ({_stderr(found)})")
    return Path(found.stdout.decode().strip())


def verify(repo: Path, ref: str, option: str) -> str:
    """The commit `ref` names (full hash); InputError when it names none."""
    if ref.startswith("-"):  # never let a ref be read as an option of git's
        raise InputError(f"{option} {ref}: not a git ref")
    done = git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if done.returncode != 0:
        raise InputError(f"{option} {ref}: not a commit in {repo} (a branch, tag or commit hash is expected)")
    return done.stdout.decode().strip()


def short(repo: Path, commit: str) -> str:
    return git(repo, "rev-parse", "--short", commit).stdout.decode().strip() or commit[:12]


def exists(repo: Path, commit: str, path: str) -> bool:
    return git(repo, "cat-file", "-e", f"{commit}:{path}").returncode == 0


def extract(repo: Path, commit: str, paths: list[str], into: Path) -> None:
    """Unpack `paths` (files or folders) as they are at `commit` under `into`."""
    archive = git(repo, "archive", "--format=tar", commit, "--", *paths)
    if archive.returncode != 0:
        raise InputError(f"git archive {commit[:12]} failed: {_stderr(archive)}")
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
