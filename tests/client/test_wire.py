"""What each documented method puts on the wire: verb, path, query, body and headers."""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from synapse_sdk.clients.backend import BackendClient
from tests.canned import Canned, CannedServer
from tests.client.test_surface import DOCUMENTED


def _reply(server: CannedServer, body: Any, status: int = 200) -> None:
    server.reply = Canned(status=status, body=json.dumps(body).encode())


def _last(server: CannedServer) -> tuple[str, str, dict[str, str], dict[str, str], bytes]:
    method, target, headers, body = server.requests[-1]
    parts = urlsplit(target)
    return method, parts.path, dict(parse_qsl(parts.query)), headers, body


PAGE = {"count": 0, "next": None, "previous": None, "results": []}
CASES: list[tuple[str, tuple[Any, ...], Any, str, str, dict[str, str], Any]] = [
    # method, args, reply, verb, path, query, JSON body
    (
        "health_check_agent",
        ("agent-token-123",),
        {"status": "healthy"},
        "POST",
        "/agents/agent-token-123/connect/",
        {},
        None,
    ),
    ("get_plugin", (123,), {"id": 123, "name": "p"}, "GET", "/plugins/123/", {}, None),
    (
        "create_plugin",
        ({"name": "P", "configuration": {"a": {"b": 1}}},),
        {"id": 1, "name": "P"},
        "POST",
        "/plugins/",
        {},
        {"name": "P", "configuration": {"a": {"b": 1}}},
    ),
    (
        "update_plugin",
        (123, {"version": "1.1.0"}),
        {"id": 123, "name": "p"},
        "PUT",
        "/plugins/123/",
        {},
        {"version": "1.1.0"},
    ),
    (
        "run_plugin",
        (123, {"parameters": {"t": 0.8}, "context": {"project_id": 1}}),
        {"job_id": 790},
        "POST",
        "/plugins/123/run/",
        {},
        {"parameters": {"t": 0.8}, "context": {"project_id": 1}},
    ),
    (
        "get_plugin_release",
        (456, {"expand": "plugin"}),
        {"id": 456},
        "GET",
        "/plugin_releases/456/",
        {"expand": "plugin"},
        None,
    ),
    ("get_job", (789, {"expand": "logs"}), {"id": 789}, "GET", "/jobs/789/", {"expand": "logs"}, None),
    (
        "get_job",
        ("0b7e1e4c-8f0a-4a57-9d1e-3f2a6c9b1d20",),
        {"id": "x"},
        "GET",
        "/jobs/0b7e1e4c-8f0a-4a57-9d1e-3f2a6c9b1d20/",
        {},
        None,
    ),
    (
        "list_jobs",
        ({"status": "running", "plugin": 123, "user": 4, "page": 2, "page_size": 50},),
        PAGE,
        "GET",
        "/jobs/",
        {"status": "running", "plugin": "123", "user": "4", "page": "2", "page_size": "50"},
        None,
    ),
    (
        "update_job",
        (789, {"status": "completed", "progress": 100, "result": {"f": [1]}, "metadata": {"s": "x"}}),
        {"id": 789},
        "PATCH",
        "/jobs/789/",
        {},
        {"status": "completed", "progress": 100, "result": {"f": [1]}, "metadata": {"s": "x"}},
    ),
    ("list_job_console_logs", (789,), [], "GET", "/jobs/789/console_logs/", {}, None),
    ("list_storages", (), PAGE, "GET", "/storages/", {"page": "1"}, None),
    (
        "get_storage",
        (123,),
        {"id": 123, "name": "s", "provider": "amazon_s3"},
        "GET",
        "/storages/123/",
        {"with_configuration": "true"},  # as the production SDK asks: production leaves it out otherwise
        None,
    ),
    (
        "create_storage",
        ({"name": "S", "provider": "minio", "configuration": {"bucket_name": "b"}},),
        {"id": 5, "name": "S", "provider": "minio"},
        "POST",
        "/storages/",
        {},
        {"name": "S", "provider": "minio", "configuration": {"bucket_name": "b"}},
    ),
]


