"""The fault server itself: it records what arrived, byte-exact, and its faults do what they say
(checked with raw httpx, below the SDK)."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from tests.support.faultserver import Fault, FaultServer, parse_multipart, refused_url


def test_arrivals_record_method_target_headers_and_body(server: FaultServer) -> None:
    """Each request is recorded whole: method, target with query, lowercased headers, body."""
    files = {"file": ("p.zip", b"\x00\r\n--x\r\n\xff" * 1000)}
    with httpx.Client(base_url=server.url) as http:
        http.get("/a/?x=1&x=2&y=", headers={"X-Thing": "v"})
        http.post("/b/", data={"k": "v"}, files=files)
    first, second = server.arrivals
    assert (first.method, first.path, first.query) == ("GET", "/a/", {"x": ["1", "2"], "y": [""]})
    assert first.headers["x-thing"] == "v" and first.body == b""
    parts = parse_multipart(second.body, second.headers["content-type"])
    assert parts == {"k": b"v", "file": files["file"][1]} == second.multipart()
    assert server.connections == 1 and first.connection == second.connection == 1


def test_script_then_default(server: FaultServer) -> None:
    """Queued faults are used in order, then the default; a function answers by arrival."""
    server.default = lambda arrival: Fault.json(200, {"path": arrival.path})
    server.script(Fault.status(503), Fault.json(201, {"n": 1}))
    with httpx.Client(base_url=server.url) as http:
        codes = [http.get(f"/{n}/").status_code for n in range(3)]
        assert http.get("/z/").json() == {"path": "/z/"}
    assert codes == [503, 201, 200] and server.pending == 0


def test_refuse_and_listen_again(server: FaultServer) -> None:
    """refuse() makes connecting fail with ECONNREFUSED on the same port until listen()."""
    with pytest.raises(httpx.ConnectError):
        server.refuse()
        httpx.get(server.url)
    server.listen()
    assert httpx.get(server.url).status_code == 200
    with refused_url() as url, pytest.raises(httpx.ConnectError):
        httpx.get(url)


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.close(), httpx.RemoteProtocolError),
        (Fault.drop(), httpx.RemoteProtocolError),
        (Fault.reset(), (httpx.ReadError, httpx.RemoteProtocolError)),
        (Fault.garbage(), httpx.RemoteProtocolError),
        (Fault.truncated(200, "{}", 10), httpx.RemoteProtocolError),
        (Fault.hang(), httpx.ReadTimeout),
    ],
    ids=["close", "drop", "reset", "garbage", "truncated", "hang"],
)
def test_faults_break_the_exchange_as_named(
    server: FaultServer, fault: Fault, error: type[Exception] | tuple[type[Exception], ...]
) -> None:
    """Each fault reaches the client as the transport failure it stands for."""
    server.script(fault)
    with pytest.raises(error):
        httpx.post(server.url, content=b"x", timeout=0.3)


def test_release_ends_a_hang(server: FaultServer) -> None:
    """release() closes hanging connections without an answer."""
    server.script(Fault.hang())
    threading.Timer(0.2, server.release).start()
    started = time.monotonic()
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(server.url, timeout=5)
    assert time.monotonic() - started < 2


def test_nonstandard_status_and_trickle(server: FaultServer) -> None:
    """Any three-digit status goes out as is; a trickle sends its body chunk by chunk."""
    server.script(Fault.status(299, "ok"), Fault.trickle(Fault.status(599, "abcdef"), interval=0.05, chunk=2))
    assert httpx.get(server.url).status_code == 299
    started = time.monotonic()
    answer = httpx.get(server.url)
    assert (answer.status_code, answer.text) == (599, "abcdef") and time.monotonic() - started >= 0.14
