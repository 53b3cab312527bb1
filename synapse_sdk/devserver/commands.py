"""``python -m synapse_sdk.devserver fault|job ...``: flip the failure switches of a running server.

    python -m synapse_sdk.devserver fault 'GET jobs/*/ 503 times=2'   # add a switch
    python -m synapse_sdk.devserver fault --list                      # what is in force
    python -m synapse_sdk.devserver fault --clear                     # remove them all
    python -m synapse_sdk.devserver job 790 fail                      # or: stop, succeed

The server is found at ``--url``, else ``$SYNAPSE_BASE_URL`` when it points at this machine
(never at a remote backend unless asked by name), else http://127.0.0.1:8000/api/.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

import httpx

from .control import OUTCOMES
from .faults import SPEC_HELP, FaultError
from .switches import Switches

DEFAULT_URL = "http://127.0.0.1:8000/api/"
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def default_url() -> str:
    """``$SYNAPSE_BASE_URL`` if it names a server on this machine, else the devserver's default."""
    configured = os.environ.get("SYNAPSE_BASE_URL", "").strip()
    try:
        host = httpx.URL(configured).host if configured else ""
    except httpx.InvalidURL:
        host = ""
    return configured if host in _LOCAL_HOSTS or host.startswith("127.") else DEFAULT_URL


def _parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m synapse_sdk.devserver {command}")
    parser.add_argument(
        "--url",
        default=default_url(),
        help=f"the running local backend (default: $SYNAPSE_BASE_URL if on this machine, else {DEFAULT_URL})",
    )
    if command == "fault":
        parser.description = "Add failure switches to a running local backend, list or clear them."
        parser.add_argument("specs", nargs="*", metavar="SPEC", help=SPEC_HELP)
        parser.add_argument(
            "--list", action="store_true", help="print the switches in force, one JSON per line"
        )
        parser.add_argument("--clear", action="store_true", help="remove every switch (before adding SPECs)")
    else:
        parser.description = "End a job of a running local backend now."
        parser.add_argument("pk", help="the job's id")
        parser.add_argument(
            "outcome", choices=sorted(OUTCOMES), help="fail: failed, stop: STOPPED, succeed: completed"
        )
    return parser


def main(command: str, argv: Sequence[str]) -> int:
    args = _parser(command).parse_args(argv)
    switches = Switches(args.url)
    try:
        if command == "job":
            job = getattr(switches, f"{args.outcome}_job")(args.pk)
            print(f"job {job['id']}: {job['status']}")
            return 0
        if args.clear:
            switches.clear()
        for spec in args.specs:
            fault = switches.add(spec)
            print(f"fault {fault.id}: {spec}")
        if args.list or not (args.clear or args.specs):
            for fault in switches.list():
                print(json.dumps(fault.to_json()))
        return 0
    except (FaultError, LookupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except httpx.HTTPError as exc:
        print(
            f"error: no local backend answers at {switches.control_url} ({exc.__class__.__name__}); "
            "start one with `python -m synapse_sdk.devserver`, or give its address with --url",
            file=sys.stderr,
        )
        return 1