@pytest.mark.parametrize(
    ("method", "args", "reply", "verb", "path", "query", "body"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_request_on_the_wire(
    canned: CannedServer,
    method: str,
    args: tuple[Any, ...],
    reply: Any,
    verb: str,
    path: str,
    query: dict[str, str],
    body: Any,
) -> None:
    _reply(canned, reply)
    with BackendClient(canned.url, access_token="acc-token") as client:
        result = getattr(client, method)(*args)
    sent_verb, sent_path, sent_query, headers, raw = _last(canned)
    assert (sent_verb, sent_path, sent_query) == (verb, path, query)
    if body is None:
        assert raw == b""
    else:
        assert headers["Content-Type"] == "application/json"
        assert json.loads(raw) == body
    assert headers["Synapse-Access-Token"] == "Token acc-token"
    if method == "list_jobs":
        assert result == ([], 0)
    elif method == "list_storages":
        assert result == []
    else:
        assert result == reply


def test_every_documented_method_has_a_wire_case() -> None:
    # create_plugin_release has its own multipart test below.
    assert {case[0] for case in CASES} | {"create_plugin_release"} == set(DOCUMENTED)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, {}),
        ({"access_token": "a1"}, {"Synapse-Access-Token": "Token a1"}),
        (
            {"access_token": "a1", "authorization_token": "l2", "tenant": "t3", "agent_token": "g4"},
            {
                "Synapse-Access-Token": "Token a1",
                "Authorization": "Token l2",
                "Synapse-Tenant": "Token t3",
                "SYNAPSE-Agent": "Token g4",
            },
        ),
        ({"authorization_token": "l2"}, {"Authorization": "Token l2"}),
    ],
)
def test_auth_headers_are_sent_only_when_set(
    canned: CannedServer, kwargs: dict[str, str], expected: dict[str, str]
) -> None:
    _reply(canned, {"id": 1, "name": "p"})
    with BackendClient(canned.url, **kwargs) as client:
        client.get_plugin(1)
    headers = {k.lower(): v for k, v in _last(canned)[3].items()}
    for name in ("Synapse-Access-Token", "Authorization", "Synapse-Tenant", "SYNAPSE-Agent"):
        assert headers.get(name.lower()) == expected.get(name)


def test_base_url_with_a_path_prefix(canned: CannedServer) -> None:
    _reply(canned, {"id": 1, "name": "p"})
    with BackendClient(canned.url + "api/v1", access_token="x") as client:
        client.get_plugin(1)
    assert _last(canned)[1] == "/api/v1/plugins/1/"


