"""The documented examples type-check in both checkers users run: pyright in its standard mode
(Pylance's default) and mypy --strict; and both catch the mistakes of `typo_corpus.py`.

The examples are the user's page's python blocks, each written unchanged to its own module after
a prelude that holds what the page takes for granted (`client`, `ClientError`, `time`). The
page's own untyped helper (`robust_plugin_execution`) is the user's code: mypy checks it with
`--allow-untyped-defs` rather than the page being edited. pyright comes from PyPI (pinned in
the dev extra) with its JavaScript bundled: nothing is downloaded when the test runs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
from scripts.seed_examples import extract_examples  # noqa: E402

PRELUDE = """\
import time

from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.clients.exceptions import ClientError

client = BackendClient("https://synapse.example.com/api/", access_token="token")

"""
CORPUS = Path(__file__).with_name("typo_corpus.py")


def _pyright(paths: list[Path], cwd: Path) -> dict[str, list[int]]:
    """Error lines per file, from pyright's JSON report (standard mode, Python 3.11)."""
    (cwd / "pyrightconfig.json").write_text(
        json.dumps(
            {"typeCheckingMode": "standard", "pythonVersion": "3.11", "include": [str(p) for p in paths]}
        )
    )
    pyright = Path(sys.executable).with_name("pyright")
    proc = subprocess.run(
        [str(pyright), "--pythonpath", sys.executable, "--outputjson", "-p", str(cwd / "pyrightconfig.json")],
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    report = json.loads(proc.stdout)
    errors: dict[str, list[int]] = {}
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] == "error":
            errors.setdefault(Path(diagnostic["file"]).name, []).append(
                diagnostic["range"]["start"]["line"] + 1
            )
    assert report["summary"]["filesAnalyzed"] == len(paths), proc.stdout[-2000:]
    return errors


def _mypy(paths: list[Path], *flags: str) -> tuple[dict[str, list[int]], str]:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--no-warn-unused-configs",
            *flags,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    errors: dict[str, list[int]] = {}
    for name, line in re.findall(r"^(?:.*/)?([\w.]+\.py):(\d+): error", proc.stdout, re.M):
        errors.setdefault(name, []).append(int(line))
    return errors, proc.stdout


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    directory = tmp_path_factory.mktemp("seed_examples")
    paths = []
    for number, example in enumerate(extract_examples(), 1):
        path = directory / f"example_{number:02d}.py"
        path.write_text(PRELUDE + example.code, encoding="utf-8")
        paths.append(path)
    assert len(paths) >= 15
    return paths


def test_every_seed_example_passes_pyright_standard(examples: list[Path]) -> None:
    assert _pyright(examples, examples[0].parent) == {}


def test_every_seed_example_passes_mypy_strict(examples: list[Path]) -> None:
    errors, output = _mypy(examples, "--allow-untyped-defs")
    assert errors == {}, output


def test_the_sample_app_passes_pyright_standard(tmp_path: Path) -> None:
    sample = tmp_path / "sample_app_ok.py"
    sample.write_text(Path(__file__).with_name("sample_app_ok.py").read_text())
    assert _pyright([sample], tmp_path) == {}


def test_the_sample_app_passes_mypy_strict() -> None:
    errors, output = _mypy([Path(__file__).with_name("sample_app_ok.py")])
    assert errors == {}, output


def _expected(marker: str) -> list[int]:
    lines = CORPUS.read_text().splitlines()
    return [
        n
        for n, line in enumerate(lines, 1)
        if line.rstrip().endswith(tuple(f"# E: {m}" for m in marker.split("|")))
    ]


def test_pyright_catches_every_mistake_of_the_corpus(tmp_path: Path) -> None:
    copy = tmp_path / CORPUS.name
    copy.write_text(CORPUS.read_text())
    reported = sorted(set(_pyright([copy], tmp_path).get(CORPUS.name, [])))
    assert reported == _expected("both|pyright")


def test_mypy_catches_every_mistake_of_the_corpus() -> None:
    errors, output = _mypy([CORPUS])
    assert sorted(set(errors.get(CORPUS.name, []))) == _expected("both"), output
    assert 'TypedDict "Plugin" has no key "nmae"' in output  # and says which key
