"""The list endpoints of WIRE-8: agents, plugins, plugin releases; ordering and search on jobs."""

from __future__ import annotations

import httpx

from synapse_sdk.devserver import DevServer

PAGE_KEYS = {"count", "next", "previous", "results"}


def _ids(page: dict[str, object]) -> list[object]:
    results = page["results"]
    assert isinstance(results, list)
    return [item["id"] for item in results]


def test_agents(client: httpx.Client) -> None:
    page = client.get("agents/").json()
    assert set(page) == PAGE_KEYS and page["count"] == 3
    agent = page["results"][0]
    assert set(agent) == {"id", "name", "status", "url", "last_seen", "created", "modified"}
    offline = client.get("agents/", params={"status": "offline"}).json()["results"]
    assert [(a["name"], a["url"], a["last_seen"]) for a in offline] == [("cpu-agent-02", None, None)]
    assert _ids(client.get("agents/", params={"search": "GPU"}).json()) == [1]
    assert (
        client.get("agents/", params={"page_size": 1}).json()["next"].endswith("agents/?page_size=1&page=2")
    )


def test_agent_last_seen_follows_connect(client: httpx.Client, anonymous: httpx.Client) -> None:
    before = {a["id"]: a["last_seen"] for a in client.get("agents/").json()["results"]}
    anonymous.post("agents/my-agent-token/connect/")
    after = {a["id"]: a["last_seen"] for a in client.get("agents/").json()["results"]}
    assert after[2] >= before[2] and after[1] == before[1]


def test_plugins(client: httpx.Client) -> None:
    client.post("plugins/", json={"name": "Zeta exporter", "category": "export", "description": "writes CSV"})
    everything = client.get("plugins/").json()
    assert everything["count"] == 2 and set(everything["results"][0]) >= {"id", "name", "configuration"}
    assert _ids(client.get("plugins/", params={"category": "export"}).json()) == [124]
    # Name or description, case-insensitively.
    assert _ids(client.get("plugins/", params={"search": "csv"}).json()) == [124]
    assert _ids(client.get("plugins/", params={"search": "custom"}).json()) == [123]
    assert _ids(client.get("plugins/", params={"ordering": "-name"}).json()) == [124, 123]
    assert _ids(client.get("plugins/", params={"ordering": "name"}).json()) == [123, 124]


def test_plugin_releases(client: httpx.Client) -> None:
    created = client.post(
        "plugin_releases/", data={"plugin": "123", "version": "3.0"}, files={"file": ("p.zip", b"z")}
    ).json()
    page = client.get("plugin_releases/", params={"plugin": 123}).json()
    assert _ids(page) == [created["id"], 456]  # newest first
    assert page["results"][0] == created
    assert _ids(client.get("plugin_releases/", params={"ordering": "id"}).json()) == [456, created["id"]]
    assert client.get("plugin_releases/", params={"plugin": 999}).json()["count"] == 0
    # A plugin is an id or (production dialect) a code: an unknown code matches nothing.
    assert client.get("plugin_releases/", params={"plugin": "x"}).json()["count"] == 0
    assert client.get("plugin_releases/", params={"plugin": "x y"}).status_code == 400


def test_job_ordering_and_search(client: httpx.Client) -> None:
    ids = [
        job["id"] for job in client.get("jobs/", params={"ordering": "id", "plugin": 123}).json()["results"]
    ]
    integers = [pk for pk in ids if isinstance(pk, int)]
    assert integers == sorted(integers)
    by_status = client.get("jobs/", params={"ordering": "-status"}).json()["results"]
    statuses = [job["status"] for job in by_status]
    assert statuses == sorted(statuses, reverse=True)
    found = client.get("jobs/", params={"search": "missing"}).json()  # in job 786's metadata
    assert _ids(found) == [786]
    assert _ids(client.get("jobs/", params={"search": "My Custom"}).json())  # the plugin's name


def test_every_declared_field_is_rendered(client: httpx.Client, server: DevServer) -> None:
    job = client.patch("jobs/789/", json={"status": "running"}).json()
    assert {"plugin", "user", "metadata", "created", "modified"} <= set(job)
    storage = client.post("storages/", json={"name": "s", "provider": "minio"}).json()
    assert storage["category"] == "external" and "configuration" in storage
