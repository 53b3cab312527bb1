"""The CI workflow example, run locally: a repository with a target branch and a pull-request
branch of two commits, the `review` step's command as the workflow runs it, and what it publishes
(the Markdown report, the job summary, the step's status output)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.contract.common import BASE, ROOT, clean_env, git
from tests.contract.mutations import dump, mutated

WORKFLOW = ROOT / ".github" / "workflows" / "contract-review.yml"

SDK_OLD = '''"""A stand-in synapse_sdk with one documented function."""


def upload(path: str, chunk_size: int = 1) -> int:
    """Upload a file."""
    return chunk_size
'''
SDK_NEW = SDK_OLD.replace("chunk_size: int = 1) -> int", "chunk: int = 1) -> int").replace(
    "return chunk_size", "return chunk"
)


def review_step() -> dict[str, object]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["contract-review"]["steps"]
    (step,) = [step for step in steps if step.get("id") == "review"]
    return step


def make_repos(tmp_path: Path) -> Path:
    """`upstream` (main: the base document) and a clone with a PR branch of two commits."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "--quiet", "--initial-branch=main")
    # The differ itself (synapse_contract) comes from the environment, as `pip install -e .` in CI.
    (upstream / "scripts").mkdir()
    for name in ("contract_diff.py", "contract_review.sh"):
        shutil.copy2(ROOT / "scripts" / name, upstream / "scripts" / name)
    (upstream / "openapi").mkdir()
    shutil.copyfile(BASE, upstream / "openapi" / "openapi.yaml")
    (upstream / "synapse_sdk").mkdir()
    (upstream / "synapse_sdk" / "__init__.py").write_text(SDK_OLD, encoding="utf-8")
    git(upstream, "add", "--", ".")
    git(upstream, "commit", "--quiet", "-m", "base")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(upstream), str(clone))
    git(clone, "checkout", "--quiet", "-b", "feature")
    dump(mutated("remove_response_field"), clone / "openapi" / "openapi.yaml")
    git(clone, "commit", "--quiet", "-am", "drop Job.progress")
    spec = clone / "openapi" / "openapi.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "operationId: list_storages\n" in text
    spec.write_text(
        text.replace("operationId: list_storages\n", "operationId: get_storages\n"), encoding="utf-8"
    )
    (clone / "synapse_sdk" / "__init__.py").write_text(SDK_NEW, encoding="utf-8")
    git(clone, "commit", "--quiet", "-am", "rename list_storages and an argument")
    # Meanwhile main moves on: the review must diff against the merge base, not main's tip.
    (upstream / "NEWS").write_text("later work on main\n", encoding="utf-8")
    git(upstream, "add", "NEWS")
    git(upstream, "commit", "--quiet", "-m", "later")
    git(clone, "fetch", "--quiet", "origin")
    return clone


def run_step(
    clone: Path, tmp_path: Path, level: str | None = None
) -> tuple[subprocess.CompletedProcess[str], Path]:
    step = review_step()
    command = str(step["run"]).replace("${{ github.base_ref }}", "main")
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    summary.write_text("", encoding="utf-8")
    output.write_text("", encoding="utf-8")
    env = {
        **clean_env(),
        **{str(k): str(v) for k, v in dict(step.get("env") or {}).items()},
        "PYTHON": sys.executable,
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    if level:
        env["LEVEL"] = level
    done = subprocess.run(
        ["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    return done, summary


def test_review_step_publishes_the_markdown_report(tmp_path: Path) -> None:
    clone = make_repos(tmp_path)
    done, summary = run_step(clone, tmp_path)
    assert done.returncode == 1, done.stderr
    report = (clone / "contract-review.md").read_text(encoding="utf-8")
    assert summary.read_text(encoding="utf-8") == report
    assert (tmp_path / "output.txt").read_text(encoding="utf-8") == "status=1\n"
    lines = report.splitlines()
    assert lines[0] == "## API contract review"
    assert "Suggested version bump: **major**" in report
    sections = [line for line in lines if line.startswith("### ")]
    # Breaking sections first; the operation whose response lost a field, the renamed function
    # and the Python function whose argument was renamed are all there.
    assert all(s.endswith("— breaking") for s in sections[:3]), sections
    assert "### `GET /jobs/{pk}/` — breaking" in sections
    assert "### Python surface — breaking" in sections
    removed = [line for line in lines if "response field `progress` removed" in line]
    assert any(
        "wire: **breaking**" in line
        and "SDK: **breaking**" in line
        and "`paths./jobs/{pk}/.get.responses[200].content[application/json].schema.properties.progress`"
        in line
        for line in removed
    ), removed
    renamed = [line for line in lines if "operationId changed from `list_storages`" in line]
    assert renamed and "wire: ok" in renamed[0] and "SDK: **breaking**" in renamed[0]
    assert any("synapse_sdk.upload" in line and "SDK: **breaking**" in line for line in lines), report
    # Diffed against the merge base: main's later commit is not in the comparison.
    base = git(clone, "merge-base", "origin/main", "HEAD").strip()[:7]
    assert f"at `{base}`" in report


def test_review_step_at_wire_level_passes_sdk_only_breaks(tmp_path: Path) -> None:
    clone = make_repos(tmp_path)
    # Only the SDK-breaking commit on top of the merge base.
    git(clone, "reset", "--quiet", "--hard", "origin/main~1")
    dump(mutated("operation_id_renamed"), clone / "openapi" / "openapi.yaml")
    git(clone, "commit", "--quiet", "-am", "rename list_storages")
    done, _summary = run_step(clone, tmp_path, level="wire")
    assert done.returncode == 0, done.stderr
    report = (clone / "contract-review.md").read_text(encoding="utf-8")
    assert "This gate passes." in report and "Suggested version bump: **major**" in report


def test_review_step_without_a_merge_base_reports_why(tmp_path: Path) -> None:
    clone = make_repos(tmp_path)
    step = review_step()
    command = str(step["run"]).replace("${{ github.base_ref }}", "no-such-branch")
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=clone,
        env={**clean_env(), "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "no merge base" in (clone / "contract-review.md").read_text(encoding="utf-8")
