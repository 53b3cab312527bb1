"""The SDK verdict of `--base`: only the public Python surface counts (documented modules, their
`__all__`, every public module of synapse_api); internals are a note. Runs are independent: several
at once on one repository, and a failing run, leave no branch, worktree or temporary file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from synapse_contract.pysurface import PUBLIC_MODULES
from tests.contract.common import BASE, ROOT, SCRIPT, clean_env, git, run

V1 = {
    "synapse_sdk/__init__.py": '__all__ = ["Client", "connect"]\n\nfrom .clients.backend import Client\n\n\n'
    "def connect(url: str, timeout: float = 1.0) -> Client:\n    return Client()\n",
    "synapse_sdk/clients/__init__.py": "",
    "synapse_sdk/clients/backend.py": '__all__ = ["Client"]\n\nfrom .integration import IntegrationClientMixin\n\n\n'
    "class Client(IntegrationClientMixin):\n    pass\n",
    "synapse_sdk/clients/integration.py": "import logging\nfrom typing import Callable, TypeVar\n\n"
    'log = logging.getLogger("synapse_sdk")\nT = TypeVar("T")\nJobCallback = Callable[[dict], None]\n\n\n'
    "class IntegrationClientMixin:\n"
    "    def get_plugin(self, pk: int, *, expand: bool = False) -> dict[str, object]:\n        return {}\n\n"
    "    def _walk(self, page: int) -> None:\n        pass\n",
    "synapse_sdk/clients/_base.py": "def send(request: object) -> None:\n    pass\n",
    "synapse_sdk/devserver/__init__.py": '__all__ = ["DevServer"]\n\nfrom .server import DevServer\n',
    "synapse_sdk/devserver/server.py": "class Route:\n    def __init__(self, path: str) -> None:\n        self.path = path\n\n\n"
    "class DevServer:\n    def start(self) -> None:\n        pass\n",
    "synapse_sdk/testing.py": "import pytest\n\n\n@pytest.fixture\ndef synapse_devserver() -> None:\n    pass\n",
    "synapse_sdk/clients/jobs.py": '__all__ = ["TERMINAL", "is_terminal"]\n\nTERMINAL = frozenset({"done"})\n\n\n'
    "def is_terminal(status: str) -> bool:\n    return status in TERMINAL\n",
}

# Internals only: methods moved to a private per-resource mixin (as the clients restructure does),
# with the module's own logger, TypeVar and alias (it has no `__all__`); a private module gone, a
# class of the local backend removed, a fixture's parameters changed.
V2_INTERNAL = {
    **V1,
    "synapse_sdk/clients/integration.py": "from .resources.plugins import PluginsMixin\n\n\n"
    "class IntegrationClientMixin(PluginsMixin):\n    pass\n",
    "synapse_sdk/clients/resources/__init__.py": "",
    "synapse_sdk/clients/resources/plugins.py": "class PluginsMixin:\n"
    "    def get_plugin(self, pk: int, *, expand: bool = False) -> dict[str, object]:\n        return {}\n",
    "synapse_sdk/clients/_base.py": None,
    "synapse_sdk/devserver/server.py": "class DevServer:\n    def start(self) -> None:\n        pass\n",
    "synapse_sdk/testing.py": "import pytest\n\n\n@pytest.fixture\n"
    "def synapse_devserver(request: pytest.FixtureRequest) -> None:\n    pass\n",
}

# What users see: an argument of a public method renamed, a name gone from `__all__`.
V2_PUBLIC = {
    **V1,
    "synapse_sdk/__init__.py": V1["synapse_sdk/__init__.py"].replace('"Client", "connect"', '"Client"'),
    "synapse_sdk/clients/integration.py": V1["synapse_sdk/clients/integration.py"].replace(
        "expand: bool", "expanded: bool"
    ),
    # A constant `__all__` exports is public: renaming it breaks `from ... import TERMINAL`.
    "synapse_sdk/clients/jobs.py": V1["synapse_sdk/clients/jobs.py"].replace("TERMINAL", "TERMINAL_STATUSES"),
}


def write(repo: Path, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def make_repo(tmp_path: Path, files: dict[str, str | None] = V1) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    (repo / "openapi").mkdir()
    shutil.copyfile(BASE, repo / "openapi" / "openapi.yaml")
    write(repo, files)
    git(repo, "add", "--", ".")
    git(repo, "commit", "--quiet", "-m", "v1")
    return repo


def report(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.returncode in (0, 1), result.stderr
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def leftovers(repo: Path) -> tuple[str, str, str]:
    """Worktrees, branches and untracked or changed files: none may appear."""
    return (
        git(repo, "worktree", "list", "--porcelain").count("worktree "),
        git(repo, "branch", "--list").strip(),
        git(repo, "status", "--porcelain", "--ignored"),
    )


def test_moving_internals_is_no_sdk_change(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    write(repo, V2_INTERNAL)
    result = run("--base", "HEAD", "--format", "json", cwd=repo)
    found = report(result)
    assert result.returncode == 0, found["changes"]
    assert [c for c in found["changes"] if c["sdk"]["breaking"]] == []
    (note,) = [n for n in found["notes"] if "`synapse_sdk`" in n]
    # The internal changes are named for information, none counted.
    assert "0 breaking changes" in note
    assert "synapse_sdk.devserver.server.Route" in note
    assert "synapse_sdk.testing.synapse_devserver" in note


def test_public_changes_are_sdk_breaking(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    write(repo, V2_PUBLIC)
    result = run("--base", "HEAD", "--format", "json", cwd=repo)
    found = report(result)
    assert result.returncode == 1
    rows = {(c["location"], c["message"].split(":")[0]) for c in found["changes"] if c["sdk"]["breaking"]}
    assert rows == {
        ("python `synapse_sdk.connect`", "public name removed"),
        # Found through the documented path, though the method is defined in integration.py.
        ("python `synapse_sdk.clients.backend.Client`", "Parameter was removed"),
        ("python `synapse_sdk.Client`", "Parameter was removed"),
        ("python `synapse_sdk.clients.integration.IntegrationClientMixin`", "Parameter was removed"),
        ("python `synapse_sdk.clients.jobs.TERMINAL`", "public name removed"),
    }
    assert all(c["wire"]["breaking"] is False for c in found["changes"] if c["location"].startswith("python"))


def test_concurrent_runs_share_nothing_and_leave_nothing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "v2")
    write(repo, V2_PUBLIC)  # the working tree differs from both refs: the runs must not read it
    before = leftovers(repo)
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    env = {**clean_env(), "TMPDIR": str(scratch)}
    command = [sys.executable, str(SCRIPT), "--base", "HEAD~1", "--head", "HEAD", "--format", "json"]
    runs = [
        subprocess.Popen(
            command, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=120) for process in runs]
    assert [process.returncode for process in runs] == [0] * 4, [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1  # the same report from every run
    assert json.loads(outputs[0][0])["changes"] == []  # HEAD~1 and HEAD hold the same code
    assert list(scratch.iterdir()) == []
    assert leftovers(repo) == before
    assert before[:2] == (1, "* main")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--base", "no-such-ref"), "--base no-such-ref: not a commit in"),
        (("--base", "HEAD", "--head", "nope"), "--head nope: not a commit in"),
        (("--base=--upload-pack=x",), "not a git ref"),
    ],
    ids=["base", "head", "option-like"],
)
def test_refs_that_are_not_git_refs(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    repo = make_repo(tmp_path)
    before = leftovers(repo)
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    result = run(*args, cwd=repo, env={**clean_env(), "TMPDIR": str(scratch)})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert result.stdout == ""
    assert leftovers(repo) == before
    assert list(scratch.iterdir()) == []


def test_a_document_at_the_ref_that_cannot_be_read(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    (repo / "openapi" / "openapi.yaml").write_text("openapi: 3.1.0\npaths: {a: [}\n", encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "broken")
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    before = leftovers(repo)
    result = run("--base", "HEAD", cwd=repo, env={**clean_env(), "TMPDIR": str(scratch)})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "invalid YAML" in result.stderr, result.stderr
    assert leftovers(repo) == before
    assert list(scratch.iterdir()) == []


def test_git_missing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run("--base", "HEAD", cwd=repo, env={**clean_env(), "PATH": str(empty)})
    assert result.returncode == 2
    assert result.stderr == (
        "contract_diff: error: git is not installed (or not on PATH): --base needs it; compare two files instead\n"
    )


def _run_without(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line with `module` not importable, as on a machine without the dev extra."""
    code = (
        f"import sys; sys.modules[{module!r}] = None; from synapse_contract.cli import main; sys.exit(main())"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_griffe_missing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    result = _run_without("griffe", "--base", "HEAD", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "needs griffe" in result.stderr and "--no-python" in result.stderr
    assert _run_without("griffe", "--base", "HEAD", "--no-python", cwd=repo).returncode == 0


def test_generator_missing(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    shutil.copyfile(BASE, old)
    text = BASE.read_text(encoding="utf-8")
    new.write_text(
        text.replace("operationId: list_storages\n", "operationId: get_storages\n"), encoding="utf-8"
    )
    result = _run_without("openapi_python_client", str(old), str(new), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "needs openapi-python-client" in result.stderr, result.stderr


def test_python_surface_failure_is_one_line(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    # A corner a real repository does not reach on demand: griffe itself failing.
    code = (
        "import sys, griffe\n"
        "def broken(*a, **k):\n    raise RuntimeError('griffe could not read it')\n"
        "griffe.find_breaking_changes = broken\n"
        "from synapse_contract.cli import main\nsys.exit(main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--base", "HEAD"],
        cwd=repo,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "contract_diff: error: the Python-surface step failed: RuntimeError: griffe could not read it "
        "(pass --no-python to skip it)\n"
    )
    assert leftovers(repo)[:2] == (1, "* main")


def _documented_modules() -> set[str]:
    """Modules the user documentation imports from or renders (`::: path`)."""
    texts = [p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]]
    found: set[str] = set()
    for text in texts:
        found |= set(re.findall(r"^\s*from (synapse_sdk[\w.]*) import", text, re.MULTILINE))
        found |= set(re.findall(r"^\s*import (synapse_sdk[\w.]*)", text, re.MULTILINE))
        for path in re.findall(r"^::: (synapse_sdk[\w.]*)", text, re.MULTILINE):
            parts = path.split(".")
            # `::: synapse_sdk.clients.backend.BackendClient` renders a class: its module counts.
            found.add(".".join(p for p in parts if not p[:1].isupper()))
    return found


def test_public_modules_cover_the_documented_import_paths() -> None:
    documented = _documented_modules()
    assert "synapse_sdk.clients.backend" in documented  # the docs were read
    assert documented - set(PUBLIC_MODULES) == set()
