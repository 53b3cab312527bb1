"""The three report formats on one change set: the terminal table, the Markdown review grouped by
operation (breaking first), and JSON for tools; all agree on the verdicts and the exit status."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.contract.common import BASE, SCRIPT, clean_env, run
from tests.contract.conftest import MutationFile


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory, mutation_file: MutationFile) -> Path:
    """base.yaml with a breaking change (a response field removed), an SDK-only one (an
    operationId renamed) and a harmless one (a summary)."""
    text = mutation_file("remove_response_field").read_text(encoding="utf-8")
    for old, new in (
        ("operationId: list_storages\n", "operationId: get_storages\n"),
        ("summary: Create a plugin.\n", "summary: Create a plugin (a new one).\n"),
    ):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path_factory.mktemp("formats") / "changed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_report(changed: Path) -> None:
    result = run(BASE, changed, "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert (report["level"], report["exit_status"], report["semver"]) == ("all", 1, "major")
    removed = [c for c in report["changes"] if c["message"] == "response field `progress` removed"]
    assert {c["operation"] for c in removed} == {"GET /jobs/", "GET /jobs/{pk}/", "PATCH /jobs/{pk}/"}
    assert all(c["wire"]["breaking"] and c["sdk"]["breaking"] for c in removed)
    assert all(c["origin"] == "#/components/schemas/Job/properties/progress" for c in removed)
    (renamed,) = [c for c in report["changes"] if c["message"].startswith("operationId changed")]
    assert renamed["wire"] == {"breaking": False, "reason": None}
    assert renamed["sdk"]["breaking"] is True
    assert renamed["pointer"] == "paths./storages/.get.operationId"
    assert report["summary"]["wire"] == 1  # one row: the shared component's change, grouped


def test_level_decides_the_exit_status(changed: Path, tmp_path: Path) -> None:
    only_sdk = tmp_path / "sdk.yaml"
    text = BASE.read_text(encoding="utf-8").replace(
        "operationId: list_storages\n", "operationId: get_storages\n"
    )
    only_sdk.write_text(text, encoding="utf-8")
    assert [run(BASE, only_sdk, "--level", level).returncode for level in ("wire", "sdk", "all")] == [0, 1, 1]
    assert [run(BASE, changed, "--level", level).returncode for level in ("wire", "sdk", "all")] == [1, 1, 1]


def test_markdown_groups_by_operation_breaking_first(changed: Path) -> None:
    result = run(BASE, changed, "--format", "markdown")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    sections = [line for line in lines if line.startswith("### ")]
    flagged = [s.endswith(" — breaking") for s in sections]
    assert flagged == sorted(flagged, reverse=True), sections  # every breaking section before the rest
    assert "### `GET /storages/` — breaking" in sections
    assert "### `POST /plugins/`" in sections  # the summary change: last, not breaking
    assert sections[-1] == "### `POST /plugins/`"
    start = lines.index("### `GET /storages/` — breaking")
    body = [*lines[start + 2 :], ""]
    body = body[: body.index("")]
    assert body[0].startswith("- 🟢 wire: ok · 🔴 SDK: **breaking** — operationId changed")
    assert body[0].endswith("`paths./storages/.get.operationId`")
    assert body[1] == (
        "  - SDK: generated function `synapse_api.api.storages.list_storages` becomes "
        "`synapse_api.api.storages.get_storages`"
    )


def test_terminal_report_fits_the_width_and_is_plain_in_a_pipe(changed: Path) -> None:
    for columns in (60, 80, 132):
        result = run(BASE, changed, env={**clean_env(), "COLUMNS": str(columns)})
        assert result.returncode == 1
        lines = result.stdout.splitlines()
        assert max(map(len, lines)) <= columns, "\n".join(line for line in lines if len(line) > columns)
        assert "\x1b[" not in result.stdout  # a pipe: no colour
    header = next(line for line in lines if line.lstrip().startswith("#"))
    assert header.split() == ["#", "Wire", "SDK", "Change"]
    # Each row: number, the two verdicts, the change; below it its places, component, SDK reason.
    start = next(i for i, line in enumerate(lines) if "operationId changed" in line)
    assert lines[start].split()[:3] == [lines[start].split()[0], "ok", "breaking"]
    column = lines[start].index("operationId")
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if line[:column].strip():
            break
        block.append(line)
    text = " ".join(line[column:] for line in block)
    assert "`GET /storages/` operationId" in text
    assert "SDK: generated function `synapse_api.api.storages.list_storages` becomes" in text
    removed = next(line for line in lines if "response field `progress` removed" in line)
    assert removed.split()[1:3] == ["breaking", "breaking"]
    assert lines[0].startswith("API contract: 2 breaking, 1 non-breaking")


def test_terminal_report_in_a_terminal_is_coloured_and_wrapped(changed: Path, tmp_path: Path) -> None:
    """In a real terminal (tmux, 70 columns): ANSI colours, no line wider than the pane."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    session = f"contract-{os.getpid()}"
    done = tmp_path / "done"
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in (("NO_COLOR", ""), ("COLUMNS", "")))
    command = (
        f"env {env} TERM=xterm-256color {shlex.quote(sys.executable)} {shlex.quote(str(SCRIPT))} "
        f"{shlex.quote(str(BASE))} {shlex.quote(str(changed))}; touch {shlex.quote(str(done))}; sleep 60"
    )
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "70", "-y", "80", command], check=True)
    try:
        for _ in range(600):
            if done.exists():
                break
            time.sleep(0.1)
        assert done.exists(), "the report did not finish in the terminal"
        coloured = subprocess.run(
            ["tmux", "capture-pane", "-p", "-e", "-t", session], capture_output=True, text=True, check=True
        ).stdout
        plain = subprocess.run(
            ["tmux", "capture-pane", "-p", "-J", "-t", session], capture_output=True, text=True, check=True
        ).stdout
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    assert "\x1b[" in coloured and "breaking" in coloured
    assert plain.splitlines()[0].startswith("API contract: 2 breaking")
    assert max(len(line) for line in plain.splitlines()) <= 70


def test_unchanged_markdown_says_so() -> None:
    result = run(BASE, BASE, "--format", "markdown")
    assert result.returncode == 0
    assert "No change to the contract. Suggested version bump: **patch**." in result.stdout
