"""Running a module of this package in a fresh interpreter.

`-P` keeps the working directory off the module search path, and this repository is appended to
PYTHONPATH rather than prepended, so a caller's PYTHONPATH still wins: a patched copy of the
SDK (`PYTHONPATH=/tmp/patched python -m benchmarks`) is what every child process measures too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the repository


def command(module: str, *args: str) -> list[str]:
    return [sys.executable, "-P", "-m", f"benchmarks.{module}", *args]


def env() -> dict[str, str]:
    path = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join([*path, ROOT])}


def popen(module: str, *args: str, **options: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(command(module, *args), env=env(), text=True, **options)


def run(module: str, *args: str) -> str:
    """The last line the module prints; its error output if it fails."""
    done = subprocess.run(command(module, *args), env=env(), capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"benchmarks.{module} {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]
