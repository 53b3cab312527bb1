"""``python -m synapse_sdk.devserver``: run the local Synapse backend until SIGINT or SIGTERM.

``python -m synapse_sdk.devserver fault ...`` and ``... job ...`` flip the failure switches of a
running one instead (``commands``).
"""

from __future__ import annotations

import argparse
import signal
import sqlite3
import sys
from collections.abc import Sequence
from types import FrameType

from .app import DEFAULT_HEARTBEAT
from .dialect import DIALECTS, DOCUMENTED
from .faults import SPEC_HELP, Fault, FaultError
from .server import LISTENING, make_server
from .startup import check_db, explain

# The token the printed `export` line offers when any token is accepted.
ANY_TOKEN = "devserver-token"


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
    parser.add_argument(
        "--fail",
        action="append",
        dest="faults",
        default=[],
        metavar="SPEC",
        type=_fault,
        help=f"a failure switch from the start (repeatable): {SPEC_HELP}. "
        "While it runs: python -m synapse_sdk.devserver fault --help",
    )
    return parser.parse_args(argv)


def _fault(spec: str) -> Fault:
    try:
        return Fault.parse(spec)
    except FaultError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def exports(url: str, any_token: bool) -> list[str]:
    """The lines a user pastes to point the client and the ``synapse`` command at this server."""
    if any_token:
        return [f"export SYNAPSE_BASE_URL={url} SYNAPSE_ACCESS_TOKEN={ANY_TOKEN}"]
    # Tokens given with --token stay out of the output, as out of every log.
    return [f"export SYNAPSE_BASE_URL={url} SYNAPSE_ACCESS_TOKEN=<one of your --token values>"]


def _ignore(signum: int, frame: FrameType | None) -> None:
    """uvicorn handles SIGINT/SIGTERM while it serves, then re-raises them: end with status 0."""


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments and arguments[0] in ("fault", "job"):
        from .commands import main as command

        return command(arguments[0], arguments[1:])
    args = parse_args(arguments)
    if args.heartbeat <= 0:
        print(
            f"error: --heartbeat must be a positive number of seconds, not {args.heartbeat}", file=sys.stderr
        )
        return 2
    problem = check_db(args.db)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 1
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
            dialect=args.dialect,
            faults=args.faults,
        )
    except (OSError, sqlite3.Error) as exc:
        print(f"error: {explain(exc, args.host, args.port, args.db)}", file=sys.stderr)
        return 1
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, _ignore)
    lines = [f"{LISTENING} {server.url}", *exports(server.url, args.tokens is None)]
    server.on_started = lambda: print("\n".join(lines), flush=True)
    try:
        server.serve_forever()  # graceful: in-flight requests finish, streams close
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
