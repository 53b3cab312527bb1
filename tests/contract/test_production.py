"""The differ on a real, large document: the production backend's own OpenAPI document (933 KB,
OpenAPI 3.0.3), against itself and against a copy with the changes of tests/contract/production.py.
Fetched with `pip download` (see production.py); skipped, saying why, when that is not possible."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.contract import production
from tests.contract.common import run


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("production")
    found = production.fetch(folder)
    if isinstance(found, str):
        pytest.skip(f"the production document is not available: {found}")
    with found.open(encoding="utf-8") as fh:
        document = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert document["openapi"] == "3.0.3"
    changed = folder / "changed.json"
    changed.write_text(json.dumps(production.change(document)), encoding="utf-8")
    return found, changed


def report(*args: str | Path) -> tuple[int, dict[str, Any]]:
    result = run(*args, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""
    return result.returncode, json.loads(result.stdout)


def test_the_production_document_against_itself(documents: tuple[Path, Path]) -> None:
    status, found = report(documents[0], documents[0])
    assert (status, found["changes"], found["semver"]) == (0, [], "patch")


def test_the_production_document_against_a_changed_copy(documents: tuple[Path, Path]) -> None:
    status, found = report(*documents)
    assert status == 1
    verdicts = {
        (c["wire"]["breaking"], c["sdk"]["breaking"], c["message"].split(" (")[0]) for c in found["changes"]
    }
    probe = "`contract_probe`"
    assert verdicts == {
        (True, True, f"new required query parameter {probe}"),
        (True, True, "operation removed"),
        (True, False, f"enum value {probe} added"),  # closed: wire; the generated StrEnum keeps it
        (False, True, "named schema `AccessTokenV2Detail` removed"),
        (False, False, "new named schema `AccessTokenV2DetailRenamed`"),
        (False, False, "new response field `contract_probe_field`"),
        (False, False, "description changed"),
    }
    # Defaults written out on every query parameter: not a single row for them.
    assert not [c for c in found["changes"] if "style" in c["message"] or "explode" in c["message"]]
    assert found["semver"] == "major"
    # The shared component's change is one row listing the two operations that return it.
    enum = [c for c in found["changes"] if c["message"].startswith(f"enum value {probe}")]
    assert {c["origin"] for c in enum} == {"#/components/schemas/AssignmentV2Detail/properties/status_label"}
    assert len(enum) == 2


def test_the_terminal_report_of_the_production_diff_fits(documents: tuple[Path, Path]) -> None:
    result = run(*documents)
    assert result.returncode == 1
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
