"""scripts/contract_diff.py over the corpus in tests/contract/ (written by make_corpus.py).

Each corpus case compares tests/contract/base.yaml with one mutation of it (or the reverse) and
checks the exit status and that the report has a row naming the change, its verdict and place.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "contract_diff.py"
CORPUS = ROOT / "tests" / "contract"
BASE = CORPUS / "base.yaml"
SPLIT = CORPUS / "split"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("contract_diff", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contract_diff = _load_script()


@pytest.fixture(autouse=True)
def fast_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse with libyaml in the in-process cases: the same safe loader, ten times faster.

    Reading YAML is nearly all of a diff's time; the command-line tests below keep the real path.
    """
    if getattr(yaml, "__with_libyaml__", False):
        monkeypatch.setattr(yaml, "safe_load", lambda stream: yaml.load(stream, Loader=yaml.CSafeLoader))


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
    Case(
        "response_enum_value_added",
        0,
        (
            N(
                "enum value `oci` added (clients must accept values they do not know)",
                f"`GET /storages/{{pk}}/` response `200` {JSON} `$.provider`",
            ),
            N("enum value `oci` added", f"`POST /storages/` request body {JSON} `$.provider`"),
        ),
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


def diff(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    status = contract_diff.main([str(arg) for arg in argv])
    return status, capsys.readouterr().out


def table_rows(report: str) -> list[str]:
    return [line for line in report.splitlines() if line.startswith("| ") and not line.startswith("| #")]


def cells(line: str) -> list[str]:
    """The cells of a table row (`\\|` inside a cell is not a separator)."""
    return [cell.strip() for cell in line.replace("\\|", "\0").strip().strip("|").split("|")]


def breaking_rows(report: str) -> int:
    return sum(1 for line in table_rows(report) if "**breaking**" in " ".join(cells(line)[1:3]))


def assert_row(report: str, row: Row) -> None:
    wire = "**breaking**" if row.breaking else "non-breaking"
    matches = [cells(line) for line in table_rows(report) if row.message in line and row.where in line]
    assert matches, f"no row with {row.message!r} at {row.where!r} in:\n{report}"
    assert any(found[1] == wire for found in matches), f"{row.message!r} is not wire {wire}:\n{matches}"
    if row.sdk is not None:
        sdk = [found[2].startswith("**breaking**") for found in matches if found[1] == wire]
        assert row.sdk in sdk, f"{row.message!r}: SDK verdict is not {row.sdk}:\n{matches}"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_mutation(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    mutation = CORPUS / "mutations" / f"{case.mutation}.yaml"
    old, new = (mutation, BASE) if case.reverse else (BASE, mutation)
    status, report = diff(capsys, old, new)
    assert status == case.exit, report
    wire_status, _ = diff(capsys, old, new, "--level", "wire")
    assert wire_status == (case.exit if case.wire_exit is None else case.wire_exit), report
    for row in case.rows:
        assert_row(report, row)
    if not case.rows:
        assert "no changes" in report.splitlines()[0]
    breaking = breaking_rows(report)
    assert report.splitlines()[0].startswith(f"## API contract: {breaking} breaking, ") or not case.rows


def test_every_mutation_has_a_case() -> None:
    covered = {case.mutation for case in CASES}
    assert {path.stem for path in (CORPUS / "mutations").glob("*.yaml")} == covered


def test_identical_documents(capsys: pytest.CaptureFixture[str]) -> None:
    status, report = diff(capsys, BASE, BASE)
    assert status == 0
    assert report.startswith("## API contract: no changes (0 breaking, 0 non-breaking)")


def test_split_document_matches_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    status, report = diff(capsys, BASE, SPLIT / "base" / "openapi.yaml")
    assert (status, report.splitlines()[0]) == (0, "## API contract: no changes (0 breaking, 0 non-breaking)")


def test_split_document_changes(capsys: pytest.CaptureFixture[str]) -> None:
    status, report = diff(capsys, SPLIT / "base" / "openapi.yaml", SPLIT / "changed" / "openapi.yaml")
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


def test_report_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    mutation = CORPUS / "mutations" / "global_security_new_required_scheme.yaml"
    assert diff(capsys, BASE, mutation) == diff(capsys, BASE, mutation)


# --- the command line -----------------------------------------------------------------------


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    command = [sys.executable, str(SCRIPT), *map(str, args)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_cli_is_fast_and_reports_breaking() -> None:
    started = time.monotonic()
    result = run(BASE, CORPUS / "mutations" / "remove_response_field.yaml")
    assert time.monotonic() - started < 5
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("## API contract: 1 breaking, 0 non-breaking")


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


def git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    identity = [
        "-c",
        "user.name=Contract Test",
        "-c",
        "user.email=test@example.invalid",
        "-c",
        "commit.gpgsign=false",
    ]
    done = subprocess.run(
        ["git", *identity, *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


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


def split_files(variant: str) -> dict[str, Path]:
    root = SPLIT / variant
    return {f"openapi/{p.relative_to(root)}": p for p in root.rglob("*.yaml")}


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this repo's git history")
def test_base_head_on_this_repo(tmp_path: Path) -> None:
    # A clone's working tree is exactly HEAD, whatever is being edited in this one meanwhile.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--shared", str(ROOT), str(clone))
    result = run("--base", "HEAD", cwd=clone)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## API contract: no changes")
    assert "at `HEAD`" in result.stdout


def test_base_with_a_real_change(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"openapi/openapi.yaml": BASE})
    shutil.copyfile(CORPUS / "mutations" / "remove_response_field.yaml", repo / "openapi" / "openapi.yaml")
    result = run("--base", "HEAD", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert_row(
        result.stdout, B("response field `progress` removed", f"`GET /jobs/{{pk}}/` response `200` {JSON}")
    )


def test_base_with_a_split_document(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, split_files("base"))
    for target, source in split_files("changed").items():
        shutil.copyfile(source, repo / target)
    result = run("--base", "HEAD", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert_row(
        result.stdout, B("response field `level` removed", "`GET /jobs/{pk}/console_logs/` response `200`")
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
