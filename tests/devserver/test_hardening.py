"""One request cannot break the local backend: nesting bounds, iterative walks, ordering, seeding.

Issue 20 item 7: a storage whose configuration nested 600 levels was answered 500 but stored,
and every later list of storages was a 500 across restarts; `ordering=metadata` was a 500; a
server killed while seeding never started again.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from synapse_sdk.clients import _redact
from synapse_sdk.devserver import DevServer, DevServerProcess, masking
from synapse_sdk.devserver.limits import MAX_DEPTH

from .conftest import AUTH

ROOT = Path(__file__).resolve().parents[2]


def nested(levels: int, leaf: Any = "x", key: str = "a") -> Any:
    """``levels`` objects within each other around ``leaf``; built without recursion."""
    value = leaf
    for _ in range(levels):
        value = {key: value}
    return value


def nested_json(levels: int, field: str, **others: str) -> bytes:
    """A JSON body whose ``field`` nests ``levels`` objects, as text (encoders recurse)."""
    head = "".join(f'"{name}": "{value}", ' for name, value in others.items())
    return ("{" + head + f'"{field}": ' + '{"a": ' * levels + '"x"' + "}" * levels + "}").encode()


def innermost(value: Any, key: str = "a") -> tuple[Any, int]:
    levels = 0
    while isinstance(value, dict) and key in value:
        value, levels = value[key], levels + 1
    return value, levels


@pytest.mark.parametrize(
    ("path", "field", "levels"),
    [("storages/", "configuration", 600), ("plugins/", "configuration", 980), ("plugins/", "extra", 5000)],
)
def test_deep_nesting_is_refused_and_nothing_is_stored(
    client: httpx.Client, path: str, field: str, levels: int
) -> None:
    before = client.get(path).json()["count"]
    body = nested_json(levels, field, name="deep", provider="amazon_s3")
    reply = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert reply.status_code == 400, reply.text
    # Past the bound, or so deep that it cannot even be decoded: the same bound is named.
    assert f"at most {MAX_DEPTH} levels" in reply.text
    listing = client.get(path)
    assert listing.status_code == 200
    assert listing.json()["count"] == before


def test_a_list_body_nested_too_deeply_is_refused(client: httpx.Client) -> None:
    reply = client.patch("jobs/789/", json={"metadata": {"x": [nested(MAX_DEPTH)]}})
    assert reply.status_code == 400
    assert list(reply.json()) == ["metadata"]
    assert client.get("jobs/789/").json()["metadata"] == {"current_step": "processing_images"}


def test_nesting_up_to_the_bound_is_kept(client: httpx.Client) -> None:
    # The body is level 1: its configuration may hold MAX_DEPTH - 1 levels, and holds them all.
    deepest = nested(MAX_DEPTH - 1, leaf="bottom")
    created = client.post("storages/", json={"name": "d", "provider": "minio", "configuration": deepest})
    assert created.status_code == 201, created.text
    stored = client.get(f"storages/{created.json()['id']}/").json()["configuration"]
    assert innermost(stored) == ("bottom", MAX_DEPTH - 1)
    one_more = {"name": "d", "provider": "minio", "configuration": nested(MAX_DEPTH, leaf="bottom")}
    assert client.post("storages/", json=one_more).status_code == 400


def test_stored_data_deeper_than_the_bound_still_reads(server: DevServer, client: httpx.Client) -> None:
    # A database written before the bound existed: reading walks it without recursion.
    configuration = nested(700, leaf={"password": "hunter2-deep", "region": "eu"})
    server.store.insert(
        "storages",
        {
            "data": json.dumps({"name": "old", "provider": "amazon_s3", "configuration": configuration}),
            "created": 0,
        },
    )
    listing = client.get("storages/")
    assert listing.status_code == 200, listing.text
    old = next(s for s in listing.json()["results"] if s["name"] == "old")
    leaf, levels = innermost(old["configuration"])
    assert levels == 700
    assert leaf == {"password": masking.MASK, "region": "eu"}
    assert "hunter2-deep" not in listing.text


def test_masking_uses_the_clients_list_of_secret_keys(client: httpx.Client) -> None:
    assert masking.SECRET_KEY_PATTERN is _redact.SECRET_KEY_PATTERN  # one list, not a copy
    configuration = {
        "connection_string": "DefaultEndpointsProtocol=https;AccountKey=abc123",
        "sas_token": "sv=2020&sig=zzz",
        "apikey": "k-123456",
        "container": "photos",
        "nested": [{"Secret_Access_Key": "s3cr3t-value"}],
        "password": "",
    }
    created = client.post(
        "storages/", json={"name": "az", "provider": "azure", "configuration": configuration}
    )
    assert created.status_code == 201
    shown = client.get(f"storages/{created.json()['id']}/").json()["configuration"]
    assert shown == {
        "connection_string": masking.MASK,
        "sas_token": masking.MASK,
        "apikey": masking.MASK,
        "container": "photos",
        "nested": [{"Secret_Access_Key": masking.MASK}],
        "password": "",  # nothing to hide: an empty value stays visible, so a user sees it is unset
    }


@pytest.mark.parametrize(
    ("path", "ordering", "field"),
    [
        ("jobs/", "metadata", "metadata"),
        ("jobs/", "-created,result", "result"),
        ("plugins/", "configuration", "configuration"),
        ("plugin_releases/", "plugin", "plugin"),
    ],
)
def test_an_ordering_that_cannot_sort_is_a_400_naming_what_can(
    client: httpx.Client, path: str, ordering: str, field: str
) -> None:
    reply = client.get(path, params={"ordering": ordering})
    assert reply.status_code == 400, reply.text
    (message,) = reply.json()["ordering"]
    assert f'Cannot order by "{field}": its values are objects or lists.' in message
    assert "created" in message.split("Order by one of:")[1]


def test_an_unknown_ordering_field_is_ignored_as_drf_does(client: httpx.Client) -> None:
    def ids(params: dict[str, str]) -> list[object]:
        return [job["id"] for job in client.get("jobs/", params=params).json()["results"]]

    assert ids({"ordering": "-craeted"}) == ids({})


@pytest.mark.parametrize("ordering", ["progress", "-progress"])
def test_orderings_on_plain_fields_sort(client: httpx.Client, ordering: str) -> None:
    jobs = client.get("jobs/", params={"ordering": ordering}).json()["results"]
    progress = [job["progress"] for job in jobs]
    assert len(set(progress)) > 2
    assert progress == sorted(progress, reverse=ordering.startswith("-"))


# The child seeds a file database and stops (sleeps) just after the release's package is written,
# with the agents and the plugin already inserted in the open transaction; the test SIGKILLs it there.
_SEED_AND_HANG = """
import pathlib, sys, time
from synapse_sdk.devserver import seed
from synapse_sdk.devserver.store import Store

