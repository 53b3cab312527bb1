"""Every example of the user documentation (integration-mixin.ko.md), as raw HTTP against the server."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import httpx
import pytest


@pytest.mark.parametrize("token", ["agent-token-123", "my-agent-token"])
def test_health_check_agent(anonymous: httpx.Client, token: str) -> None:
    response = anonymous.post(f"agents/{token}/connect/")
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "healthy"
    assert health["connected"] is True
    assert isinstance(health["agent"], int)
    assert health["name"]
    assert health["last_seen"].endswith("Z")


def test_get_plugin(client: httpx.Client) -> None:
    plugin = client.get("plugins/123/").json()
    assert plugin["id"] == 123
    for key in ("name", "version", "description", "author", "category", "configuration"):
        assert plugin[key], key


def test_create_plugin(client: httpx.Client) -> None:
    plugin_data = {
        "name": "My Custom Plugin",
        "description": "사용자 정의 데이터 처리를 위한 플러그인",
        "version": "1.0.0",
        "author": "Your Name",
        "category": "data_processing",
        "configuration": {
            "parameters": {
                "threshold": {"type": "float", "default": 0.5},
                "max_items": {"type": "int", "default": 100},
            }
        },
    }
    response = client.post("plugins/", json=plugin_data)
    assert response.status_code == 201
    new_plugin = response.json()
    assert new_plugin["id"] > 123
    assert {k: new_plugin[k] for k in plugin_data} == plugin_data
    assert client.get(f"plugins/{new_plugin['id']}/").json() == new_plugin


def test_update_plugin(client: httpx.Client) -> None:
    updated_data = {
        "description": "업데이트된 플러그인 설명",
        "version": "1.1.0",
        "configuration": {
            "parameters": {
                "threshold": {"type": "float", "default": 0.7},
                "max_items": {"type": "int", "default": 200},
                "new_param": {"type": "string", "default": "default_value"},
            }
        },
    }
    response = client.put("plugins/123/", json=updated_data)
    assert response.status_code == 200
    plugin = response.json()
    assert {k: plugin[k] for k in updated_data} == updated_data
    assert plugin["name"] == "My Custom Plugin"  # left out, kept
    assert plugin["modified"] > plugin["created"]


def test_run_plugin(client: httpx.Client) -> None:
    execution_data = {
        "parameters": {
            "threshold": 0.8,
            "max_items": 150,
            "input_path": "/data/input/",
            "output_path": "/data/output/",
        },
        "context": {"project_id": 123, "user_id": 456, "execution_mode": "batch"},
    }
    response = client.post("plugins/123/run/", json=execution_data)
    assert response.status_code == 200
    result = response.json()
    assert result == {"job_id": result["job_id"], "status": "queued"}
    job = client.get(f"jobs/{result['job_id']}/").json()
    assert job["plugin"] == 123
    assert job["user"] == 456


def test_get_plugin_release(client: httpx.Client) -> None:
    release = client.get("plugin_releases/456/").json()
    assert release["plugin"] == 123
    assert release["version"] == "2.0.0"
    expanded = client.get("plugin_releases/456/", params={"expand": "plugin"}).json()
    assert expanded["plugin"]["id"] == 123
    assert expanded["plugin"]["name"] == "My Custom Plugin"


def test_create_plugin_release(client: httpx.Client) -> None:
    package = b"PK\x03\x04 fake zip"
    release_data = {
        "plugin": "123",
        "version": "2.0.0",
        "changelog": "새로운 기능 및 버그 수정 추가",
        "is_stable": "True",
    }
    response = client.post(
        "plugin_releases/", data=release_data, files={"file": ("plugin_v2.zip", io.BytesIO(package))}
    )
    assert response.status_code == 201, response.text
    new_release = response.json()
    assert new_release["id"] > 456
    assert new_release["plugin"] == 123
    assert new_release["is_stable"] is True
    assert new_release["changelog"] == release_data["changelog"]
    assert new_release["size"] == len(package)
    assert new_release["file"].endswith("/plugin_v2.zip")


def test_get_job(client: httpx.Client) -> None:
    job = client.get("jobs/789/").json()
    assert job["id"] == 789
    assert job["status"]
    assert "logs" not in job
    job = client.get("jobs/789/", params={"expand": "logs"}).json()
    assert job["logs"]
    assert {"timestamp", "level", "message"} <= job["logs"][0].keys()


def test_list_jobs(client: httpx.Client) -> None:
    everything = client.get("jobs/").json()
    assert everything["count"] == len(everything["results"]) >= 5
    running = client.get("jobs/", params={"status": "running"}).json()
    assert running["count"] >= 1
    assert all(job["status"] == "running" for job in running["results"])
    plugin_jobs = client.get("jobs/", params={"plugin": 123}).json()
    assert plugin_jobs["count"] == everything["count"]
    recent_date = (datetime.now() - timedelta(days=7)).isoformat()
    recent = client.get("jobs/", params={"created_after": recent_date}).json()
    assert 0 < recent["count"] < everything["count"]  # job 785 is a month old


def test_update_job(client: httpx.Client) -> None:
    assert client.patch("jobs/789/", json={"status": "completed"}).json()["status"] == "completed"
    result = {
        "output_files": ["file1.txt", "file2.txt"],
        "metrics": {"accuracy": 0.95, "processing_time": 120},
    }
    job = client.patch("jobs/789/", json={"status": "completed", "result": result}).json()
    assert job["result"] == result
    job = client.patch(
        "jobs/789/",
        json={"progress": 75, "status": "running", "metadata": {"current_step": "processing_images"}},
    ).json()
    assert (job["progress"], job["status"], job["metadata"]) == (
        75,
        "running",
        {"current_step": "processing_images"},
    )
    assert client.get("jobs/789/", params={"expand": "result"}).json()["result"] == result


def test_list_job_console_logs(client: httpx.Client) -> None:
    logs = client.get("jobs/789/console_logs/").json()
    assert isinstance(logs, list) and logs
    for entry in logs:
        assert entry["timestamp"].endswith("Z")
        assert entry["level"] in {"INFO", "WARNING", "ERROR", "DEBUG"}
        assert entry["message"]


def test_list_storages(client: httpx.Client) -> None:
    storages = client.get("storages/").json()["results"]
    assert {(s["name"], s["provider"]) for s in storages} >= {("My S3 Storage", "amazon_s3")}


def test_get_storage(client: httpx.Client) -> None:
    storage = client.get("storages/123/").json()
    assert storage["name"] == "My S3 Storage"
    assert storage["provider"] == "amazon_s3"
    assert storage["configuration"]["bucket_name"] == "my-bucket"
    assert storage["configuration"]["region"] == "us-west-2"


def test_create_storage(client: httpx.Client) -> None:
    s3 = client.post(
        "storages/",
        json={
            "name": "My S3 Storage",
            "provider": "amazon_s3",
            "category": "external",
            "configuration": {
                "bucket_name": "my-bucket",
                "region": "us-west-2",
                "access_key_id": "YOUR_ACCESS_KEY",
                "secret_access_key": "YOUR_SECRET_KEY",
            },
        },
    )
    assert s3.status_code == 201
    assert s3.json()["id"] > 124
    local = client.post(
        "storages/",
        json={
            "name": "Local Storage",
            "provider": "file_system",
            "category": "internal",
            "configuration": {"base_path": "/data/storage", "permissions": "755"},
        },
    )
    assert local.status_code == 201
    assert local.json()["configuration"] == {"base_path": "/data/storage", "permissions": "755"}


def test_robust_plugin_execution_error_paths(client: httpx.Client) -> None:
    # The documentation's error handling example branches on 404 and 400.
    assert client.post("plugins/99999/run/", json={"parameters": {}}).status_code == 404
    bad = client.post("plugins/123/run/", json={"parameters": "not-an-object"})
    assert bad.status_code == 400
    assert "parameters" in bad.json()
