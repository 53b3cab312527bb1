"""The method pages' error lists say what the client really raises.

Each method section of docs/{agents,plugins,releases,jobs,storages}.md lists its errors as
`**Raises**` followed by bullets `` - `SomeError`: when ``. Every (method, class) pair listed
there has a scenario below, every scenario is listed there, and each scenario's call, made
against a real local backend (or refused before sending, where the page says so), raises
exactly that class: not a subclass, not a parent.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from synapse_sdk.clients import exceptions
from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServerProcess
from tests.docs.examples import DOCS

PAGES = ("agents", "plugins", "releases", "jobs", "storages")
_SECTION = re.compile(r"^## (\w+)\n(.*?)(?=^## |\Z)", re.M | re.S)
_RAISES = re.compile(r"^\*\*Raises\*\*[^\n]*\n\n((?:- .*\n(?:  .*\n)*)+)", re.M)
_BULLET = re.compile(r"^- `(\w+)`", re.M)

Call = Callable[[BackendClient], Any]
UNKNOWN = 999_999
# (method, class) -> the calls that must raise exactly that class.
SCENARIOS: dict[tuple[str, str], list[Call]] = {
    ("health_check_agent", "NotFoundError"): [lambda c: c.health_check_agent("no-such-agent-token")],
    ("health_check_agent", "ValidationError"): [
        lambda c: c.health_check_agent(""),
        lambda c: c.health_check_agent(".."),
    ],
    ("get_plugin", "NotFoundError"): [lambda c: c.get_plugin(UNKNOWN)],
    ("get_plugin", "ValidationError"): [lambda c: c.get_plugin("../admin"), lambda c: c.get_plugin(0)],
    ("create_plugin", "ValidationError"): [
        lambda c: c.create_plugin({"version": "1.0.0"}),  # no name: refused before sending
        lambda c: c.create_plugin({"name": ""}),  # the server's 400
    ],
    ("update_plugin", "NotFoundError"): [lambda c: c.update_plugin(UNKNOWN, {"version": "2.0.0"})],
    ("update_plugin", "ValidationError"): [
        lambda c: c.update_plugin(123, {"verison": "2.0.0"}),
        lambda c: c.update_plugin(123, {"name": ""}),
    ],
    ("run_plugin", "NotFoundError"): [lambda c: c.run_plugin(UNKNOWN, {"parameters": {}})],
    ("get_plugin_release", "NotFoundError"): [lambda c: c.get_plugin_release(UNKNOWN)],
    ("create_plugin_release", "ValidationError"): [
        lambda c: c.create_plugin_release({"plugin": 123, "file": b"PK"}),  # no version
        lambda c: c.create_plugin_release(
            {"plugin": 123, "version": "9.0.0", "file": "/no/such/package.zip"}
        ),
        lambda c: c.create_plugin_release({"plugin": UNKNOWN, "version": "9.0.0", "file": b"PK"}),
    ],
    ("get_job", "NotFoundError"): [lambda c: c.get_job(UNKNOWN)],
    ("get_job", "ValidationError"): [lambda c: c.get_job("not-a-uuid"), lambda c: c.get_job(-1)],
    ("update_job", "NotFoundError"): [lambda c: c.update_job(UNKNOWN, {"progress": 5})],
    ("update_job", "ValidationError"): [
        lambda c: c.update_job(789, {"stauts": "completed"}),
        lambda c: c.update_job(789, {"progress": "lots"}),
    ],
    ("list_job_console_logs", "NotFoundError"): [lambda c: c.list_job_console_logs(UNKNOWN)],
    ("wait_for_job", "JobWaitTimeoutError"): [
        lambda c: c.wait_for_job(
            c.run_plugin(123, {"parameters": {}})["job_id"], timeout=0.3, poll_interval=0.1
        )
    ],
    ("wait_for_job", "NotFoundError"): [lambda c: c.wait_for_job(UNKNOWN, timeout=30)],
    ("wait_for_job", "ValueError"): [lambda c: c.wait_for_job(789, poll_interval=0)],
    ("follow_job_console_logs", "NotFoundError"): [lambda c: list(c.follow_job_console_logs(UNKNOWN))],
    ("get_storage", "NotFoundError"): [lambda c: c.get_storage(UNKNOWN)],
    ("create_storage", "ValidationError"): [
        lambda c: c.create_storage({"name": "no provider"}),
        lambda c: c.create_storage({"name": "", "provider": "amazon_s3"}),
    ],
}


def listed_errors() -> dict[tuple[str, str], Path]:
    """(method, class) -> the page that lists it."""
    found: dict[tuple[str, str], Path] = {}
    for name in PAGES:
        page = DOCS / f"{name}.md"
        for section in _SECTION.finditer(page.read_text(encoding="utf-8")):
            for raises in _RAISES.finditer(section[2]):
                for error in _BULLET.findall(raises[1]):
                    found[(section[1], error)] = page
    return found


def test_every_listed_error_has_a_scenario_and_every_scenario_is_listed() -> None:
    listed = listed_errors()
    assert len(listed) >= 20, sorted(listed)  # the parser really reads the pages
    assert sorted(set(listed) - set(SCENARIOS)) == [], "listed on a page but never tried here"
    assert sorted(set(SCENARIOS) - set(listed)) == [], "tried here but not listed on its page"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendClient]:
    db = tmp_path_factory.mktemp("errors") / "db.sqlite3"
    # Runs last a minute, so a short wait_for_job always times out.
    with (
        DevServerProcess(db=str(db), job_duration=60.0) as server,
        BackendClient(server.url, access_token="errors-token", max_retries=0) as client,
    ):
        yield client


@pytest.mark.parametrize(
    ("method", "error"), sorted(SCENARIOS), ids=[f"{m}-{e}" for m, e in sorted(SCENARIOS)]
)
def test_the_call_raises_exactly_the_listed_class(client: BackendClient, method: str, error: str) -> None:
    expected = getattr(exceptions, error, None) or getattr(builtins, error)
    for number, call in enumerate(SCENARIOS[(method, error)], 1):
        with pytest.raises(Exception) as raised:
            call(client)
        assert type(raised.value) is expected, (
            f"{method}, case {number}: the page says {error}, the client raised "
            f"{type(raised.value).__name__}: {raised.value}"
        )
