"""The differ over the mutation cases: base.yaml against each change in tests/contract/mutations.py
(or the reverse), checking the exit status and that the report has a row naming the change, its
verdict and its place."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.contract import mutations
from tests.contract.common import BASE, ROOT, git, main, run
from tests.contract.conftest import MutationFile


@dataclass(frozen=True)
class Row:
    breaking: bool  # the wire verdict: does a deployed client break?
    message: str
    where: str
    sdk: bool | None = None  # the SDK verdict, where the case pins it


@dataclass(frozen=True)
class Case:
    mutation: str
    exit: int
    rows: tuple[Row, ...]
    reverse: bool = False  # compare the mutation (old) with the base (new)
    wire_exit: int | None = None  # exit status with --level wire, when it differs from `exit` (--level all)

    @property
    def id(self) -> str:
        return f"{self.mutation}-reversed" if self.reverse else self.mutation


def B(message: str, where: str) -> Row:
    return Row(True, message, where)


def N(message: str, where: str) -> Row:
    return Row(False, message, where)


def S(message: str, where: str) -> Row:
    """Deployed clients keep working; Python code using the regenerated package breaks."""
    return Row(False, message, where, sdk=True)


JSON = "`application/json`"
CASES = [
    # --- breaking ---------------------------------------------------------------------------
    Case("remove_operation", 1, (B("operation removed", "`PUT /plugins/{pk}/` operation"),)),
    Case(
        "remove_response_field",
        1,
        (
            B("response field `progress` removed", f"`GET /jobs/{{pk}}/` response `200` {JSON} `$.progress`"),
            # Job is a shared component: every operation that returns it is listed.
            B(
                "response field `progress` removed",
                f"`GET /jobs/` response `200` {JSON} `$.results[].progress`",
            ),
            B(
                "response field `progress` removed",
                f"`PATCH /jobs/{{pk}}/` response `200` {JSON} `$.progress`",
            ),
        ),
    ),
    Case(
        "rename_response_field",
        1,
        (
            B("response field `name` removed", f"`GET /storages/{{pk}}/` response `200` {JSON} `$.name`"),
            N(
                "new response field `storage_name`",
                f"`GET /storages/{{pk}}/` response `200` {JSON} `$.storage_name`",
            ),
        ),
    ),
    Case(
        "request_field_made_required",
        1,
        (B("request field `status` made required", f"`PATCH /jobs/{{pk}}/` request body {JSON} `$.status`"),),
    ),
    Case(
        "new_required_request_field",
        1,
        (
            B(
                "new required request field `mode`",
                f"`POST /plugins/{{pk}}/run/` request body {JSON} `$.mode`",
            ),
        ),
    ),
    Case(
        "new_required_parameter",
        1,
        (
            B(
                "new required query parameter `organization`",
                "`GET /storages/` query parameter `organization`",
            ),
        ),
    ),
    Case(
        "optional_parameter_made_required",
        1,
        (B("query parameter `plugin` made required", "`GET /jobs/` query parameter `plugin`"),),
    ),
    Case(
        "response_field_type_changed",
        1,
        (
            B(
                "type changed from `integer` to `string`",
                f"`GET /jobs/{{pk}}/` response `200` {JSON} `$.user`",
            ),
        ),
    ),
    Case(
        "request_field_type_changed",
        1,
        (
            B(
                "type changed from `integer` to `string`",
                f"`PATCH /jobs/{{pk}}/` request body {JSON} `$.progress`",
            ),
        ),
    ),
    Case(
        "path_parameter_type_changed",
        1,
        # The value travels as text, which a string accepts; the generated argument's type changes.
        (S("type changed from `integer` to `string`", "`GET /storages/{pk}/` path parameter `pk`"),),
        wire_exit=0,
    ),
    Case(
        "query_parameter_type_changed",
        1,
        (S("type changed from `integer` to `string`", "`GET /jobs/` query parameter `user`"),),
        wire_exit=0,
    ),
    Case(
        "request_enum_value_removed",
        1,
        (
            B("enum value `external` removed", f"`POST /storages/` request body {JSON} `$.category`"),
            N(
                "enum value `external` removed (no longer sent)",
                f"`GET /storages/{{pk}}/` response `200` {JSON}",
            ),
        ),
    ),
    Case("parameter_enum_value_removed", 1, (B("`SUCCEEDED`", "`GET /jobs/` query parameter `status`"),)),
    Case(
        "response_status_removed",
        1,
        # An error status no longer documented: deployed clients receive nothing new; the
        # regenerated function stops parsing it.
        (S("response status `404` removed", "`GET /plugins/{pk}/` response `404`"),),
        wire_exit=0,
    ),
    Case(
        "operation_security_changed",
        1,
        (B("clients sending only `LegacyToken` or `AgentToken` are rejected", "`GET /jobs/` security"),),
    ),
    Case(
        "global_security_new_required_scheme",
        1,
        (B("clients sending only `AccessToken` or `LegacyToken` are rejected", "`GET /storages/` security"),),
    ),
    Case(
        "security_scheme_header_renamed",
        1,
        (
            B(
                "security scheme `AccessToken` changed (`name` `Synapse-Access-Token` → `X-Synapse-Token`)",
                "`GET /jobs/` security",
            ),
        ),
    ),
    Case(
        "unauthenticated_operation_now_needs_auth",
        1,
        (B("calls without credentials are rejected", "`POST /agents/{token}/connect/` security"),),
    ),
    Case(
        "request_max_length_tightened",
        1,
        (B("`maxLength` tightened: `none` → `10`", f"`POST /storages/` request body {JSON} `$.name`"),),
    ),
    Case(
        "parameter_maximum_tightened",
        1,
        (B("`maximum` tightened: `10000` → `100`", "`GET /storages/` query parameter `page_size`"),),
    ),
    Case(
        "request_minimum_tightened",
        1,
        (
            B(
                "`minimum` tightened: `1` → `10`",
                "`POST /plugin_releases/` request body `multipart/form-data` `$.plugin`",
            ),
        ),
    ),
    Case(
        "request_content_type_removed",
        1,
        (B("request content type `application/json` removed", "`POST /plugins/` request body"),),
    ),
    Case(
        "response_content_type_removed",
        1,
        (B("response content type `text/html` removed", "`GET /jobs/` response `5XX`"),),
    ),
    Case(
        "operation_id_renamed",
        1,
        (S("operationId changed from `list_storages` to `get_storages`", "`GET /storages/` operationId"),),
        wire_exit=0,
    ),
    Case(
        "parameter_moved_to_header",
        1,
        (B("parameter `plugin` moved from `query` to `header`", "`GET /jobs/`"),),
    ),
    Case(
        "parameter_renamed",
        1,
        (
            B("query parameter `user` removed", "`GET /jobs/` query parameter `user`"),
            N("new optional query parameter `user_id`", "`GET /jobs/` query parameter `user_id`"),
        ),
    ),
    Case(
        "response_field_made_nullable",
        1,
        (
            B(
                "now nullable (clients may receive null)",
                f"`GET /storages/{{pk}}/` response `200` {JSON} `$.name`",
            ),
        ),
    ),
    Case(
        "response_field_made_optional",
        1,
        (
            B(
                "response field `provider` made optional",
                f"`GET /storages/{{pk}}/` response `200` {JSON} `$.provider`",
            ),
        ),
    ),
    Case(
        "array_item_field_type_changed",
        1,
        (
            B(
                "type changed from `string` to `integer`",
                f"`GET /jobs/{{pk}}/console_logs/` response `200` {JSON} `$[].level`",
            ),
            B(
                "type changed from `string` to `integer`",
                f"`GET /jobs/{{pk}}/` response `200` {JSON} `$.logs[].level`",
            ),
        ),
    ),
    Case(
        "response_variant_added",
        1,
        (
            B(
                "variant `string` added to `oneOf`",
                f"`GET /plugin_releases/{{pk}}/` response `200` {JSON} `$.plugin`",
            ),
        ),
    ),
    Case(
        "request_variant_removed",
        1,
        (
            B("variant `string` removed from `oneOf`", "`GET /jobs/{pk}/` path parameter `pk`"),
            N("variant `string` removed from `oneOf`", f"`GET /jobs/{{pk}}/` response `200` {JSON} `$.id`"),
        ),
    ),
    Case(
        "response_header_removed",
        1,
        (B("response header `Retry-After` removed", "`GET /jobs/` response `429`"),),
    ),
    Case(
        "request_format_changed",
        1,
        (B("format changed: `date-time` → `date`", "`GET /jobs/` query parameter `created_after`"),),
    ),
    Case("first_tag_changed", 1, (S("its module moves", "`POST /plugin_releases/` tags"),), wire_exit=0),
    Case(
        "named_schema_renamed",
        1,
        (
            S("named schema `Configuration` removed", "components.schemas"),
            N("new named schema `PluginConfiguration`", "components.schemas"),
        ),
        wire_exit=0,
    ),
    Case(
        "response_enum_value_added",
        1,
        (
            # base.yaml keeps StorageProvider closed (a plain enum): clients that check the value
            # reject `oci`. The generated StrEnum keeps unknown values (`_missing_`): SDK ok.
            Row(
                True,
                "enum value `oci` added (the enum is closed",
                f"`GET /storages/{{pk}}/` response `200` {JSON} `$.provider`",
                sdk=False,
            ),
            N("enum value `oci` added", f"`POST /storages/` request body {JSON} `$.provider`"),
        ),
    ),
    # The reverse of a widening is a narrowing.
    Case(
        "request_field_made_nullable",
        1,
        (B("no longer nullable", f"`PATCH /jobs/{{pk}}/` request body {JSON} `$.progress`"),),
        reverse=True,
    ),
    Case(
        "new_optional_parameter",
        1,
        (B("query parameter `name` removed", "`GET /storages/` query parameter `name`"),),
        reverse=True,
    ),
    Case(
        "request_type_widened",
        1,
        (
            B(
                "type changed from `[integer, string]` to `integer`",
                "`POST /plugin_releases/` request body `multipart/form-data` `$.plugin`",
            ),
        ),
        reverse=True,
    ),
    Case(
        "new_security_alternative",
        1,
        (B("clients sending only `AgentToken` are rejected", "`GET /storages/` security"),),
        reverse=True,
    ),
    Case(
        "new_response_content_type",
        1,
        (B("response content type `text/plain` removed", "`GET /jobs/{pk}/console_logs/` response `200`"),),
        reverse=True,
    ),
    # --- non-breaking -----------------------------------------------------------------------
    Case(
        "new_optional_request_field",
        0,
        (N("new optional request field `note`", f"`PATCH /jobs/{{pk}}/` request body {JSON} `$.note`"),),
    ),
    Case(
        "new_response_field",
        0,
        (N("new response field `queue`", f"`GET /jobs/{{pk}}/` response `200` {JSON} `$.queue`"),),
    ),
    Case("new_operation", 0, (N("new operation", "`DELETE /storages/{pk}/` operation"),)),
    Case(
        "new_optional_parameter",
        0,
        (N("new optional query parameter `name`", "`GET /storages/` query parameter `name`"),),
    ),
    Case("new_response_status", 0, (N("new response status `410`", "`GET /jobs/{pk}/` response `410`"),)),
    Case(
        "descriptions_changed",
        0,
        (
            N("description changed", f"`GET /jobs/{{pk}}/` response `200` {JSON} `$`"),
            N("summary changed", "`GET /jobs/` summary"),
            N("query parameter `user`: description changed", "`GET /jobs/` query parameter `user`"),
        ),
    ),
    Case(
        "request_field_made_optional",
        0,
        (
            N(
                "request field `version` made optional",
                "`POST /plugin_releases/` request body `multipart/form-data` `$.version`",
            ),
        ),
    ),
    Case(
        "optional_request_field_removed",
        1,
        # The server ignores it; the generated model loses the constructor argument.
        (S("request field `metadata` removed", f"`PATCH /jobs/{{pk}}/` request body {JSON} `$.metadata`"),),
        wire_exit=0,
    ),
    Case(
        "request_maximum_relaxed",
        0,
        (N("`maximum` relaxed: `10000` → `50000`", "`GET /storages/` query parameter `page_size`"),),
    ),
    Case(
        "request_field_made_nullable",
        0,
        (N("now nullable", f"`PATCH /jobs/{{pk}}/` request body {JSON} `$.progress`"),),
    ),
    Case(
        "request_type_widened",
        0,
        (
            N(
                "type changed from `integer` to `[integer, string]`",
                "`POST /plugin_releases/` request body `multipart/form-data` `$.plugin`",
            ),
        ),
    ),
    Case(
        "response_field_now_required",
        0,
        (
            N(
                "response field `status` now always present",
                f"`GET /jobs/{{pk}}/` response `200` {JSON} `$.status`",
            ),
        ),
    ),
    Case(
        "new_response_content_type",
        0,
        (N("new response content type `text/plain`", "`GET /jobs/{pk}/console_logs/` response `200`"),),
    ),
    Case("operation_deprecated", 0, (N("deprecated", "`GET /plugin_releases/{pk}/` operation"),)),
    Case("new_security_alternative", 0, (N("`AgentToken`", "`GET /storages/` security"),)),
    Case("refactor_inlined_reference", 0, ()),
]


def diff(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, dict[str, Any]]:
    """Exit status and the JSON report (the verdicts the terminal and Markdown reports render)."""
    status = main([*map(str, argv), "--format", "json"])
    return status, json.loads(capsys.readouterr().out)


def assert_row(report: dict[str, Any], row: Row) -> None:
    places = [
        (f"`{c['operation']}` {c['location']}" if c["operation"] else c["location"], c)
        for c in report["changes"]
    ]
    matches = [c for where, c in places if row.message in c["message"] and row.where in where]
    assert matches, (
        f"no change {row.message!r} at {row.where!r} in:\n{json.dumps(report['changes'], indent=1)}"
    )
    wire = [c for c in matches if c["wire"]["breaking"] is row.breaking]
    assert wire, f"{row.message!r} is not wire breaking={row.breaking}:\n{matches}"
    if row.sdk is not None:
        assert row.sdk in [c["sdk"]["breaking"] for c in wire], (
            f"{row.message!r}: SDK verdict is not {row.sdk}:\n{wire}"
        )


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_mutation(case: Case, capsys: pytest.CaptureFixture[str], mutation_file: MutationFile) -> None:
    mutation = mutation_file(case.mutation)
    old, new = (mutation, BASE) if case.reverse else (BASE, mutation)
    status, report = diff(capsys, old, new)
    assert status == case.exit, report
    wire_status, _ = diff(capsys, old, new, "--level", "wire")
    assert wire_status == (case.exit if case.wire_exit is None else case.wire_exit), report
    for row in case.rows:
        assert_row(report, row)
    if not case.rows:
        assert report["changes"] == [] and report["semver"] == "patch"
    assert (report["summary"]["breaking"] > 0) == (case.exit == 1)


def test_every_mutation_has_a_case() -> None:
    assert set(mutations.MUTATIONS) == {case.mutation for case in CASES}


def test_identical_documents(capsys: pytest.CaptureFixture[str]) -> None:
    status, report = diff(capsys, BASE, BASE)
    assert (status, report["changes"], report["summary"]["rows"]) == (0, [], 0)


def test_split_document_matches_bundled(
    capsys: pytest.CaptureFixture[str], split_pair: tuple[Path, Path]
) -> None:
    status, report = diff(capsys, BASE, split_pair[0])
    assert (status, report["changes"]) == (0, [])


def test_split_document_changes(capsys: pytest.CaptureFixture[str], split_pair: tuple[Path, Path]) -> None:
    status, report = diff(capsys, *split_pair)
    assert status == 1
    assert_row(
        report,
        B("query parameter `created_after` made required", "`GET /jobs/` query parameter `created_after`"),
    )
    assert_row(
        report,
        B(
            "response field `level` removed",
            f"`GET /jobs/{{pk}}/console_logs/` response `200` {JSON} `$[].level`",
        ),
    )


def test_report_is_deterministic(capsys: pytest.CaptureFixture[str], mutation_file: MutationFile) -> None:
    mutation = mutation_file("global_security_new_required_scheme")
    assert diff(capsys, BASE, mutation) == diff(capsys, BASE, mutation)


# --- the command line -----------------------------------------------------------------------


def test_cli_reports_breaking(mutation_file: MutationFile) -> None:
    result = run(BASE, mutation_file("remove_response_field"), "--format", "markdown")
    assert result.returncode == 1, result.stderr
    assert "**3 breaking** of 3 changes" in result.stdout  # one component change, at three places


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (None, "no such file"),
        ("openapi: 3.1.0\npaths: {a: [}\n", "invalid YAML"),
        ("just: a mapping\n", "not an OpenAPI 3 document"),
        ("openapi: 3.1.0\npaths:\n  /a:\n    $ref: '#/nowhere'\n", "unresolvable $ref"),
    ],
    ids=["missing", "invalid-yaml", "not-openapi", "bad-ref"],
)
def test_unusable_input_exits_2(tmp_path: Path, content: str | None, error: str) -> None:
    new = tmp_path / "new.yaml"
    if content is not None:
        new.write_text(content, encoding="utf-8")
    result = run(BASE, new)
    assert result.returncode == 2
    assert error in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run(BASE, BASE, "--base", "HEAD").returncode == 2


# --- --base REF -------------------------------------------------------------------------------


def make_repo(tmp_path: Path, files: dict[str, Path]) -> Path:
    """A git repo whose first commit holds `files` (repo path -> source file)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet")
    (repo / "README.md").write_text("test repo\n", encoding="utf-8")
    for target, source in files.items():
        (repo / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, repo / target)
    git(repo, "add", "--", ".")
    git(repo, "commit", "--quiet", "-m", "initial")
    return repo


