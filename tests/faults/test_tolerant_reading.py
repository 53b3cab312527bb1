"""Tolerant reading: unknown fields, unknown enum values, nulls and absent optional fields never
raise, and every reply comes back exactly as the server sent it (date-time strings included);
unknown values in requests are carried through to the wire."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.faultserver import Arrival, Fault, FaultServer

from .helpers import Api

JOB_UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
WHEN = "2025-01-15T09:30:00.000000Z"
JOB: dict[str, Any] = {
    "id": 7,
    "plugin": None,
    "status": "ARCHIVED",
    "progress": None,
    "result": {"accuracy": 0.93, "artifacts": None},
    "metadata": {},
    "created": WHEN,
    "modified": "2025-01-15T18:30:00.123456+09:00",
    "logs": [{"timestamp": WHEN, "level": "TRACE", "message": "시작", "thread": 3}],
    "gpu_seconds": 12.5,
    "labels": {"team": None},
}  # no user, no metrics
NEW_JOB = {"id": JOB_UUID, "status": "QUEUED_FOR_GPU", "created": "2025-01-15T09:30:00Z"}
STORAGE: dict[str, Any] = {
    "id": 4,
    "name": "b2",
    "provider": "backblaze_b2",
    "category": "hybrid",
    "configuration": None,
    "is_default": None,
    "created": WHEN,
}
PLUGIN = {"id": 1, "name": "p", "version": None, "fields": {"anything": [1, {"x": None}]}, "owner": {"id": 9}}
RELEASE = {
    "id": 3,
    "plugin": PLUGIN,
    "version": "1.0.0",
    "file": None,
    "checksum": "sha256:abc",
    "is_stable": None,
}
REPLIES: dict[str, tuple[tuple[Any, ...], Any]] = {
    "get_job": ((7, {"expand": ["logs", "metrics"]}), JOB),
    "update_job": ((7, {"status": "ARCHIVED", "progress": 100}), JOB),
    "get_storage": ((4,), STORAGE),
    "create_storage": (({"name": "b2", "provider": "backblaze_b2", "category": "hybrid"},), STORAGE),
    "get_plugin": ((1,), PLUGIN),
    "update_plugin": ((1, {"name": "p", "description": None}), PLUGIN),
    "create_plugin": (({"name": "p"},), PLUGIN),
    "get_plugin_release": ((3, {"expand": "plugin"}), RELEASE),
    "run_plugin": ((1, {}), {"job_id": JOB_UUID, "status": "PENDING", "eta": None}),
    "health_check_agent": (
        ("tok-abcd",),
        {"status": "degraded", "connected": None, "region": "ap-northeast-2"},
    ),
    "list_job_console_logs": (
        (JOB_UUID,),
        [{"timestamp": WHEN, "level": "TRACE", "message": None, "pid": 1}],
    ),
}


@pytest.mark.parametrize("name", REPLIES)
def test_reply_comes_back_exactly_as_sent(api: Api, server: FaultServer, name: str) -> None:
    """Unknown fields and enum values, nulls and absent fields: the result equals the JSON sent."""
    args, reply = REPLIES[name]
    server.default = Fault.json(200, reply)
    result = api.call(name, *args)
    assert result == reply
    assert json.dumps(result, sort_keys=True) == json.dumps(reply, sort_keys=True)


def test_date_time_strings_are_returned_byte_for_byte(api: Api, server: FaultServer) -> None:
    """ "2025-01-15T09:30:00.000000Z" is not parsed and reformatted: it comes back as the same string."""
    server.default = Fault.json(200, JOB)
    job = api.call("get_job", 7)
    assert job["created"] == WHEN and job["modified"] == "2025-01-15T18:30:00.123456+09:00"
    assert job["logs"][0]["timestamp"] == WHEN


def test_list_jobs_tolerates_unknown_statuses_and_fields(api: Api, server: FaultServer) -> None:
    """list_jobs returns (results, count) with each job as sent, ARCHIVED and UUID ids included."""
    page: dict[str, Any] = {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [JOB, NEW_JOB],
        "facets": {"status": {}},
    }
    server.default = Fault.json(200, page)
    jobs, total = api.call(
        "list_jobs", {"status": "ARCHIVED", "created_after": "2025-01-15T09:30:00Z"}, extra_query={"tag": "x"}
    )
    assert (jobs, total) == ([JOB, NEW_JOB], 2)
    query = server.arrivals[0].query
    assert query["status"] == ["ARCHIVED"] and query["tag"] == ["x"]


def test_list_storages_follows_pages_and_keeps_unknown_providers(api: Api, server: FaultServer) -> None:
    """list_storages reads every page; an unknown provider (`backblaze_b2`) comes back as sent."""
    other = {**STORAGE, "id": 5, "provider": "wasabi", "new": [None]}

    def pages(arrival: Arrival) -> Fault:
        if arrival.query.get("page") == ["2"]:
            return Fault.json(200, {"count": 2, "next": None, "previous": "p1", "results": [other]})
        return Fault.json(200, {"count": 2, "next": f"{server.url}storages/?page=2", "results": [STORAGE]})

    server.default = pages
    assert api.call("list_storages") == [STORAGE, other]
    assert [a.query.get("page") for a in server.arrivals] == [["1"], ["2"]]


def test_iter_jobs_pages_lazily_with_unknown_values(api: Api, server: FaultServer) -> None:
    """iter_jobs yields every job of every page unchanged, stopping when `next` is null."""
    server.script(
        Fault.json(200, {"count": 3, "next": "x", "results": [JOB, NEW_JOB]}),
        Fault.json(200, {"count": 3, "next": None, "results": [{"id": 9, "status": None}]}),
    )
    assert api.call("iter_jobs", {"page_size": 2}) == [JOB, NEW_JOB, {"id": 9, "status": None}]
    assert len(server.arrivals) == 2


def test_unknown_values_in_requests_reach_the_wire(api: Api, server: FaultServer) -> None:
    """An unknown job status or storage provider is sent as given, not refused (the enums are
    open); an extra field goes through `extra_body`, the one way for a key the document lacks."""
    api.call("update_job", JOB_UUID, {"status": "ARCHIVED", "metadata": {"k": None}})
    api.call("create_storage", {"name": "b2", "provider": "backblaze_b2", "configuration": {"bucket": "b"}})
    api.call("update_plugin", 1, {"name": "p"}, extra_body={"brand_new_field": [1, None]})
    first, second, third = server.arrivals
    assert (first.method, first.path) == ("PATCH", f"/jobs/{JOB_UUID}/")
    assert first.json() == {"status": "ARCHIVED", "metadata": {"k": None}}
    assert second.json() == {"name": "b2", "provider": "backblaze_b2", "configuration": {"bucket": "b"}}
    assert third.json() == {"name": "p", "brand_new_field": [1, None]}


def test_a_plain_list_instead_of_a_page_is_the_one_page(api: Api, server: FaultServer) -> None:
    """A backend with pagination switched off answers a JSON list: it is every item there is."""
    server.default = Fault.json(200, [JOB, NEW_JOB])
    assert api.call("list_jobs") == ([JOB, NEW_JOB], 2)
    assert api.call("iter_jobs", {"plugin": 1}) == [JOB, NEW_JOB]
    assert api.call("list_storages") == [JOB, NEW_JOB]
    assert len(server.arrivals) == 3  # one request each: no second page is asked for


def test_console_logs_answered_as_pages_are_followed(api: Api, server: FaultServer) -> None:
    """A backend that paginates console logs: every page's entries, in order, as one list."""
    entries = [{"timestamp": WHEN, "level": "INFO", "message": f"line {n}"} for n in range(5)]

    def pages(arrival: Arrival) -> Fault:
        if arrival.query.get("page") == ["2"]:
            return Fault.json(200, {"count": 5, "next": None, "previous": "p1", "results": entries[3:]})
        link = f"{server.url}jobs/7/console_logs/?page=2"
        return Fault.json(200, {"count": 5, "next": link, "previous": None, "results": entries[:3]})

    server.default = pages
    assert api.call("list_job_console_logs", 7) == entries
    assert [a.query.get("page") for a in server.arrivals] == [None, ["2"]]
