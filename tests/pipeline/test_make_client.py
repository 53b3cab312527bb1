"""`make client`: fails on any generator warning, and writes nothing then."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts import generate

ROOT = Path(__file__).resolve().parents[2]


def test_a_generator_warning_fails_and_leaves_the_tree_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())
    # An XML-only answer is something the generator skips with a warning.
    document["paths"]["/plugins/{pk}/"]["get"]["responses"]["200"]["content"] = {
        "application/xml": {"schema": {"type": "string"}}
    }
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(document, allow_unicode=True))
    monkeypatch.setattr(generate, "SPEC", spec)
    with pytest.raises(SystemExit, match="nothing was written"):
        generate.generate_package(tmp_path)


def test_generation_is_reproducible_and_matches_the_committed_package(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = generate.generate_package(tmp_path / "one")
    second = generate.generate_package(tmp_path / "two")
    files = sorted(p.relative_to(first) for p in first.rglob("*.py"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.py"))
    for name in files:
        assert (
            (first / name).read_bytes()
            == (second / name).read_bytes()
            == (ROOT / "generated" / "synapse_api" / name).read_bytes()
        ), name
