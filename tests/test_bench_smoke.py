"""`python -m benchmarks --quick` runs and prints every row of its table. Timing is never
asserted here: CI machines are too noisy for that; `make bench` is where figures are read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROWS = (
    "get_plugin median / raw",
    "get_plugin p95 / raw",
    "list_jobs dicts / raw",
    "list_jobs typed, every field read / raw",
    "typed models in process, every field read / json.loads",
    "MiB, peak RSS growth",
    "MiB, throughput / raw",
    "concurrent get_job, rate / best raw",
    "iter_jobs peak memory",
    "import clients.backend / httpx+attrs",
    "MiB, client CPU / raw",
    "harness: get_plugin median vs raw httpx",
    "harness: list_jobs dicts vs raw httpx",
    "harness: upload 8 MiB, throughput vs raw httpx",
    "harness: upload 8 MiB, client CPU vs raw httpx",
    "harness: upload 8 MiB, RSS peak growth",
    "follow logs (stream), requests / 1,000 entries",
    "follow logs (stream), bytes / log size",
    "follow logs (polling since), requests / second",
    "follow logs (polling since), bytes / log size",
    "follow logs, whole-log polling bytes / stream bytes",
    "follow logs (stream), entry lateness p95",
    "contract diff, 13 MB document / 3 s",
)


def test_quick_benchmarks_print_every_row(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.strip().startswith("httpx:") for line in lines), "machine header missing"
    for name in ROWS:
        row = [line for line in lines if name in line]
        assert len(row) == 1, f"row {name!r} missing from:\n{done.stdout}"
        assert " PASS " in row[0] or " FAIL " in row[0], row[0]
    results = json.loads(out.read_text())["results"]
    assert len(results) == len(ROWS)
    assert all({"name", "value", "goal", "met"} <= set(result) for result in results)


def test_the_shared_harness_is_run_where_it_lives_or_named_when_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks import harness

    found = harness.locate()  # beside the clone (CI: ../shared/bench), never a copy in benchmarks/
    assert not found.resolve().is_relative_to(ROOT / "benchmarks")
    assert all((found / script).is_file() for script in harness.SCRIPTS)
    monkeypatch.setenv(harness.ENV, str(tmp_path))
    with pytest.raises(RuntimeError, match=rf"not found in: {tmp_path}\. Set {harness.ENV}=<its directory>"):
        harness.locate()