write_bytes = pathlib.Path.write_bytes

def hang_after_writing(self, data):
    written = write_bytes(self, data)
    print("seeding", len(store.list_agents(None, None)), flush=True)
    time.sleep(120)
    return written

pathlib.Path.write_bytes = hang_after_writing
store = Store(sys.argv[1])
seed.populate(store)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_server_killed_while_seeding_starts_cleanly_next_time(tmp_path: Path) -> None:
    db = tmp_path / "dev.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _SEED_AND_HANG, str(db)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None
        # Mid-seed: three agents inserted, not committed.
        assert child.stdout.readline().split() == ["seeding", "3"]
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM agents").fetchone() == (0,)  # nothing half-seeded
    raw.close()
    with DevServerProcess(db=str(db)) as server:
        base = server.url
        assert httpx.get(f"{base}plugins/123/", headers=AUTH).json()["name"] == "My Custom Plugin"
        assert httpx.get(f"{base}agents/", headers=AUTH).json()["count"] == 3
        release = httpx.get(f"{base}plugin_releases/456/", headers=AUTH)
        assert release.status_code == 200
        assert httpx.get(f"{base}jobs/789/", headers=AUTH).json()["status"] == "running"


@pytest.mark.parametrize("job", [1.5, 1e300, True, "789"])
def test_an_id_of_the_wrong_type_in_a_body_is_a_quick_400(client: httpx.Client, job: Any) -> None:
    # Schemathesis found it: `{"job": 1.5}` was checked against range(-2**63, 2**63), which
    # compares a float element by element and held the server for ever.
    reply = client.post("serve_applications/", json={"job": job}, timeout=30)
    assert reply.status_code == 400, reply.text
    assert "job" in reply.json()
