"""The local backend in its production dialect, over raw HTTP: what a production backend answers."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import uuid

import httpx
import pytest

from synapse_sdk.devserver import DevServer, DevServerProcess
from synapse_sdk.devserver.server import LISTENING

from .conftest import AUTH, EXAMPLE_JOB

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[[A-Z]+\] .+$")


def _frames(http: httpx.Client, job: str) -> list[str]:
    """Every line of one stream, read to its end."""
    with http.stream("GET", f"jobs/{job}/tail_console_logs/") as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        return list(stream.iter_lines())


def _data(lines: list[str]) -> list[dict[str, object]]:
    return [json.loads(line[len("data: ") :]) for line in lines if line.startswith("data: ")]


def test_a_run_is_a_uuid_job_with_uppercase_statuses_and_production_fields(http: httpx.Client) -> None:
    run = http.post("plugins/yolov8/run/", json={"agent": 1, "action": "train", "params": {"epochs": 2}})
    assert run.status_code == 200
    assert run.json()["status"] == "PENDING"
    job_id = run.json()["job_id"]
    assert str(uuid.UUID(job_id)) == job_id
    job = http.get(f"jobs/{job_id}/").json()
    assert job["status"] in ("PENDING", "RUNNING", "SUCCEEDED")
    assert job["action"] == "train" and job["params"] == {"epochs": 2}
    assert job["plugin_release_id"] == 500  # the plugin's newest release
    for field in ("progress_record", "metrics_record", "meta", "queue", "error", "result"):
        assert field in job, field
    assert {"plugin", "progress", "metadata", "user"} <= set(job)  # the page's fields too


def test_the_stream_is_production_frames_and_a_new_connection_starts_over(http: httpx.Client) -> None:
    job_id = http.post("plugins/yolov8/run/", json={"action": "train"}).json()["job_id"]
    lines = _frames(http, job_id)
    assert not any(line.startswith(("id:", "event:", "retry:")) for line in lines)
    frames = _data(lines)
    assert frames[0] == {"type": "connected", "job_id": job_id}
    assert frames[-1]["type"] == "complete"
    logs = [frame["data"] for frame in frames if frame["type"] == "log"]
    assert logs and all(isinstance(line, str) and LINE.match(line) for line in logs)
    assert logs[0].endswith("Job queued") and logs[-1].endswith("Job completed")
    # No resume: Last-Event-ID and since are ignored, the log comes again from its first line.
    with http.stream(
        "GET", f"jobs/{job_id}/tail_console_logs/", params={"since": 5}, headers={"Last-Event-ID": "5"}
    ) as again:
        replayed = _data(list(again.iter_lines()))
    assert [f["data"] for f in replayed if f["type"] == "log"] == logs
    finished = http.get(f"jobs/{job_id}/").json()
    assert finished["status"] == "SUCCEEDED" and finished["is_active"] is False and finished["completed"]


def test_a_cut_stream_replays_from_the_start(http: httpx.Client) -> None:
    job_id = http.post("plugins/yolov8/run/", json={}).json()["job_id"]
    with http.stream("GET", f"jobs/{job_id}/tail_console_logs/") as stream:
        lines = stream.iter_lines()
        first = [next(lines) for _ in range(4)]  # connected, blank, the first log line, blank
    assert json.loads(first[2][len("data: ") :])["data"].endswith("Job queued")
    replayed = _data(_frames(http, job_id))
    assert next(f["data"] for f in replayed if f["type"] == "log").endswith("Job queued")


def test_an_idle_stream_sends_heartbeat_comments(http: httpx.Client) -> None:
    # The example job is RUNNING with no simulation: only a PATCH changes it.
    with http.stream("GET", f"jobs/{EXAMPLE_JOB}/tail_console_logs/") as stream:
        lines = stream.iter_lines()
        seen = []
        for line in lines:
            seen.append(line)
            if line == ": heartbeat":
                break
        http.patch(f"jobs/{EXAMPLE_JOB}/", json={"status": "STOPPED"})
        rest = list(lines)
    assert ": heartbeat" in seen and ": keepalive" not in seen + rest
    assert _data(rest)[-1] == {"type": "complete", "message": "Job finished with status STOPPED"}


def test_an_unknown_job_is_200_then_an_error_frame(http: httpx.Client) -> None:
    lines = _frames(http, str(uuid.uuid4()))
    assert _data(lines) == [{"type": "error", "message": "Job not found"}]
    assert http.get(f"jobs/{uuid.uuid4()}/").status_code == 404


def test_console_logs_are_lines_and_since_is_ignored(http: httpx.Client) -> None:
    lines = http.get("jobs/789/console_logs/").json()
    assert lines and all(isinstance(line, str) and LINE.match(line) for line in lines)
    assert http.get("jobs/789/console_logs/", params={"since": 3}).json() == lines
    assert "[WARNING] Skipped 2 corrupt images" in lines[2]


def test_patch_takes_the_production_fields(http: httpx.Client) -> None:
    update = {
        "status": "RUNNING",
        "progress_record": {"step": 5, "total": 100},
        "metrics_record": {"loss": 0.5},
        "meta": {"queue": {"position": 1}},
        "result": [{"label": "cat"}],
        "console_logs": [{"message": "epoch 1", "level": "info"}, {"message": "epoch 2"}],
    }
    job = http.patch(f"jobs/{EXAMPLE_JOB}/", json=update)
    assert job.status_code == 200, job.text
    body = job.json()
    for key in ("status", "progress_record", "metrics_record", "meta", "result"):
        assert body[key] == update[key], key
    assert "console_logs" not in body  # written to the log, not echoed
    assert [line.split("] ", 1)[1] for line in http.get(f"jobs/{EXAMPLE_JOB}/console_logs/").json()] == [
        "epoch 1",
        "epoch 2",
    ]
    single = http.patch(f"jobs/{EXAMPLE_JOB}/", json={"console_logs": {"message": "one", "level": "error"}})
    assert single.status_code == 200
    assert http.get(f"jobs/{EXAMPLE_JOB}/console_logs/").json()[-1].endswith("[ERROR] one")
    assert http.patch(f"jobs/{EXAMPLE_JOB}/", json={"console_logs": "text"}).status_code == 400


def test_plugins_by_code_and_releases_by_lookup(http: httpx.Client) -> None:
    release = http.get("plugin_releases/yolov8@1.0.0/", params={"expand": "plugin"}).json()
    assert release["id"] == 500 and release["plugin"]["code"] == "yolov8"
    assert http.get("plugin_releases/yolov8%401.0.0/").json()["id"] == 500  # @ percent-encoded
    assert http.get("plugin_releases/yolov8@9.9.9/").status_code == 404
    assert http.get("plugin_releases/nope@1.0.0/").status_code == 404
    assert http.get("plugin_releases/", params={"plugin": "yolov8"}).json()["count"] == 1
    assert http.post("plugins/nope/run/", json={}).status_code == 404
    created = http.post(
        "plugin_releases/",
        data={
            "plugin": "yolov8",
            "version": "1.1.0",
            "config": json.dumps({"actions": {"train": {}}}),
            "requirements": json.dumps(["ultralytics==8.0"]),
            "debug": "true",
        },
        files={"file": ("yolo.zip", b"PK\x05\x06" + bytes(18))},
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["plugin"] == 200 and body["config"] == {"actions": {"train": {}}}
    assert body["requirements"] == ["ultralytics==8.0"] and body["debug"] is True
    # One part per item, as requests sends a list for the production SDK (and OpenAPI by default).
    repeated = http.post(
        "plugin_releases/",
        data={"plugin": "yolov8", "version": "1.1.1", "requirements": ["numpy", "torch>=2"]},
        files={"file": ("yolo.zip", b"PK\x05\x06" + bytes(18))},
    )
    assert repeated.status_code == 201 and repeated.json()["requirements"] == ["numpy", "torch>=2"]
    bad = http.post(
        "plugin_releases/",
        data={"plugin": "yolov8", "version": "1.2", "config": "{not json"},
        files={"file": ("y.zip", b"z")},
    )
    assert bad.status_code == 400 and bad.json() == {"config": ["Value must be valid JSON."]}


def test_agents_and_storages_carry_the_production_fields(http: httpx.Client) -> None:
    agent = http.get("agents/").json()["results"][0]
    assert agent["token"] == "agent-token-123"
    assert agent["node_install_script"].endswith("agents/agent-token-123/node_install_script/ | sh")
    storage = http.get("storages/123/", params={"with_configuration": "true"}).json()
    assert storage["is_default"] is False and storage["configuration"]["secret_access_key"] == "********"


def test_logs_one_entry_or_a_list(http: httpx.Client, production: DevServer) -> None:
    one = http.post("logs/", json={"message": "done", "context": {"epoch": 3}})
    assert one.status_code == 201
    assert one.json()["message"] == "done" and one.json()["level"] == "info" and one.json()["file"] is None
    uri = "data:text/plain;base64," + base64.b64encode(b"hello").decode()
    many = http.post("logs/", json=[{"message": "a"}, {"message": "b", "level": "warning", "file": uri}])
    assert many.status_code == 201
    second = many.json()[1]
    assert [entry["message"] for entry in many.json()] == ["a", "b"]
    assert second["file"] == f"/media/logs/{second['id']}/file"  # kept, not echoed
    assert production.store.log_file_path(second["id"]).read_bytes() == b"hello"


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"level": "info"}, {"message": ["This field is required."]}),
        ([{"message": "a"}, {"message": 3}], [{}, {"message": ["Not a valid string."]}]),
        ([], {"non_field_errors": ["This list may not be empty."]}),
        (
            {"message": "m", "file": "/etc/passwd"},
            {"file": ["Enter a base64 data URI: data:<mime type>;base64,<content>."]},
        ),
        (
            {"message": "m", "file": "data:text/plain;base64,@@@"},
            {"file": ["Enter a base64 data URI: data:<mime type>;base64,<content>."]},
        ),
    ],
    ids=["missing-message", "one-bad-entry", "empty-list", "a-path", "bad-base64"],
)
def test_logs_errors_name_the_entry_and_field(http: httpx.Client, body: object, errors: object) -> None:
    response = http.post("logs/", json=body)
    assert response.status_code == 400
    assert response.json() == errors


def test_serve_applications(http: httpx.Client) -> None:
    created = http.post("serve_applications/", json={"job": EXAMPLE_JOB.upper(), "status": "RUNNING"})
    assert created.status_code == 201, created.text
    assert created.json()["job"] == EXAMPLE_JOB and created.json()["data"] is None
    http.post("serve_applications/", json={"job": 789, "status": "STOPPED", "data": {"name": "n"}})
    page = http.get("serve_applications/").json()
    assert page["count"] == 2 and page["next"] is None
    assert http.get("serve_applications/", params={"job": 789}).json()["results"][0]["data"] == {"name": "n"}
    assert http.get("serve_applications/", params={"status": "RUNNING"}).json()["count"] == 1
    missing = http.post("serve_applications/", json={"job": 99999})
    assert missing.status_code == 400 and "job" in missing.json()
    assert http.post("serve_applications/", json={"status": "RUNNING"}).json() == {
        "job": ["This field is required."]
    }


def test_the_documented_dialect_is_unchanged(any_server: DevServer) -> None:
    """Both dialects take a plugin's code and the production fields; only production renders its own."""
    with httpx.Client(base_url=any_server.url, headers=AUTH, timeout=10) as http:
        any_server.reset()
        plugin = http.post("plugins/", json={"name": "Coded", "code": "coded"}).json()
        run = http.post("plugins/coded/run/", json={"action": "a", "params": {}}).json()
        job = http.get(f"jobs/{run['job_id']}/").json()
        assert job["plugin"] == plugin["id"] and job["action"] == "a"
        if any_server.dialect == "documented":
            assert isinstance(run["job_id"], int) and run["status"] == "queued"
            assert "is_active" not in job and "token" not in http.get("agents/").json()["results"][0]
            assert isinstance(http.get("jobs/789/console_logs/").json()[0], dict)
            assert http.get(f"jobs/{uuid.uuid4()}/tail_console_logs/").status_code == 404
        else:
            assert isinstance(run["job_id"], str) and run["status"] == "PENDING" and "is_active" in job


def test_the_command_line_switch() -> None:
    with DevServerProcess(dialect="production") as server:
        run = httpx.post(f"{server.url}plugins/yolov8/run/", json={}, headers=AUTH, timeout=10).json()
        assert run["status"] == "PENDING"
    bad = subprocess.run(
        [sys.executable, "-m", "synapse_sdk.devserver", "--dialect", "prod"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "invalid choice: 'prod'" in bad.stderr and LISTENING not in bad.stdout
    with pytest.raises(ValueError, match="unknown dialect 'prod': use one of documented, production"):
        DevServer(dialect="prod")
