"""``python -m synapse_sdk.devserver``: run the local Synapse backend until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from types import FrameType

from .server import LISTENING, make_server, url_of


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
    parser.add_argument("--quiet", action="store_true", help="do not print the access log")
    return parser.parse_args(argv)


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # unwinds serve_forever in the main thread, like Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        server, store = make_server(
            args.host, args.port, args.db, args.tokens, args.readonly_tokens, args.job_duration, args.quiet
        )
    except OSError as exc:
        print(f"error: cannot serve on {args.host}:{args.port} with --db {args.db}: {exc}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _stop)
    try:
        # The socket is listening already: clients connecting now wait in the backlog.
        print(f"{LISTENING} {url_of(server)}", flush=True)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.close_connections()
        server.server_close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
