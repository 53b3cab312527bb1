"""The three report formats on one change set: the terminal table, the Markdown review grouped by
operation (breaking first), and JSON for tools; all agree on the verdicts and the exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.contract.common import BASE, run
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


def test_terminal_table_has_both_verdicts(changed: Path) -> None:
    result = run(BASE, changed)
    assert result.returncode == 1
    assert "| # | Wire | SDK | Change | Where | Defined in |" in result.stdout
    row = next(line for line in result.stdout.splitlines() if "operationId changed" in line)
    assert "| non-breaking | **breaking**: generated function" in row


def test_unchanged_markdown_says_so() -> None:
    result = run(BASE, BASE, "--format", "markdown")
    assert result.returncode == 0
    assert "No change to the contract. Suggested version bump: **patch**." in result.stdout
