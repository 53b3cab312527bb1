"""The TypedDicts make IDEs and type checkers know the keys of what the client returns."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def _mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file",
            "/dev/null",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=HERE.parent.parent,
    )


def test_documented_usage_type_checks() -> None:
    result = _mypy(HERE / "sample_app_ok.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_misspelled_keys_and_wrong_types_are_caught() -> None:
    path = HERE / "sample_app_typo.py"
    result = _mypy(path)
    assert result.returncode == 1, result.stdout
    expected = {n for n, line in enumerate(path.read_text().splitlines(), 1) if "# E:" in line}
    reported = {int(m) for m in re.findall(rf"{re.escape(path.name)}:(\d+): error", result.stdout)}
    assert reported == expected, result.stdout
    assert '"Plugin" has no key "nmae"' in result.stdout
