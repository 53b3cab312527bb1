"""The failure switches, over real HTTP: injected statuses, delays, drops, cut streams, job outcomes.

Each switch is also used the way a user would: the client's retries meet a real 503, its
`wait_for_job` a job that fails, its console-log follower a stream cut mid-way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from synapse_sdk import BackendClient, RetryPolicy
from synapse_sdk.clients.exceptions import ClientError
from synapse_sdk.devserver import DevServer, commands
from synapse_sdk.devserver.faults import Fault, FaultError
from synapse_sdk.devserver.switches import Switches

from .conftest import AUTH, TOKEN

QUICK = RetryPolicy(max_retries=3, initial_backoff=0.01, max_backoff=0.05)


@pytest.fixture
def switches(server: DevServer) -> Switches:
    return server.switches


@pytest.fixture
def sdk(server: DevServer) -> Iterator[BackendClient]:
    with BackendClient(server.url, access_token=TOKEN, retry_policy=QUICK, timeout=10) as client:
        yield client


# --- the spec of the command line ---


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("GET jobs/*/ 503 times=2", Fault("status", method="GET", path="jobs/*/", status=503, times=2)),
        ("POST /api/plugins/*/run/ 429 retry-after=2", Fault("status", "POST", "plugins/*/run/", 1, 429, 2)),
        ("jobs/*/tail_console_logs/ cut=2", Fault("cut", path="jobs/*/tail_console_logs/", after=2)),
        ("** delay=1.5 times=forever", Fault("delay", path="**", seconds=1.5, times=None)),
        ("GET storages/ drop", Fault("drop", method="GET", path="storages/")),
        ("patch jobs/789/ 502 delay=0.5", Fault("status", "PATCH", "jobs/789/", status=502, seconds=0.5)),
    ],
)
def test_specs_read_as_documented(spec: str, expected: Fault) -> None:
    assert Fault.parse(spec) == expected


@pytest.mark.parametrize(
    ("spec", "names"),
    [
        ("jobs/", "expected [METHOD] PATH ACTION"),
        ("GET jobs/ 200", "status: 200 must be an error status"),
        ("GET jobs/ 503 drop", "one action per fault"),
        ("GET jobs/ 503 times=0", "times: 0 must be a whole number from 1"),
        ("GET jobs/ 503 times=x", "'times=x' needs a number"),
        ("GET jobs/ explode", "'explode' is not understood"),
        ("FETCH jobs/ 503", "'FETCH' is not an HTTP method"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec: str, names: str) -> None:
    with pytest.raises(FaultError, match=names.replace("[", r"\[")):
        Fault.parse(spec)


# --- each switch on the wire ---


def test_a_status_switch_answers_instead_for_a_number_of_times(
    client: httpx.Client, switches: Switches
) -> None:
    fault = switches.status(503, "jobs/*/", method="GET", times=2, retry_after=3)
    for _ in range(2):
        reply = client.get("jobs/789/")
        assert reply.status_code == 503
        assert reply.headers["Retry-After"] == "3"
        assert reply.headers["Content-Type"] == "text/html"
        assert reply.headers["X-Synapse-Fault"] == str(fault.id)
        assert "<h1>503 Service Unavailable</h1>" in reply.text
    assert client.get("jobs/789/").status_code == 200  # used up
    assert switches.list() == []


def test_a_switch_matches_by_method_and_path_segment(client: httpx.Client, switches: Switches) -> None:
    switches.status(500, "jobs/*/", method="PATCH", times=None)
    assert client.get("jobs/789/").status_code == 200  # another method
    assert client.get("jobs/789/console_logs/").status_code == 200  # * stays within one segment
    reply = client.patch("jobs/789/", json={"progress": 50})
    assert (reply.status_code, reply.json()) == (500, {"detail": "A server error occurred."})
    assert client.get("jobs/789/").json()["progress"] == 40  # not processed
    (fault,) = switches.list()
    assert fault.hits == 1 and fault.times is None  # until cleared
    switches.clear()
    assert client.patch("jobs/789/", json={"progress": 50}).json()["progress"] == 50


@pytest.mark.parametrize(
    ("status", "media", "body"),
    [
        (429, "application/json", '"Request was throttled. Expected available in 1 seconds."'),
        (502, "text/html", "<h1>502 Bad Gateway</h1>"),
        (504, "text/html", "<h1>504 Gateway Timeout</h1>"),
        (409, "application/json", "Conflict (injected by a failure switch"),
    ],
)
def test_statuses_look_like_what_sends_them(
    client: httpx.Client, switches: Switches, status: int, media: str, body: str
) -> None:
    switches.status(status, "storages/")
    reply = client.get("storages/")
    assert (reply.status_code, reply.headers["Content-Type"]) == (status, media)
    assert body in reply.text
    if status == 429:
        assert reply.headers["Retry-After"] == "1"


def test_a_delay_answers_late_but_normally(server: DevServer, switches: Switches) -> None:
    switches.delay(30, "plugins/123/")
    with (
        httpx.Client(base_url=server.url, headers=AUTH, timeout=0.5) as impatient,
        pytest.raises(httpx.ReadTimeout),
    ):
        impatient.get("plugins/123/")
    switches.clear()
    switches.add("GET plugins/123/ delay=0.1")
    with httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as patient:
        assert patient.get("plugins/123/").json()["id"] == 123
    assert switches.list() == []


def test_a_drop_closes_without_an_answer_and_processes_nothing(
    client: httpx.Client, switches: Switches
) -> None:
    switches.drop("plugins/", method="POST")
    with pytest.raises(httpx.RemoteProtocolError, match="without sending"):
        client.post("plugins/", json={"name": "never"})
    assert [p["name"] for p in client.get("plugins/").json()["results"]].count("never") == 0


def test_a_cut_reply_ends_half_way(client: httpx.Client, switches: Switches) -> None:
    switches.cut("plugins/123/")
    with pytest.raises(httpx.RemoteProtocolError):
        client.get("plugins/123/")
    assert client.get("plugins/123/").json()["id"] == 123


def test_a_cut_stream_delivers_that_many_events(client: httpx.Client, switches: Switches) -> None:
    switches.cut("jobs/*/tail_console_logs/", after=2)
    data: list[str] = []
    with (
        pytest.raises(httpx.RemoteProtocolError),
        client.stream("GET", "jobs/785/tail_console_logs/") as stream,
    ):
        data.extend(line for line in stream.iter_lines() if line.startswith("data:"))
    assert len(data) == 2


# --- job outcomes ---


@pytest.mark.parametrize(
    ("switch", "status", "level"), [("fail", "failed", "ERROR"), ("stop", "STOPPED", "ERROR")]
)
def test_ending_a_job_now(
    client: httpx.Client, switches: Switches, switch: str, status: str, level: str
) -> None:
    job = getattr(switches, f"{switch}_job")(789)
    assert job["status"] == status
    logs = client.get("jobs/789/console_logs/").json()
    assert logs[-1]["level"] == level and "failure switch" in logs[-1]["message"]
    with pytest.raises(LookupError, match="No job 424242"):
        getattr(switches, f"{switch}_job")(424242)


def test_succeeding_a_job_now(switches: Switches) -> None:
    assert switches.succeed_job(789)["progress"] == 100


def test_bad_switches_are_400s_naming_the_field(server: DevServer) -> None:
    control = server.url.replace("/api/", "/_dev/")
    reply = httpx.post(f"{control}faults/", json={"kind": "status", "status": 200})
    assert reply.status_code == 400 and "status: 200" in reply.json()["detail"]
    reply = httpx.post(f"{control}faults/", json={"kind": "status", "colour": "red"})
    assert reply.status_code == 400 and "unknown field(s) colour" in reply.json()["detail"]
    assert httpx.post(f"{control}jobs/789/explode/").status_code == 404
    assert httpx.get(f"{control}faults/").json() == []


# --- the client's own failure paths, against the real backend ---


def test_the_client_retries_a_503_and_a_429(sdk: BackendClient, switches: Switches) -> None:
    switches.status(503, "plugins/123/", method="GET", times=2, retry_after=0)
    switches.status(429, "plugins/123/", method="GET", times=1, retry_after=0)
    assert sdk.get_plugin(123)["id"] == 123
    assert switches.list() == []  # all three were met before the answer


def test_the_client_gives_up_after_its_retries(sdk: BackendClient, switches: Switches) -> None:
    switches.status(502, "plugins/123/", times=None)
    with pytest.raises(ClientError) as raised:
        sdk.get_plugin(123)
    assert raised.value.status_code == 502
    assert switches.list()[0].hits == QUICK.max_retries + 1


def test_a_post_is_not_retried_after_a_dropped_connection(sdk: BackendClient, switches: Switches) -> None:
    switches.drop("plugins/", method="POST", times=None)
    with pytest.raises(ClientError):
        sdk.create_plugin({"name": "maybe"})
    assert switches.list()[0].hits == 1  # it may have been processed: not sent again


@pytest.mark.parametrize(("pk", "status"), [(790, "completed"), (791, "failed")])
def test_wait_for_job_on_the_seeded_jobs_that_end(sdk: BackendClient, pk: int, status: str) -> None:
    assert sdk.wait_for_job(pk, timeout=60, poll_interval=0.1)["status"] == status


def test_wait_for_job_on_a_job_failed_by_the_switch(sdk: BackendClient, switches: Switches) -> None:
    switches.fail_job(789)  # 789 runs for ever otherwise
    job = sdk.wait_for_job(789, timeout=60, poll_interval=0.1)
    assert job["status"] == "failed"


def test_following_logs_survives_a_cut_stream(
    sdk: BackendClient, switches: Switches, client: httpx.Client
) -> None:
    switches.cut("jobs/790/tail_console_logs/", after=2, times=2)
    followed = [entry["id"] for entry in sdk.follow_job_console_logs(790)]
    assert switches.list() == []  # both cuts happened: the follower reconnected twice
    everything = [entry["id"] for entry in client.get("jobs/790/console_logs/").json()]
    assert followed == everything  # nothing lost, nothing twice
    assert len(everything) > 4


# --- the `synapse` command's failure paths, against the real backend ---


def _synapse(server: DevServer, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SYNAPSE_BASE_URL": server.url,
        "SYNAPSE_ACCESS_TOKEN": TOKEN,
        "HOME": str(home),  # no profile of the machine's user
        "XDG_CONFIG_HOME": str(home),
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "synapse_sdk.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_command_waits_for_the_seeded_jobs(server: DevServer, tmp_path: Path) -> None:
    assert (
        _synapse(server, "job", "wait", "790", "--timeout", "600", "--quiet", home=tmp_path).returncode == 0
    )
    failed = _synapse(server, "job", "wait", "791", "--timeout", "600", home=tmp_path)
    assert failed.returncode == 7, failed.stderr
    assert "job 791 ended failed" in failed.stderr


def test_the_command_on_a_backend_that_keeps_failing(
    server: DevServer, switches: Switches, tmp_path: Path
) -> None:
    switches.status(503, "jobs/789/", times=None, retry_after=0)
    result = _synapse(server, "job", "get", "789", home=tmp_path)
    assert result.returncode == 5, result.stderr
    assert switches.list()[0].hits > 1  # it retried first


def test_the_command_follows_logs_through_a_cut_stream(
    server: DevServer, switches: Switches, client: httpx.Client, tmp_path: Path
) -> None:
    switches.cut("jobs/790/tail_console_logs/", after=3)
    result = _synapse(server, "job", "logs", "790", "--follow", home=tmp_path)
    assert result.returncode == 0, result.stderr
    messages = [entry["message"] for entry in client.get("jobs/790/console_logs/").json()]
    assert [line.split(" ", 2)[2] for line in result.stdout.splitlines()] == messages
    assert switches.list() == []


def test_switches_at_a_url_without_them_say_so(server: DevServer) -> None:
    with pytest.raises(LookupError, match=r"no local backend.s switches at .*/api/v2/_dev/: check the URL"):
        Switches(server.url + "v2/").list()


@pytest.mark.parametrize(
    ("configured", "used"),
    [
        ("http://127.0.0.1:9000/api/", "http://127.0.0.1:9000/api/"),
        ("http://localhost:9000/api/", "http://localhost:9000/api/"),
        ("https://synapse.example.com/api/", "http://127.0.0.1:8000/api/"),  # never a remote backend unasked
        ("", "http://127.0.0.1:8000/api/"),
    ],
)
def test_the_switch_commands_default_to_a_server_on_this_machine(
    monkeypatch: pytest.MonkeyPatch, configured: str, used: str
) -> None:
    monkeypatch.setenv("SYNAPSE_BASE_URL", configured)
    assert commands.default_url() == used
