"""``python -m synapse_sdk.devserver``: run the local Synapse backend until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from types import FrameType

from .app import DEFAULT_HEARTBEAT
from .dialect import DIALECTS, DOCUMENTED
from .server import LISTENING, make_server


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m synapse_sdk.devserver",
        description="A local Synapse backend implementing the integration API, for development and tests.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port to bind; 0 picks a free one (default: %(default)s)"
    )
    parser.add_argument(
        "--db", default="./synapse-devserver.sqlite3", help="SQLite file, or :memory: (default: %(default)s)"
    )
    parser.add_argument(
        "--token",
        action="append",
        dest="tokens",
        metavar="T",
        help="accept only this token (repeatable); without it any well-formed token is accepted",
    )
    parser.add_argument(
        "--readonly-token",
        action="append",
        dest="readonly_tokens",
        default=[],
        metavar="T",
        help="a token that may read but gets 403 on writes (repeatable)",
    )
    parser.add_argument(
        "--job-duration",
        type=float,
        default=3.0,
        metavar="S",
        help="seconds a job started by run_plugin takes from queued to completed (default: %(default)s)",
    )
    parser.add_argument(
        "--heartbeat",
        type=float,
        default=DEFAULT_HEARTBEAT,
        metavar="S",
        help="seconds between keep-alive comments on an idle console-log stream (default: %(default)s)",
    )
    parser.add_argument(
        "--dialect",
        choices=DIALECTS,
        default=DOCUMENTED,
        help="answer as the documented API (default) or as the production backend does: UUID job ids, "
        "uppercase statuses, console logs as lines, data-only stream frames without resume",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the access log")
    return parser.parse_args(argv)


def _ignore(signum: int, frame: FrameType | None) -> None:
    """uvicorn handles SIGINT/SIGTERM while it serves, then re-raises them: end with status 0."""


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.heartbeat <= 0:
        print(
            f"error: --heartbeat must be a positive number of seconds, not {args.heartbeat}", file=sys.stderr
        )
        return 2
    try:
        server, store = make_server(
            args.host,
            args.port,
            args.db,
            args.tokens,
            args.readonly_tokens,
            args.job_duration,
            args.quiet,
            args.heartbeat,
            args.dialect,
        )
    except OSError as exc:
        print(f"error: cannot serve on {args.host}:{args.port} with --db {args.db}: {exc}", file=sys.stderr)
        return 1
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, _ignore)
    server.on_started = lambda: print(f"{LISTENING} {server.url}", flush=True)
    try:
        server.serve_forever()  # graceful: in-flight requests finish, streams close
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