def split_files(entry: Path) -> dict[str, Path]:
    root = entry.parent
    return {f"openapi/{p.relative_to(root)}": p for p in root.rglob("*.yaml")}


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this repo's git history")
def test_base_head_on_this_repo(tmp_path: Path) -> None:
    # A clone's working tree is exactly HEAD, whatever is being edited in this one meanwhile.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--shared", str(ROOT), str(clone))
    result = run("--base", "HEAD", cwd=clone)
    assert result.returncode == 0, result.stderr
    assert "no changes" in result.stdout.splitlines()[0]
    assert "at `HEAD`" in result.stdout


def test_base_with_a_real_change(tmp_path: Path, mutation_file: MutationFile) -> None:
    repo = make_repo(tmp_path, {"openapi/openapi.yaml": BASE})
    shutil.copyfile(mutation_file("remove_response_field"), repo / "openapi" / "openapi.yaml")
    result = run("--base", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert_row(
        json.loads(result.stdout),
        B("response field `progress` removed", f"`GET /jobs/{{pk}}/` response `200` {JSON}"),
    )


def test_base_with_a_split_document(tmp_path: Path, split_pair: tuple[Path, Path]) -> None:
    repo = make_repo(tmp_path, split_files(split_pair[0]))
    for target, source in split_files(split_pair[1]).items():
        shutil.copyfile(source, repo / target)
    result = run("--base", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert_row(
        json.loads(result.stdout),
        B("response field `level` removed", "`GET /jobs/{pk}/console_logs/` response `200`"),
    )


def test_base_where_the_document_did_not_exist(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {})
    (repo / "openapi").mkdir()
    shutil.copyfile(BASE, repo / "openapi" / "openapi.yaml")
    result = run("--base", "HEAD", cwd=repo)
    assert result.returncode == 2
    assert "openapi/openapi.yaml did not exist at HEAD" in result.stderr
    assert "Traceback" not in result.stderr


def test_base_unknown_ref(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"openapi/openapi.yaml": BASE})
    result = run("--base", "no-such-branch", cwd=repo)
    assert result.returncode == 2
    assert "not a commit" in result.stderr
