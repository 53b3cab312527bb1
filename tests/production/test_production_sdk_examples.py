"""The production SDK's own docstring examples (synapse-sdk 2026.2.17,
clients/backend/integration.py and clients/backend/__init__.py), written out call for call, run
against the local backend in its production dialect: a user of the production SDK changes the
import and nothing else. The production SDK is neither installed nor vendored; its paths
(`/path/to/plugin.zip`) become real files, and what the examples name (`foo`, `42`) is made first.

Where this client deliberately answers otherwise (docs/production-sdk.md), the test says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient
from synapse_sdk.clients.exceptions import ValidationError
from synapse_sdk.devserver import DevServer

from .conftest import EXAMPLE_JOB

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    plugin = tmp_path / "plugin.zip"
    plugin.write_bytes(b"PK\x05\x06" + bytes(18))
    result = tmp_path / "result.png"
    result.write_bytes(PNG)
    return {"/path/to/plugin.zip": str(plugin), "/path/to/result.png": str(result)}


@pytest.fixture
def client(production: DevServer) -> Iterator[BackendClient]:
    # The production SDK's own construction example, with its timeout dict.
    with BackendClient(
        production.url, access_token="abc123", tenant="my-tenant", timeout={"connect": 5, "read": 15}
    ) as made:
        yield made


def _foo_release(client: BackendClient, files: dict[str, str]) -> dict[str, Any]:
    """What `get_plugin_release_by_lookup('foo@1.0.0')` names: plugin `foo` (with the `manifest`
    the agent bootstrap reads) and its release 1.0.0."""
    client.create_plugin({"name": "Foo", "code": "foo"}, extra_body={"manifest": {"actions": ["train"]}})
    return client.create_plugin_release(
        {"plugin": "foo", "version": "1.0.0"}, file=files["/path/to/plugin.zip"]
    )


def test_run_plugin(client: BackendClient) -> None:
    result = client.run_plugin(
        "yolov8",
        {
            "agent": 1,
            "action": "deployment",
            "params": {"num_cpus": 8},
        },
    )
    assert result["status"] == "PENDING"
    job = client.get_job(result["job_id"])
    assert job["action"] == "deployment" and job["params"] == {"num_cpus": 8}


def test_get_plugin_release_by_lookup(client: BackendClient, files: dict[str, str]) -> None:
    created = _foo_release(client, files)
    release = client.get_plugin_release_by_lookup("foo@1.0.0")
    assert release["id"] == created["id"] and release["version"] == "1.0.0"
    assert isinstance(release["plugin"], dict)

    plugin_code, version = "foo", "1.0.0"
    # Agent bootstrap usage (replaces private ``_get`` calls):
    release = client.get_plugin_release_by_lookup(f"{plugin_code}@{version}")
    manifest = release["plugin"]["manifest"]
    assert manifest == {"actions": ["train"]}

    # Numeric PK is also accepted by the same endpoint:
    assert client.get_plugin_release_by_lookup(str(created["id"]))["id"] == created["id"]
    assert isinstance(client.get_plugin_release_by_lookup("foo@1.0.0", expand=None)["plugin"], int)


def test_create_plugin_release(client: BackendClient, files: dict[str, str]) -> None:
    release = client.create_plugin_release(
        {"plugin": 123, "version": "1.0.0"}, file=files["/path/to/plugin.zip"]
    )
    assert release["plugin"] == 123 and release["size"] == 22
    # The production fields, with the plugin as its code (PluginReleaseCreateRequest).
    full = client.create_plugin_release(
        {
            "plugin": "yolov8",
            "version": "2.0.0",
            "config": {"a": 1},
            "requirements": ["numpy"],
            "debug": True,
        },
        file=files["/path/to/plugin.zip"],
    )
    assert (full["config"], full["requirements"], full["debug"]) == ({"a": 1}, ["numpy"], True)


def test_update_job(client: BackendClient) -> None:
    job = client.update_job(
        "550e8400-e29b-41d4-a716-446655440000",
        {
            "status": "RUNNING",  # Use uppercase: PENDING, RUNNING, STOPPED, SUCCEEDED, FAILED
            "progress_record": {"step": 5, "total": 100},
        },
    )
    assert job["status"] == "RUNNING" and job["progress_record"] == {"step": 5, "total": 100}
    # What plugins send beside it (UpdateJobRequest): all known fields, none refused.
    client.update_job(
        EXAMPLE_JOB,
        {
            "metrics_record": {"loss": 0.1},
            "console_logs": [{"message": "epoch 1"}],
            "meta": {},
            "result": [1],
        },
    )
    with pytest.raises(
        ValidationError, match="progress_recrod: unknown field, did you mean 'progress_record'"
    ):
        client.update_job(EXAMPLE_JOB, {"progress_recrod": {}})


def test_create_logs(client: BackendClient, files: dict[str, str], production: DevServer) -> None:
    entry = {
        "message": "Training complete",
        "level": "info",
        "file": "/path/to/result.png",  # Auto-converted to base64
    }
    entry["file"] = files[entry["file"]]
    written = client.create_logs(entry)
    assert isinstance(written, dict) and written["message"] == "Training complete"
    assert production.store.log_file_path(written["id"]).read_bytes() == PNG  # decoded by the server
    assert entry["file"] == files["/path/to/result.png"]  # the caller's dict is left as it was
    several = client.create_logs([{"message": "a"}, {"message": "b", "level": "warning"}])
    assert isinstance(several, list) and [e["message"] for e in several] == ["a", "b"]


def test_the_methods_without_an_example(client: BackendClient) -> None:
    """The rest of the production mixin, called as its signatures say."""
    agents = client.list_agents()
    assert agents[0]["token"] == "agent-token-123"
    assert client.health_check_agent("agent-token-123")["status"] == "healthy"
    assert [r["version"] for r in client.list_plugin_releases("yolov8")] == ["1.0.0"]
    assert client.list_plugin_releases("yolov8", params={"ordering": "-created"})[0]["id"] == 500
    assert client.get_plugin_release(500, params={"expand": "plugin"})["plugin"]["code"] == "yolov8"
    assert client.get_job(EXAMPLE_JOB, params={"expand": "logs"})["id"] == EXAMPLE_JOB
    assert client.get_storage(123)["is_default"] is False
    app = client.create_serve_application({"job": EXAMPLE_JOB, "status": "RUNNING", "data": {"route": "/"}})
    assert app["job"] == EXAMPLE_JOB
    page = client.list_serve_applications()
    assert page["count"] == 1 and page["results"][0]["id"] == app["id"]
    applications, count = client.list_serve_applications(list_all=True)
    assert count == 1 and [a["id"] for a in applications] == [app["id"]]
    # Deliberate difference: list_jobs returns the page's (jobs, total_count), not the raw page.
    jobs, total = client.list_jobs({"status": "RUNNING"})
    assert total == len(jobs) >= 1 and all(job["status"] == "RUNNING" for job in jobs)


def test_the_same_calls_async(production: DevServer, files: dict[str, str]) -> None:
    async def main() -> None:
        async with AsyncBackendClient(
            production.url, access_token="abc123", timeout={"connect": 5, "read": 15}
        ) as client:
            run = await client.run_plugin(
                "yolov8", {"agent": 1, "action": "deployment", "params": {"num_cpus": 8}}
            )
            assert run["status"] == "PENDING"
            await client.update_job(
                EXAMPLE_JOB, {"status": "RUNNING", "progress_record": {"step": 5, "total": 100}}
            )
            await client.create_plugin({"name": "Foo", "code": "foo"})
            created = await client.create_plugin_release(
                {"plugin": "foo", "version": "1.0.0"}, file=files["/path/to/plugin.zip"]
            )
            release = await client.get_plugin_release_by_lookup("foo@1.0.0")
            assert release["id"] == created["id"] and release["plugin"]["code"] == "foo"
            assert [r["version"] for r in await client.list_plugin_releases("foo")] == ["1.0.0"]
            written = await client.create_logs({"message": "done", "file": files["/path/to/result.png"]})
            assert isinstance(written, dict)
            assert production.store.log_file_path(written["id"]).read_bytes() == PNG
            await client.create_serve_application({"job": run["job_id"]})
            applications, count = await client.list_serve_applications(list_all=True)
            assert count == 1 and [a["job"] async for a in applications] == [run["job_id"]]

    asyncio.run(main())
