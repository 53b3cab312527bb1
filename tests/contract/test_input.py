"""What the differ reads: any valid JSON or YAML document; a broken one is refused with the file,
the line and the reason, exit status 2, and no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.contract.common import BASE, run


def minimal(title: str = "t") -> dict[str, object]:
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1"},
        "paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok"}}}}},
    }


def test_json_surrogate_pair_escape_is_read(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    old.write_text(json.dumps(minimal()), encoding="utf-8")
    # json.dumps writes the rocket as the escape pair "\ud83d\ude80", which YAML loaders refuse.
    new.write_text(json.dumps(minimal("launch \U0001f680")), encoding="utf-8")
    assert "\\ud83d\\ude80" in new.read_text(encoding="utf-8")
    result = run(old, new)
    assert result.returncode == 0, result.stderr
    assert "no changes" in result.stdout.splitlines()[0]


def test_json_and_yaml_of_the_same_document_compare_equal(tmp_path: Path) -> None:
    as_json = tmp_path / "base.json"
    as_json.write_text(json.dumps(yaml.safe_load(BASE.read_text(encoding="utf-8"))), encoding="utf-8")
    result = run(BASE, as_json)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("API contract: no changes")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("bom.json", "\ufeff" + json.dumps(minimal())),
        ("flow.yaml", "{openapi: 3.0.3, info: {title: t, version: '1'}, paths: {}}\n"),  # YAML, not JSON
        ("anchors.yaml", "openapi: 3.0.3\ninfo: &i {title: t, version: '1'}\nx-copy: *i\npaths: {}\n"),
        ("noext", json.dumps(minimal())),
        ("tags.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-ref: !Ref {a: 1}\npaths: {}\n"),
    ],
    ids=["json-with-bom", "yaml-flow-style", "yaml-anchors", "json-without-suffix", "yaml-custom-tag"],
)
def test_any_valid_document_is_accepted(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run(path, path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "text", "where", "reason"),
    [
        ("broken.json", '{\n  "openapi": "3.0.3",\n  "paths": {,}\n}\n', ":3:13:", "invalid JSON"),
        ("broken.yaml", "openapi: 3.0.3\ninfo:\n  title: [unclosed\npaths: {}\n", ":4:", "invalid YAML"),
        ("tabs.yaml", "openapi: 3.0.3\npaths:\n\t/a: {}\n", ":3:", "invalid YAML"),
        ("latin1.yaml", None, ":2:", "not UTF-8"),
        ("empty.yaml", "", "empty.yaml", "the top level is empty"),
        ("list.json", "[1, 2]", "list.json", "the top level is a list"),
    ],
    ids=["json", "yaml", "yaml-tab", "not-utf8", "empty", "not-a-mapping"],
)
def test_broken_file_is_refused_with_file_line_and_reason(
    tmp_path: Path, name: str, text: str | None, where: str, reason: str
) -> None:
    path = tmp_path / name
    if text is None:
        path.write_bytes(b"openapi: 3.0.3\ninfo: {title: caf\xe9}\n")
    else:
        path.write_text(text, encoding="utf-8")
    result = run(BASE, path)
    assert result.returncode == 2, result.stdout
    assert f"{path}{where}" in result.stderr if where.startswith(":") else where in result.stderr, (
        result.stderr
    )
    assert reason in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_file_is_refused_in_markdown_and_json_formats_too(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    for fmt in ("markdown", "json"):
        result = run(BASE, path, "--format", fmt)
        assert result.returncode == 2
        assert f"{path}:1:2: invalid JSON" in result.stderr
        assert result.stdout == ""
