"""Starting the local backend: where the API is, the lines it prints, and one-line start-up errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from synapse_sdk.devserver import DevServer

from .conftest import AUTH

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _devserver(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "synapse_sdk.devserver", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=ENV,
        timeout=60,
    )


@pytest.fixture
def started() -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "synapse_sdk.devserver",
            *("--port", "0", "--db", ":memory:", "--quiet", "--job-duration", "0.5"),
            *("--fail", "GET plugins/123/ 503 times=2", "--fail", "POST storages/ drop"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert process.stdout is not None
    lines = [process.stdout.readline().rstrip("\n") for _ in range(2)]
    try:
        yield process, lines
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.communicate(timeout=5)


def test_the_start_prints_the_url_and_the_export_line(
    started: tuple[subprocess.Popen[str], list[str]],
) -> None:
    _, (listening, export) = started
    url = listening.rsplit(" ", 1)[1]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/api/")
    assert export == f"export SYNAPSE_BASE_URL={url} SYNAPSE_ACCESS_TOKEN=devserver-token"
    # Pasted into a shell, the line gives the client and the command what they need.
    shell = subprocess.run(
        ["sh", "-c", f'{export}; echo "$SYNAPSE_BASE_URL|$SYNAPSE_ACCESS_TOKEN"'],
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert shell.stdout.strip() == f"{url}|devserver-token"
    token = {"Synapse-Access-Token": "Token devserver-token"}
    assert httpx.get(f"{url}jobs/789/", headers=token).json()["id"] == 789


def test_switches_from_the_command_line(started: tuple[subprocess.Popen[str], list[str]]) -> None:
    _, (listening, _) = started
    url = listening.rsplit(" ", 1)[1]
    # --fail at the start:
    assert [httpx.get(f"{url}plugins/123/", headers=AUTH).status_code for _ in range(3)] == [503, 503, 200]
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.post(f"{url}storages/", headers=AUTH, json={"name": "s", "provider": "minio"})
    # ... and while it runs:
    added = _devserver("fault", "--url", url, "GET jobs/789/ 429 retry-after=5")
    assert added.returncode == 0 and added.stdout.startswith("fault 3: GET jobs/789/ 429"), added.stderr
    throttled = httpx.get(f"{url}jobs/789/", headers=AUTH)
    assert (throttled.status_code, throttled.headers["Retry-After"]) == (429, "5")
    ended = _devserver("job", "791", "succeed", "--url", url)
    assert ended.stdout.strip() == "job 791: completed"
    assert httpx.get(f"{url}jobs/791/", headers=AUTH).json()["status"] == "completed"
    assert _devserver("fault", "--url", url, "--clear").returncode == 0
    assert _devserver("fault", "--url", url).stdout == ""
    bad = _devserver("fault", "--url", url, "GET jobs/ 200")
    assert (bad.returncode, bad.stderr.count("\n")) == (2, 1)
    assert "must be an error status" in bad.stderr
    missing = _devserver("job", "424242", "fail", "--url", url)
    assert (missing.returncode, missing.stderr) == (2, "error: No job 424242.\n")


def test_switch_commands_without_a_server_say_how_to_start_one() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = _devserver("fault", "--url", f"http://127.0.0.1:{port}/api/", "--list")
    assert result.returncode == 1
    assert (
        result.stderr.count("\n") == 1 and "start one with `python -m synapse_sdk.devserver`" in result.stderr
    )


def test_the_api_answers_under_api_and_at_the_root() -> None:
    with DevServer() as server:
        root = server.url.removesuffix("api/")
        assert server.url.endswith("/api/")
        for base in (server.url, root):
            assert httpx.get(f"{base}jobs/789/", headers=AUTH).json()["id"] == 789
        page = httpx.get(f"{server.url}jobs/", params={"page_size": 2}, headers=AUTH).json()
        assert page["next"].startswith(f"{server.url}jobs/?")  # links stay where the client is


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("x/", "No route: GET /x/. The API is served under /api/ (for example GET /api/jobs/789/)."),
        ("api/api/jobs/789/", "No route: GET /api/api/jobs/789/. The API is served under /api/"),
        ("api/jobs/789", "No route: GET /api/jobs/789. API paths end in /: /api/jobs/789/"),
    ],
)
def test_a_route_it_does_not_have_is_not_an_object_it_does_not_have(path: str, hint: str) -> None:
    with DevServer() as server:
        root = server.url.removesuffix("api/")
        missing_route = httpx.get(f"{root}{path}", headers=AUTH)
        assert missing_route.status_code == 404
        assert missing_route.json()["detail"].startswith(hint)
        assert missing_route.headers["X-Synapse-No-Route"] == "1"
        missing_object = httpx.get(f"{server.url}jobs/424242/", headers=AUTH)
        assert (missing_object.status_code, missing_object.json()) == (404, {"detail": "Not found."})
        assert "X-Synapse-No-Route" not in missing_object.headers


# --- start-up errors: one line naming the fix, never a traceback ---


def test_a_db_in_a_missing_directory() -> None:
    result = _devserver("--port", "0", "--db", "/nonexistent/x.db")
    assert result.returncode == 1
    assert result.stderr == (
        "error: --db /nonexistent/x.db: the directory /nonexistent does not exist; "
        "create it, or choose another --db (or :memory:)\n"
    )


def test_a_db_that_is_a_directory(tmp_path: Path) -> None:
    result = _devserver("--port", "0", "--db", str(tmp_path))
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "is a directory; give a file path" in result.stderr


def test_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _devserver("--port", str(port), "--db", ":memory:")
    assert result.returncode == 1
    assert result.stderr == (
        f"error: port {port} on 127.0.0.1 is in use; stop what uses it, or choose another --port (0 picks a free one)\n"
    )


def test_an_uploads_directory_that_cannot_be_made(tmp_path: Path) -> None:
    # The uploads go next to the database, in <stem>-files; a file in its way stands for any
    # directory that cannot be written (permissions do not stop root, who runs CI).
    (tmp_path / "dev-files").write_text("in the way")
    result = _devserver("--port", "0", "--db", str(tmp_path / "dev.sqlite3"))
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"error: cannot write the uploads directory {tmp_path / 'dev-files'}")
    assert "choose a --db in a writable directory" in result.stderr


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not sqlite " * 100)
    result = _devserver("--port", "0", "--db", str(tmp_path / "notes.txt"))
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "cannot use the database --db" in result.stderr and "Traceback" not in result.stderr


def test_the_fixtures_without_the_devserver_extra_give_a_one_line_hint(tmp_path: Path) -> None:
    # A project with the SDK but not the extra: its server libraries cannot be imported.
    (tmp_path / "conftest.py").write_text(
        textwrap.dedent(
            """
            import sys
            for name in ("uvicorn", "starlette", "jsonschema"):
                sys.modules[name] = None  # import fails, as when the package is not installed
            """
        )
    )
    (tmp_path / "test_mine.py").write_text("def test_it(synapse_devserver_url):\n    pass\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=ENV,
        timeout=120,
    )
    assert result.returncode == 1
    (hint,) = [line for line in result.stdout.splitlines() if line.startswith("the synapse_devserver")]
    assert hint in {
        f"the synapse_devserver fixtures need the devserver extra ({name} is not installed): "
        "pip install 'synapse-sdk-integration[devserver]'"
        for name in ("uvicorn", "starlette", "jsonschema")
    }
    assert "Traceback" not in result.stdout and "exception" not in result.stdout
