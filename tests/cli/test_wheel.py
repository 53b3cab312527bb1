"""`synapse --help` works from an installed wheel (not the source tree): the entry point, the
package list and the `cli` extra's imports are right."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


def test_the_wheel_installs_a_working_synapse_command(tmp_path: Path) -> None:
    # Offline: the build backend (hatchling, pinned in dev) comes from this environment.
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        tmp_path / "dist",
        ROOT,
        cwd=tmp_path,
    )
    (wheel,) = (tmp_path / "dist").glob("synapse_sdk_integration-*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "-q",
        wheel,
        cwd=tmp_path,
    )
    # The dependencies (httpx, typer, rich, ...) from this environment, without its editable
    # install of the project: a path in a .pth file adds packages, its own .pth files are not run.
    (purelib,) = {sysconfig.get_paths()["purelib"]}
    target = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path
        ).stdout.strip()
    )
    (target / "zz_dependencies.pth").write_text(purelib + "\n")

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV"} and not k.startswith("SYNAPSE_")
    }
    where = _run(
        python,
        "-c",
        "import synapse_sdk.cli, synapse_api; print(synapse_sdk.cli.__file__, synapse_api.__file__)",
        cwd=tmp_path,
        env=env,
    )
    assert all(path.startswith(str(venv)) for path in where.stdout.split()), where.stdout

    helped = _run(venv / "bin" / "synapse", "--help", cwd=tmp_path, env=env)
    for noun in ("plugin", "release", "job", "storage", "agent", "login", "devserver"):
        assert noun in helped.stdout
    version = _run(venv / "bin" / "synapse", "--version", cwd=tmp_path, env=env)
    assert version.stdout.startswith("synapse 0.")
