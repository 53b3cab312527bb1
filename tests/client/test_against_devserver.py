"""The client against the local backend: error paths end to end, the async twin, pagination, a job
that advances over time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from synapse_sdk.clients import exceptions as exc
from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient
from synapse_sdk.devserver import DevServer


@pytest.fixture(scope="module")
def server() -> Iterator[DevServer]:
    with DevServer(
        tokens=["good-token", "reader-token"], readonly_tokens=["reader-token"], job_duration=1.0
    ) as s:
        yield s


def test_no_credentials_is_an_authentication_error(server: DevServer) -> None:
    with BackendClient(server.url) as client, pytest.raises(exc.AuthenticationError) as info:
        client.get_plugin(123)
    assert info.value.status_code == 401
    assert info.value.response == {"detail": "Authentication credentials were not provided."}


def test_rejected_token_is_an_authentication_error(server: DevServer) -> None:
    with (
        BackendClient(server.url, access_token="wrong-token") as client,
        pytest.raises(exc.AuthenticationError) as info,
    ):
        client.get_plugin(123)
    assert "wrong-token" not in str(info.value) + repr(info.value)


def test_read_only_token_may_read_but_not_write(server: DevServer) -> None:
    with BackendClient(server.url, access_token="reader-token") as client:
        assert client.get_plugin(123)["id"] == 123
        with pytest.raises(exc.PermissionDeniedError) as info:
            client.update_plugin(123, {"version": "9"})
    assert info.value.status_code == 403 and info.value.method == "PUT"


def test_missing_objects_are_not_found(server: DevServer) -> None:
    with BackendClient(server.url, access_token="good-token") as client:
        for call in (
            lambda: client.get_plugin(999_999),
            lambda: client.get_job(999_999),
            lambda: client.get_job("0b7e1e4c-8f0a-4a57-9d1e-000000000000"),
            lambda: client.get_storage(999_999),
            lambda: client.health_check_agent("no-such-agent"),
            lambda: client.run_plugin(999_999, {}),
        ):
            with pytest.raises(exc.NotFoundError) as info:
                call()
            assert info.value.response == {"detail": "Not found."} and "no-such-agent" not in str(info.value)


def test_server_side_validation_names_the_field(server: DevServer) -> None:
    with (
        BackendClient(server.url, access_token="good-token") as client,
        pytest.raises(exc.ValidationError) as info,
    ):
        client.update_job(789, {"progress": 150})
    assert info.value.status_code == 400 and "progress" in info.value.response
    assert str(info.value).startswith("400 PATCH ")


def test_page_beyond_the_end(server: DevServer) -> None:
    with BackendClient(server.url, access_token="good-token") as client, pytest.raises(exc.NotFoundError):
        client.list_jobs({"page": 10_000})


def test_iter_jobs_walks_every_page_once(server: DevServer) -> None:
    with BackendClient(server.url, access_token="good-token") as client:
        for _ in range(7):
            client.run_plugin(123, {"parameters": {}})
        _, total = client.list_jobs()
        ids = [job["id"] for job in client.iter_jobs({"page_size": 2})]
    assert len(ids) == total == len(set(ids))


def test_a_run_advances_to_completion(server: DevServer) -> None:
    with BackendClient(server.url, access_token="good-token") as client:
        job_id = client.run_plugin(123, {"parameters": {"threshold": 0.8}})["job_id"]
        seen = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            job = client.get_job(job_id)
            seen.append((job["status"], job.get("progress")))
            if job["status"] == "completed":
                break
            time.sleep(0.1)
        logs = client.list_job_console_logs(job_id)
    statuses = [status for status, _ in seen]
    assert statuses[-1] == "completed" and "running" in statuses
    progress = [p for _, p in seen if p is not None]
    assert progress == sorted(progress) and progress[-1] == 100
    assert len(logs) >= 2 and logs == sorted(logs, key=lambda entry: entry["timestamp"])


def test_async_twin_end_to_end(server: DevServer) -> None:
    async def main() -> None:
        async with AsyncBackendClient(server.url, access_token="good-token") as client:
            plugin, job, storages = await asyncio.gather(
                client.get_plugin(123), client.get_job(789, params={"expand": "logs"}), client.list_storages()
            )
            assert plugin["id"] == 123 and isinstance(job["logs"], list) and storages
            created = await client.create_plugin({"name": "Async plugin"})
            assert created["name"] == "Async plugin"
            release = await client.create_plugin_release(
                {"plugin": created["id"], "version": "1.0", "file": b"PK"}
            )
            assert release["plugin"] == created["id"]
            ids = [j["id"] async for j in client.iter_jobs({"page_size": 1})]
            assert len(ids) == (await client.list_jobs())[1]
            with pytest.raises(exc.NotFoundError):
                await client.get_plugin(999_999)

    asyncio.run(main())
