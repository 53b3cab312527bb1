"""Every example of the user's documentation, run verbatim against the local backend in its own
process, with what it printed and returned checked."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.seed_examples import (
    DOC,
    Example,
    closing_calls,
    extract_examples,
    make_package,
    namespace_for,
    run_example,
)
from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServerProcess

EXAMPLES = extract_examples()
SHARED_SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "integration-mixin.ko.md"


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("seed") / "db.sqlite3"
    with DevServerProcess(db=str(db), job_duration=1.0) as server:
        yield server.url


@pytest.fixture
def namespace(backend: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    with BackendClient(backend, access_token="seed-examples-token") as client:
        yield namespace_for(client, make_package(tmp_path))


def _run(example: Example, namespace: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    shown: dict[str, Any] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run_example(example, namespace, shown.__setitem__)
    return out.getvalue(), shown


_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def test_the_page_is_the_users_page() -> None:
    """docs/ carries the user's page unchanged but for the targets of its links under "참고"
    (which pointed at pages that do not exist; the site's build fails on a dead link), and it has
    an example for every method."""
    if SHARED_SEED.exists():
        ours, users = (p.read_text(encoding="utf-8").split("\n## 참고\n") for p in (DOC, SHARED_SEED))
        assert ours[0] == users[0] and len(ours) == len(users) == 2
        assert _LINK.sub(r"[\1]", ours[1]) == _LINK.sub(r"[\1]", users[1])
        targets = [target.split("#")[0] for _, target in _LINK.findall(ours[1])]
        assert targets and all((DOC.parent / target).is_file() for target in targets), targets
    titles = {e.title.split("(")[0] for e in EXAMPLES}
    assert len(EXAMPLES) == 15
    assert {
        "health_check_agent",
        "create_plugin_release",
        "list_job_console_logs",
        "create_storage",
    } <= titles


def _check(title: str, out: str, shown: dict[str, Any]) -> None:
    """What each example must have printed or returned, by the method it documents."""
    method = title.split("(")[0]
    if method == "health_check_agent":
        assert "에이전트 상태: {'status': 'healthy'" in out and "에이전트가 정상이고 연결됨" in out
    elif method == "get_plugin":
        assert re.search(r"플러그인: \S+", out) and "작성자: " in out
    elif method == "create_plugin":
        assert (
            shown["new_plugin"]["name"] == "My Custom Plugin" and f"ID {shown['new_plugin']['id']}로" in out
        )
    elif method == "update_plugin":
        updated = shown["updated_plugin"]
        assert updated["version"] == "1.1.0" and updated["id"] == 123
        assert updated["configuration"]["parameters"]["new_param"]["default"] == "default_value"
    elif method == "run_plugin":
        assert "플러그인 실행 시작됨: " in out and shown["result"]["job_id"]
    elif method == "get_plugin_release":
        assert "플러그인 123의 릴리스" in out and shown["release"]["plugin"]["id"] == 123
    elif method == "create_plugin_release":
        release = shown["new_release"]
        assert release["version"] == "2.0.0" and release["plugin"] == 123 and release["size"] > 0
    elif method == "get_job":
        assert "작업 789: " in out and isinstance(shown["job"]["logs"], list)
    elif method == "list_jobs":
        jobs, total = shown["jobs"]
        assert isinstance(jobs, list) and total >= len(jobs) >= 1
        assert all(job["status"] == "running" for job in shown["running_jobs"][0])
        assert all(job["plugin"] == 123 for job in shown["plugin_jobs"][0])
    elif method == "update_job":
        assert list(shown.values())[-1]["progress"] == 75
    elif method == "list_job_console_logs":
        assert shown["logs"] and re.search(r"^\[\S+\] \w+: .+$", out, re.M)
    elif method == "list_storages":
        assert "스토리지: " in out and all("provider" in s for s in shown["storages"])
    elif method == "get_storage":
        assert "제공업체: amazon_s3" in out and "구성: " in out
    elif method == "create_storage":
        assert (
            shown["s3_storage"]["provider"] == "amazon_s3"
            and shown["local_storage"]["category"] == "internal"
        )
        assert "YOUR_SECRET_KEY" not in repr(shown["s3_storage"])  # the server masks credentials
    else:
        assert method == "오류 처리" and callable(shown["robust_plugin_execution"].__call__)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.title for e in EXAMPLES])
def test_example_runs_as_written(example: Example, namespace: dict[str, Any]) -> None:
    out, shown = _run(example, namespace)
    if example.title == "오류 처리":
        shown["robust_plugin_execution"] = namespace["robust_plugin_execution"]
    _check(example.title, out, shown)


def test_error_handling_example_handles_success_and_404(namespace: dict[str, Any]) -> None:
    """The page's robust_plugin_execution, called for a plugin that exists and one that does not."""
    _run(EXAMPLES[-1], namespace)
    found, missing = closing_calls()
    out, shown = _run(found, namespace)
    assert next(iter(shown.values()))["job_id"]
    out, shown = _run(missing, namespace)
    assert "플러그인 999999을 찾을 수 없음" in out and shown == {}
