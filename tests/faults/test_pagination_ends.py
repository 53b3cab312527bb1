"""Every page loop ends: on `next`, on `count`, on an empty page, and with a clear error when a
server's pages do not advance, point at another host, or never end (as a mock server's do)."""

from __future__ import annotations

from typing import Any

import pytest

from synapse_sdk.clients import _pagination
from synapse_sdk.clients import exceptions as exc
from tests.support.faultserver import Arrival, Fault, FaultServer

from .conftest import MakeApi
from .helpers import Api

LOOPS = [
    ("iter_jobs", ()),
    ("list_storages", ()),
    ("list_agents", ()),
    ("iter_plugins", ()),
    ("iter_plugin_releases", ()),
]


def _item(n: int) -> dict[str, Any]:
    return {"id": n, "name": f"item {n}"}


@pytest.mark.parametrize(("name", "args"), LOOPS, ids=[n for n, _ in LOOPS])
def test_a_mock_server_that_always_says_next_string_ends_with_an_error(
    api: Api, server: FaultServer, name: str, args: tuple[Any, ...]
) -> None:
    """Prism's mock answers `"next": "string"` and a large count on every page."""
    server.default = Fault.json(
        200, {"count": 10**9, "next": "string", "previous": None, "results": [_item(1)]}
    )
    error, _ = api.fails(exc.InvalidResponseError, name, *args)
    assert "do not advance" in str(error)
    assert len(server.arrivals) == 2


@pytest.mark.parametrize(("name", "args"), LOOPS, ids=[n for n, _ in LOOPS])
def test_count_ends_the_walk_even_when_next_says_more(
    api: Api, server: FaultServer, name: str, args: tuple[Any, ...]
) -> None:
    def pages(arrival: Arrival) -> Fault:
        page = int(arrival.query.get("page", ["1"])[0])
        return Fault.json(
            200,
            {
                "count": 4,
                "next": f"/x/?page={page + 1}",
                "previous": None,
                "results": [_item(2 * page - 1), _item(2 * page)],
            },
        )

    server.default = pages
    assert api.call(name, *args) == [_item(n) for n in (1, 2, 3, 4)]
    assert [a.query.get("page") for a in server.arrivals] == [["1"], ["2"]]


def test_an_empty_page_ends_the_walk(api: Api, server: FaultServer) -> None:
    server.default = Fault.json(200, {"count": 50, "next": "/jobs/?page=2", "previous": None, "results": []})
    assert api.call("iter_jobs") == []
    assert len(server.arrivals) == 1


def test_a_next_link_to_another_host_is_refused(api: Api, server: FaultServer) -> None:
    server.default = Fault.json(
        200, {"count": 9, "next": "http://evil.example/jobs/?page=2", "previous": None, "results": [_item(1)]}
    )
    error, _ = api.fails(exc.InvalidResponseError, "iter_jobs")
    assert "evil.example" in str(error) and "Host header" in str(error)
    assert len(server.arrivals) == 1


def test_a_walk_has_a_hard_bound(
    make_api: MakeApi, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server whose pages advance forever (a new `next` each time, a count that is never
    reached) is stopped after MAX_PAGES pages (made small here)."""
    monkeypatch.setattr(_pagination, "MAX_PAGES", 5)

    def pages(arrival: Arrival) -> Fault:
        page = int(arrival.query.get("page", ["1"])[0])
        return Fault.json(
            200,
            {"count": 10**12, "next": f"/jobs/?page={page + 1}", "previous": None, "results": [_item(page)]},
        )

    server.default = pages
    error, _ = make_api(server.url, timeout=1.0).fails(exc.InvalidResponseError, "iter_jobs")
    assert "more than 5 pages" in str(error)
    assert len(server.arrivals) == 5


def test_a_page_of_the_right_host_and_a_relative_link_are_followed(api: Api, server: FaultServer) -> None:
    def pages(arrival: Arrival) -> Fault:
        page = int(arrival.query.get("page", ["1"])[0])
        link = f"{server.url}jobs/?page=2" if page == 1 else None
        return Fault.json(200, {"count": 2, "next": link, "previous": None, "results": [_item(page)]})

    server.default = pages
    assert api.call("iter_jobs") == [_item(1), _item(2)]
