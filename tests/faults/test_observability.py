"""Observability without leaks: one DEBUG record per attempt on the `synapse_sdk` logger,
`SYNAPSE_LOG=debug` prints them to stderr, and no secret appears in any record (ours, httpx's or
httpcore's), exception message, `url` or `repr()`."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import uuid

import pytest

from synapse_sdk.clients.exceptions import APITimeoutError, ClientError, ValidationError
from tests.support.faultserver import Fault, FaultServer

from .conftest import MakeApi
from .helpers import make_client

ATTEMPT = re.compile(
    r"^(GET|POST|PUT|PATCH) (http://127\.0\.0\.1:\d+/\S*) -> (\d{3}|\w+) in \d+\.\d ms \(attempt (\d+)\)$"
)


def _attempt_records(caplog: pytest.LogCaptureFixture) -> list[re.Match[str]]:
    records = [r for r in caplog.records if r.name == "synapse_sdk"]
    assert all(r.levelno == logging.DEBUG for r in records)
    matches = [ATTEMPT.match(r.getMessage()) for r in records]
    assert all(matches), [r.getMessage() for r in records]
    return [m for m in matches if m]


def test_one_debug_record_per_attempt(
    server: FaultServer, make_api: MakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    """Three attempts (503, read timeout, 200) give exactly three records: method, URL, status or
    error, duration and attempt number."""
    caplog.set_level(logging.DEBUG, logger="synapse_sdk")
    server.script(Fault.status(503), Fault.hang(), Fault.json(200, {"id": 1}))
    make_api(server.url, timeout=0.3).call("get_plugin_release", 3, {"expand": "plugin"})
    found = [m.groups() for m in _attempt_records(caplog)]
    url = f"{server.url}plugin_releases/3/?expand=plugin"
    assert found == [("GET", url, "503", "1"), ("GET", url, "ReadTimeout", "2"), ("GET", url, "200", "3")]


def test_no_record_without_debug(
    server: FaultServer, make_api: MakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    """At INFO the SDK logs nothing for a successful call."""
    caplog.set_level(logging.INFO, logger="synapse_sdk")
    make_api(server.url).call("get_plugin", 1)
    assert [r for r in caplog.records if r.name == "synapse_sdk"] == []


SCRIPT = """
import sys
from synapse_sdk.clients.backend import BackendClient
client = BackendClient(sys.argv[1], access_token="access-SECRET-sub")
client.get_plugin(1)
client.health_check_agent("agent-path-SECRET-sub")
"""


@pytest.mark.parametrize(("level", "printed"), [("debug", True), ("info", False), (None, False)])
def test_synapse_log_env_prints_attempts_to_stderr(
    server: FaultServer, level: str | None, printed: bool
) -> None:
    """`SYNAPSE_LOG=debug` (read once, at the first client) prints each attempt on stderr, redacted."""
    env = {k: v for k, v in os.environ.items() if k != "SYNAPSE_LOG"}
    if level is not None:
        env["SYNAPSE_LOG"] = level
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, server.url],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert "SECRET" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if "synapse_sdk DEBUG" in line]
    if printed:
        assert len(lines) == 2, done.stderr
        assert lines[0].endswith(f"GET {server.url}plugins/1/ -> 200 in {lines[0].split(' in ')[1]}")
        assert f"POST {server.url}agents/***/connect/ -> 200" in lines[1]
    else:
        assert lines == [] and done.stderr == ""


def test_no_secret_anywhere(server: FaultServer, make_api: MakeApi, caplog: pytest.LogCaptureFixture) -> None:
    """Tokens (access, authorization, tenant, agent, the agent token in the path) and a storage
    secret echoed back in a 400 never appear in any log record (synapse_sdk, httpx, httpcore),
    exception message, `url`, `repr()` of the error or of the client."""
    tag = uuid.uuid4().hex[:8]  # fresh values: earlier tests' secrets must not help the redaction
    secrets = {name: f"{name}-{tag}" for name in ("access", "authz", "tenant", "agent", "pathagent", "s3key")}
    caplog.set_level(logging.DEBUG)
    for name in ("synapse_sdk", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    api = make_api(
        server.url,
        access_token=secrets["access"],
        authorization_token=secrets["authz"],
        tenant=secrets["tenant"],
        agent_token=secrets["agent"],
        timeout=0.3,
    )
    # The server echoes the secrets in a header (httpcore logs response headers); the storage
    # secret is not known to the client before create_storage, so it is echoed in that answer.
    known = [value for name, value in secrets.items() if name != "s3key"]
    echo = " ".join([*known, *(f"Token {value}" for value in known)])
    server.script(
        Fault.json(200, {"status": "ok"}, headers={"X-Echo": echo}),
        Fault.json(400, {"detail": f"bad token {secrets['pathagent']}"}, headers={"X-Echo": echo}),
        Fault.hang(),
        Fault.json(
            400,
            {"configuration": {"secret_access_key": [f"{secrets['s3key']} is not valid"]}},
            headers={"X-Echo": secrets["s3key"]},
        ),
    )
    errors: list[ClientError] = []
    api.call("health_check_agent", secrets["pathagent"])
    errors.append(api.fails(ValidationError, "health_check_agent", secrets["pathagent"])[0])
    errors.append(
        api.with_options(max_retries=0).fails(APITimeoutError, "health_check_agent", secrets["pathagent"])[0]
    )
    storage = {"name": "s", "provider": "amazon_s3", "configuration": {"secret_access_key": secrets["s3key"]}}
    errors.append(api.fails(ValidationError, "create_storage", storage)[0])

    # The server did get every secret: the test would prove nothing otherwise.
    sent = b"".join(a.target.encode() + repr(a.headers).encode() + a.body for a in server.arrivals)
    assert all(value.encode() in sent for value in secrets.values())
    texts = [record.getMessage() for record in caplog.records]
    assert any("X-Echo" in text and "***" in text for text in texts)  # httpcore's record, redacted
    assert any(r.name == "httpx" for r in caplog.records)
    texts += [repr(api.client), str(api.client)]
    for error in errors:
        texts += [str(error), repr(error), error.url or "", error.detail]
    leaks = [(value, text) for text in texts for value in secrets.values() if value in text]
    assert leaks == []
    assert errors[0].url == f"{server.url}agents/***/connect/"


def test_password_in_base_url_is_redacted(server: FaultServer, caplog: pytest.LogCaptureFixture) -> None:
    """`http://user:password@host/` as base_url: the password (sent as Basic auth) appears in no
    record, `repr(client)` or error, as the errors' `url` already promise (userinfo stripped)."""
    caplog.set_level(logging.DEBUG)
    password = f"pw-{uuid.uuid4().hex[:8]}"
    server.default = Fault.status(500)
    api = make_client("sync", server.url.replace("http://", f"http://bob:{password}@"), max_retries=0)
    try:
        error, _ = api.fails(ClientError, "get_plugin", 1)
        texts = [r.getMessage() for r in caplog.records] + [repr(api.client), str(error), error.url or ""]
    finally:
        api.close()
    assert server.arrivals[0].headers["authorization"].startswith("Basic ")  # it was sent
    assert [text for text in texts if password in text] == []
