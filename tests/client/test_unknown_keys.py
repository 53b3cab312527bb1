"""A misspelled key never reaches the server: bodies and filters are checked against the keys the
document names (read from the generated TypedDicts), before anything is sent."""

from __future__ import annotations

import json
import typing
from typing import Any

import pytest

from synapse_sdk.clients import types
from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.clients.exceptions import ClientError, ValidationError
from tests.canned import Canned, CannedServer

JOB = b'{"id": 789, "status": "running"}'

# (method, arguments with one typo, the misspelled key, the documented key it should suggest)
TYPOS: list[tuple[str, tuple[Any, ...], str, str]] = [
    ("update_job", (789, {"stauts": "completed"}), "stauts", "status"),
    ("update_job", (789, {"progres": 75}), "progres", "progress"),
    ("update_job", (789, {"metdata": {}}), "metdata", "metadata"),
    ("run_plugin", (123, {"paramters": {"threshold": 0.8}}), "paramters", "parameters"),
    ("run_plugin", (123, {"parameters": {}, "contxt": {}}), "contxt", "context"),
    ("create_plugin", ({"name": "p", "descripton": "x"},), "descripton", "description"),
    ("create_plugin", ({"name": "p", "configuraton": {}},), "configuraton", "configuration"),
    (
        "update_plugin",
        (
            123,
            {"verison": "1.1"},
        ),
        "verison",
        "version",
    ),
    ("create_storage", ({"name": "s", "provider": "gcp", "categroy": "internal"},), "categroy", "category"),
    (
        "create_plugin_release",
        ({"plugin": 1, "version": "1", "file": b"x", "is_stabel": True},),
        "is_stabel",
        "is_stable",
    ),
    (
        "create_plugin_release",
        ({"plugin": 1, "version": "1", "file": b"x", "changelgo": "x"},),
        "changelgo",
        "changelog",
    ),
    ("list_jobs", ({"stauts": "running"},), "stauts", "status"),
    ("list_jobs", ({"plugn": 123},), "plugn", "plugin"),
    ("list_jobs", ({"created_afer": "2025-01-01"},), "created_afer", "created_after"),
    ("list_jobs", ({"page_szie": 10},), "page_szie", "page_size"),
    ("list_jobs", ({"oredring": "-created"},), "oredring", "ordering"),
    ("iter_jobs", ({"usr": 1},), "usr", "user"),
    ("get_job", (789, {"expnad": "logs"}), "expnad", "expand"),
    ("get_plugin_release", (456, {"exapnd": "plugin"}), "exapnd", "expand"),
    ("list_plugins", ({"serach": "x"},), "serach", "search"),
    ("list_plugin_releases", ({"plugins": 123},), "plugins", "plugin"),
    ("list_agents", ({"stat": "healthy"},), "stat", "status"),
    ("list_storages", ({"pagesize": 5},), "pagesize", "page_size"),
]


def _call(client: BackendClient, method: str, args: tuple[Any, ...], **kwargs: Any) -> Any:
    result = getattr(client, method)(*args, **kwargs)
    return list(result) if method.startswith("iter_") else result


@pytest.mark.parametrize(("method", "args", "typo", "meant"), TYPOS, ids=[f"{t[0]}-{t[2]}" for t in TYPOS])
def test_a_misspelled_key_is_refused_naming_the_closest_one(
    canned: CannedServer, method: str, args: tuple[Any, ...], typo: str, meant: str
) -> None:
    with BackendClient(canned.url) as client, pytest.raises(ValidationError) as info:
        _call(client, method, args)
    error = info.value
    assert canned.requests == []
    assert isinstance(error, ClientError) and error.status_code == 400
    assert list(error.response) == [typo]
    assert error.response[typo][0].startswith(f"unknown field, did you mean {meant!r}?")
    assert error.local and str(error).startswith(f"not sent: {typo}: unknown field, did you mean {meant!r}?")
    assert "extra_" in error.detail  # says how to send it anyway


def test_every_problem_is_named_at_once(canned: CannedServer) -> None:
    with BackendClient(canned.url) as client, pytest.raises(ValidationError) as info:
        client.create_storage({"category": "internal"})
    assert info.value.response == {
        "name": ["This field is required."],
        "provider": ["This field is required."],
    }
    with pytest.raises(ValidationError) as info:
        client.create_plugin_release({"plugn": 1, "file": b"x"})
    assert set(info.value.response) == {"plugin", "version", "plugn"}
    assert canned.requests == []


def test_keys_inside_free_form_objects_are_the_callers_own(canned: CannedServer) -> None:
    canned.reply = Canned(body=JOB)
    with BackendClient(canned.url) as client:
        client.run_plugin(123, {"parameters": {"paramters": 1, "any key": [1]}, "context": {"stauts": "x"}})
        client.update_job(789, {"result": {"anything": 1}, "metadata": {"stauts": 2}})
        client.create_plugin({"name": "p", "configuration": {"parameters": {"x": {"type": "float"}}}})
        client.create_storage(
            {"name": "s", "provider": "minio", "configuration": {"endpoint_url": "http://m"}}
        )
    assert len(canned.requests) == 4


def test_extra_body_and_extra_query_are_the_one_way_through(canned: CannedServer) -> None:
    canned.reply = Canned(body=JOB)
    with BackendClient(canned.url) as client:
        client.update_job(789, {"status": "running"}, extra_body={"eta_seconds": 30})
        client.get_job(789, {"expand": "logs"}, extra_query={"fields": "id,status"})
        client.create_plugin_release(
            {"plugin": 1, "version": "1", "file": b"PK"},
            extra_body={"meta": {"name": "bench", "debug": False}},
        )
    patch, get, upload = canned.requests
    assert json.loads(patch[3]) == {"status": "running", "eta_seconds": 30}
    assert get[1] == "/jobs/789/?fields=id%2Cstatus&expand=logs"
    assert b'name="meta"' in upload[3]


def test_extra_body_must_be_a_dict(canned: CannedServer) -> None:
    with (
        BackendClient(canned.url) as client,
        pytest.raises(ValidationError, match="extra_body: expected a dict"),
    ):
        client.update_job(789, {}, extra_body=["x"])  # type: ignore[arg-type]
    assert canned.requests == []


def test_known_keys_come_from_the_document() -> None:
    """The lists are the generated TypedDicts' keys, not a hand-kept copy: each request body's
    TypedDict names exactly the properties of its schema in the bundled document."""
    from pathlib import Path

    document = json.loads(
        (Path(__file__).resolve().parents[2] / "synapse_sdk" / "devserver" / "openapi.json").read_text()
    )
    schemas = document["components"]["schemas"]

    def properties(name: str) -> set[str]:
        schema = schemas[name]
        found = set(schema.get("properties", {}))
        for part in schema.get("allOf", []):
            found |= (
                properties(part["$ref"].rsplit("/", 1)[-1])
                if "$ref" in part
                else set(part.get("properties", {}))
            )
        return found

    for name in (
        "PluginCreate",
        "PluginUpdate",
        "PluginRunRequest",
        "PluginReleaseCreate",
        "JobUpdate",
        "StorageCreate",
    ):
        shape = getattr(types, name)
        assert set(typing.get_type_hints(shape)) == properties(name), name
    list_jobs = document["paths"]["/jobs/"]["get"]["parameters"]
    names = {p["name"] for p in list_jobs if "name" in p} | {"ordering", "page", "page_size"}
    assert set(typing.get_type_hints(types.ListJobsParams)) == names