@pytest.fixture
def seoul_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local time zone is Asia/Seoul (+09:00) for the test."""
    import time

    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_created_after_accepts_datetimes_dates_and_iso_strings(
    canned: CannedServer, seoul_time: None
) -> None:
    """Every value goes out with an offset, as the document's date-time needs; a naive one (a
    date, `datetime.now()`, `'2025-01-15'`) is local time."""
    import datetime as dt

    _reply(canned, PAGE)
    with BackendClient(canned.url) as client:
        for value, wire in [
            (dt.datetime(2025, 1, 15, 9, 30, tzinfo=dt.UTC), "2025-01-15T09:30:00+00:00"),
            (dt.date(2025, 1, 15), "2025-01-15T00:00:00+09:00"),
            (dt.datetime(2025, 7, 1, 12, 0), "2025-07-01T12:00:00+09:00"),
            ("2025-01-15", "2025-01-15T00:00:00+09:00"),
            ("2025-01-15T09:30:00.123456", "2025-01-15T09:30:00.123456+09:00"),
            ("2025-01-15T09:30:00Z", "2025-01-15T09:30:00+00:00"),
            ("20250115T093000+0900", "2025-01-15T09:30:00+09:00"),
        ]:
            client.list_jobs({"created_after": value})
            assert _last(canned)[2] == {"created_after": wire}


def test_documented_filters_and_none_values(canned: CannedServer) -> None:
    """`ordering` and `search` are in the document; None means 'not given'."""
    _reply(canned, PAGE)
    with BackendClient(canned.url) as client:
        client.list_jobs({"status": None, "ordering": "-created", "search": "x y"})
    assert _last(canned)[2] == {"ordering": "-created", "search": "x y"}


def test_extra_query_is_the_one_way_for_an_undocumented_filter(canned: CannedServer) -> None:
    _reply(canned, PAGE)
    with BackendClient(canned.url) as client:
        client.list_jobs({"status": "running"}, extra_query={"tag": "nightly", "status": "ignored"})
    assert _last(canned)[2] == {"status": "running", "tag": "nightly"}


def _parts(headers: dict[str, str], raw: bytes) -> dict[str, tuple[str | None, bytes]]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {headers['Content-Type']}\r\n\r\n".encode() + raw
    )
    return {
        part.get_param("name", header="content-disposition"): (
            part.get_filename(),
            part.get_payload(decode=True),
        )
        for part in message.iter_parts()  # type: ignore[attr-defined]
    }


@pytest.mark.parametrize("form", ["file object", "path", "bytes"])
def test_create_plugin_release_sends_multipart(canned: CannedServer, tmp_path: Path, form: str) -> None:
    content = os.urandom(300_000) + b"\r\n--boundary\r\n"
    package = tmp_path / "plugin_v2.zip"
    package.write_bytes(content)
    _reply(canned, {"id": 457, "plugin": 123, "version": "2.0.0"}, status=201)
    seen: list[tuple[int, int | None]] = []
    with BackendClient(canned.url, access_token="acc") as client:
        if form == "file object":
            with open(package, "rb") as fh:
                result = client.create_plugin_release(
                    {
                        "plugin": 123,
                        "version": "2.0.0",
                        "changelog": "새로운 기능",
                        "is_stable": True,
                        "file": fh,
                    },
                    progress=lambda sent, total: seen.append((sent, total)),
                )
        else:
            file: Any = package if form == "path" else content
            result = client.create_plugin_release({"plugin": 123, "version": "2.0.0", "file": file})
    assert result == {"id": 457, "plugin": 123, "version": "2.0.0"}
    verb, path, _, headers, raw = _last(canned)
    assert (verb, path) == ("POST", "/plugin_releases/")
    assert headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert int(headers["Content-Length"]) == len(raw)
    parts = _parts(headers, raw)
    filename, payload = parts["file"]
    assert hashlib.sha256(payload).digest() == hashlib.sha256(content).digest()
    assert filename == ("package" if form == "bytes" else "plugin_v2.zip")
    assert parts["plugin"][1] == b"123" and parts["version"][1] == b"2.0.0"
    if form == "file object":
        assert parts["changelog"][1].decode() == "새로운 기능" and parts["is_stable"][1] == b"true"
        assert seen[-1] == (len(content), len(content))
        assert [s for s, _ in seen] == sorted(s for s, _ in seen)


def test_job_ids_may_be_uuid_objects(canned: CannedServer) -> None:
    _reply(canned, [])
    job = uuid.uuid4()
    with BackendClient(canned.url) as client:
        client.list_job_console_logs(job)  # type: ignore[arg-type]
    assert _last(canned)[1] == f"/jobs/{job}/console_logs/"


def test_a_file_object_is_left_open_a_path_is_closed(canned: CannedServer, tmp_path: Path) -> None:
    package = tmp_path / "p.zip"
    package.write_bytes(b"zip")
    _reply(canned, {"id": 1}, status=201)

    def open_handles() -> int:
        fds = Path("/proc/self/fd")
        return sum(1 for fd in fds.iterdir() if _points_to(fd, package))

    with BackendClient(canned.url) as client, open(package, "rb") as fh:
        client.create_plugin_release({"plugin": 1, "version": "1", "file": fh})
        assert not fh.closed  # the caller opened it; the caller closes it
        client.create_plugin_release({"plugin": 1, "version": "1", "file": str(package)})
        assert open_handles() == 1  # only the caller's own handle is left


def _points_to(fd: Path, target: Path) -> bool:
    try:
        return Path(os.readlink(fd)) == target
    except OSError:
        return False
