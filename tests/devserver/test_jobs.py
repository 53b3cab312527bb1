"""Jobs started by run_plugin advance on their own; a client's PATCH takes over; state persists in a file."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from synapse_sdk.devserver import DevServer

from .conftest import AUTH


def test_job_advances_to_completed(client: httpx.Client) -> None:
    job_id = client.post("plugins/123/run/", json={"parameters": {"threshold": 0.8}}).json()["job_id"]
    seen: list[tuple[str, int]] = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        job = client.get(f"jobs/{job_id}/").json()
        seen.append((job["status"], job["progress"]))
        if job["status"] == "completed":
            break
        time.sleep(0.05)
    statuses = [status for status, _ in seen]
    assert statuses[0] == "queued" and statuses[-1] == "completed"
    assert "running" in statuses
    progress = [value for _, value in seen]
    assert progress == sorted(progress) and progress[-1] == 100
    assert any(0 < value < 100 for value in progress)

    done = client.get(f"jobs/{job_id}/", params={"expand": "result,metrics,logs"}).json()
    assert done["result"]["parameters"] == {"threshold": 0.8}
    assert done["metrics"]["steps"] == 10
    logs = client.get(f"jobs/{job_id}/console_logs/").json()
    assert done["logs"] == logs
    assert [entry["message"] for entry in logs][:2] == ["Job queued", "Job started"]
    assert logs[-1]["message"] == "Job completed"
    assert len(logs) == 13  # queued, started, one line per 10 %, completed
    assert [entry["timestamp"] for entry in logs] == sorted(entry["timestamp"] for entry in logs)


def test_status_filter_follows_the_simulation(client: httpx.Client) -> None:
    job_id = client.post("plugins/123/run/", json={}).json()["job_id"]
    queued = [job["id"] for job in client.get("jobs/", params={"status": "queued"}).json()["results"]]
    assert job_id in queued
    time.sleep(1.1)
    completed = [job["id"] for job in client.get("jobs/", params={"status": "completed"}).json()["results"]]
    assert job_id in completed
    assert client.get("jobs/").json()["results"][0]["id"] == job_id  # newest first


def test_patch_overrides_the_simulation(client: httpx.Client) -> None:
    job_id = client.post("plugins/123/run/", json={}).json()["job_id"]
    time.sleep(0.3)
    patched = client.patch(f"jobs/{job_id}/", json={"status": "running", "progress": 42}).json()
    assert (patched["status"], patched["progress"]) == ("running", 42)
    time.sleep(1.0)  # past the simulated duration
    job = client.get(f"jobs/{job_id}/").json()
    assert (job["status"], job["progress"]) == ("running", 42)
    logs = client.get(f"jobs/{job_id}/console_logs/").json()
    assert logs[0]["message"] == "Job queued"
    assert "Job completed" not in [entry["message"] for entry in logs]


def test_zero_duration_completes_at_once() -> None:
    with DevServer(job_duration=0) as server, httpx.Client(base_url=server.url, headers=AUTH) as http:
        job_id = http.post("plugins/123/run/", json={}).json()["job_id"]
        assert http.get(f"jobs/{job_id}/").json()["status"] == "completed"


def test_state_persists_across_restarts(tmp_path: Path) -> None:
    db = str(tmp_path / "backend.sqlite3")
    with DevServer(db=db, job_duration=0) as server, httpx.Client(base_url=server.url, headers=AUTH) as http:
        plugin_id = http.post("plugins/", json={"name": "Persistent"}).json()["id"]
        http.put("plugins/123/", json={"version": "9.9.9"})
        job_id = http.post(f"plugins/{plugin_id}/run/", json={}).json()["job_id"]
        http.patch("jobs/789/", json={"status": "failed"})
        release = http.post(
            "plugin_releases/",
            data={"plugin": str(plugin_id), "version": "1"},
            files={"file": ("p.zip", b"zip")},
        ).json()
    assert (
        tmp_path / "backend-files" / "plugin_releases" / str(release["id"]) / "p.zip"
    ).read_bytes() == b"zip"

    with DevServer(db=db) as server, httpx.Client(base_url=server.url, headers=AUTH) as http:
        assert http.get(f"plugins/{plugin_id}/").json()["name"] == "Persistent"
        assert http.get("plugins/123/").json()["version"] == "9.9.9"  # not re-seeded
        assert http.get(f"jobs/{job_id}/").json()["status"] == "completed"
        assert http.get("jobs/789/").json()["status"] == "failed"
        assert http.get(f"plugin_releases/{release['id']}/").json() == release
        assert http.post("plugins/", json={"name": "Next"}).json()["id"] == plugin_id + 1
        assert http.get("storages/").json()["count"] == 2


def test_new_ids_follow_the_seeded_ones(client: httpx.Client) -> None:
    assert client.post("plugins/", json={"name": "p"}).json()["id"] == 124
    assert client.post("plugins/123/run/", json={}).json()["job_id"] == 792  # after seeded 790 and 791
    assert client.post("storages/", json={"name": "s", "provider": "ftp"}).json()["id"] == 125
