"""The OpenAPI document passes the repo's linters, as `make lint` runs them.

Spectral comes from node_modules (`npm ci`, run by `make setup` and CI); without it the Spectral
tests are skipped with that reason, the validator test still runs.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "openapi" / "openapi.yaml"
RULESET = ROOT / "openapi" / ".spectral.yaml"
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"

needs_spectral = pytest.mark.skipif(
    not SPECTRAL.exists(), reason="node_modules/.bin/spectral is missing: run `make setup` (npm ci)"
)


def spectral(document: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [str(SPECTRAL), "lint", "--fail-severity=warn", "--ruleset", str(RULESET), *extra]
    command.append(str(document))
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def test_openapi_spec_validator() -> None:
    command = [sys.executable, "-m", "openapi_spec_validator", str(DOCUMENT)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_spectral
def test_spectral_lint() -> None:
    result = spectral(DOCUMENT)
    assert result.returncode == 0, f"spectral found problems:\n{result.stdout}{result.stderr}"


def _break(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of the document with one violation for each of our own rules."""
    broken = copy.deepcopy(document)
    listing = broken["paths"]["/storages/"]["get"]
    listing["operationId"] = "listStorages"
    listing["tags"] = ["undeclared"]
    del listing["summary"]
    creating = broken["paths"]["/storages/"]["post"]["responses"]
    for status in [s for s in creating if str(s).startswith("4")]:
        del creating[status]
    schemas = broken["components"]["schemas"]
    del schemas["Storage"]["description"]
    del schemas["Storage"]["properties"]["created"]["description"]
    schemas["Job"]["example"]["progress"] = "forty"
    return broken


@needs_spectral
def test_ruleset_catches_violations(tmp_path: Path) -> None:
    with DOCUMENT.open(encoding="utf-8") as fh:
        document = yaml.safe_load(fh)
    broken = tmp_path / "openapi.yaml"
    broken.write_text(yaml.safe_dump(_break(document), sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = spectral(broken, "--format", "json", "--quiet")
    assert result.returncode == 1
    found = {(item["code"], ".".join(map(str, item["path"]))) for item in json.loads(result.stdout)}
    expected = {
        ("operation-id-snake-case", "paths./storages/.get.operationId"),
        ("operation-tag-defined", "paths./storages/.get.tags.0"),
        ("operation-summary", "paths./storages/.get"),
        ("operation-4xx-response", "paths./storages/.post.responses"),
        ("operation-429-response", "paths./storages/.post.responses"),
        ("schema-description", "components.schemas.Storage"),
        ("schema-property-description", "components.schemas.Storage.properties.created"),
        ("oas3-valid-schema-example", "components.schemas.Job.example.progress"),
    }
    assert expected <= found, sorted(found)
