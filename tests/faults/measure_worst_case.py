"""Wall time of one call under each fault class, with the default retry policy (not patched):
3 retries, backoff 0.5 s doubling with full jitter capped at 8 s per wait, Retry-After honoured up
to 60 s, at most 60 s of waiting in all. Run by hand, not by pytest (about a minute):

    .venv/bin/python tests/faults/measure_worst_case.py

It prints a markdown table. Where the default timeouts would make a scenario take minutes, it is
measured with a shorter timeout (the `setting` column says which), and the last column gives the
worst case with the defaults, computed from the policy: attempts x timeout + the longest backoff
(0.5 + 1 + 2 = 3.5 s for three retries).
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.clients.exceptions import ClientError
from tests.support.faultserver import Fault, FaultServer, refused_url, unresponsive_url

BACKOFF = 3.5  # the longest three waits: 0.5 + 1 + 2


class _Attempts(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += "(attempt " in record.getMessage()


@contextmanager
def _served(fault: Fault) -> Iterator[str]:
    with FaultServer(default=fault) as server:
        yield server.url


CALLS: dict[str, Callable[[BackendClient], Any]] = {
    "GET": lambda client: client.get_plugin(1),
    "POST": lambda client: client.create_plugin({"name": "p"}),
}
# fault, methods, where it is served, client timeout (None: the default), default worst case
Scenario = tuple[str, list[str], Callable[[], Any], float | None, str]
SCENARIOS: list[Scenario] = [
    ("connect refused", ["GET", "POST"], refused_url, None, "4 attempts + 3.5 s backoff"),
    ("connect timeout (SYN dropped)", ["GET", "POST"], unresponsive_url, 1.0, "4 x 5 s + 3.5 s = 23.5 s"),
    ("read timeout (hang)", ["GET"], lambda: _served(Fault.hang()), 1.0, "4 x 15 s + 3.5 s = 63.5 s"),
    ("read timeout (hang)", ["POST"], lambda: _served(Fault.hang()), 1.0, "15 s (no retry)"),
    ("upload, read timeout", ["POST"], lambda: _served(Fault.hang()), None, "not run: >= 60 s + 1 s/8 MiB"),
    ("dropped after read", ["GET", "POST"], lambda: _served(Fault.drop()), None, "GET 3.5 s, POST 0 s"),
    ("garbage, not HTTP", ["GET", "POST"], lambda: _served(Fault.garbage()), None, "GET 3.5 s, POST 0 s"),
    ("503 HTML", ["GET", "POST"], lambda: _served(Fault.html(503)), None, "3.5 s"),
    (
        "503 Retry-After: 2",
        ["GET"],
        lambda: _served(Fault.status(503, headers={"Retry-After": "2"})),
        None,
        "Retry-After <= 60: 60 s total wait cap",
    ),
    (
        "429 Retry-After: 99999",
        ["GET", "POST"],
        lambda: _served(Fault.status(429, headers={"Retry-After": "99999"})),
        None,
        "0 s (over the 60 s cap)",
    ),
    ("500", ["GET", "POST"], lambda: _served(Fault.json(500, {"detail": "x"})), None, "0 s (no retry)"),
    ("answer 2 s late", ["POST"], lambda: _served(Fault.delayed(2, Fault.json(201, {}))), None, "15 s read"),
    (
        "trickle 10 B, 1 B / 0.5 s",
        ["GET"],
        lambda: _served(Fault.trickle(Fault.json(200, {"id": 12}), interval=0.5)),
        None,
        "unbounded: the read timeout is per read",
    ),
]


def measure(
    fault: str, method: str, serve: Callable[[], Any], timeout: float | None
) -> tuple[int, float, str]:
    counter = _Attempts()
    logger = logging.getLogger("synapse_sdk")
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        with serve() as url, BackendClient(url, timeout=timeout) as client:
            started = time.monotonic()
            try:
                CALLS[method](client)
                outcome = "ok"
            except ClientError as error:
                outcome = type(error).__name__
            return counter.count, time.monotonic() - started, outcome
    finally:
        logger.removeHandler(counter)


def main() -> None:
    print("| fault | method | attempts | seconds | outcome | setting | worst case, default timeouts |")
    print("| --- | --- | ---: | ---: | --- | --- | --- |")
    for fault, methods, serve, timeout, worst in SCENARIOS:
        for method in methods:
            setting = "default" if timeout is None else f"timeout={timeout:g} s"
            if fault.startswith("upload"):
                print(f"| {fault} | {method} | 1 | - | - | not measured | {worst} |")
                continue
            attempts, seconds, outcome = measure(fault, method, serve, timeout)
            print(f"| {fault} | {method} | {attempts} | {seconds:.2f} | {outcome} | {setting} | {worst} |")
    print(f"\n(measured {email.utils.formatdate(localtime=True)})")


if __name__ == "__main__":
    main()
