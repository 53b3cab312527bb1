"""`make demo`: every example of the user's documentation, run as written, then the README's
examples of the job helpers and lists the page does not show.

By default the examples only ever reach a local backend this script starts itself (a throw-away
database on a free loopback port), whatever the environment says: before anything starts, the
environment is scrubbed of every setting that could point a client elsewhere (SYNAPSE_*
variables, proxies, the home and configuration directories that hold `~/.synapse/config.json`
and `synapse login`'s profiles), and SYNAPSE_BASE_URL / SYNAPSE_ACCESS_TOKEN are set to the local
backend for the examples and every child process.

`--remote URL` (`make demo-remote URL=...`) runs the same examples against another server, with
the tokens of the environment. The examples create and change objects there, so it names the
server and asks first; without a terminal to ask on it refuses unless `--yes` is given.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from seed_examples import (
    closing_calls,
    extract_examples,
    make_package,
    namespace_for,
    readme_examples,
    run_example,
    short,
)

from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServerProcess

LOCAL_TOKEN = "demo-access-token"
# Settings a client (ours, the production SDK's, httpx's) may take its server or route from.
_PROXIES = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
WRITES = (
    "plugin 123 is updated, job 789 is marked completed, and new plugins, releases, storages "
    "and plugin runs are created"
)


def isolated_environment(environ: Mapping[str, str], home: Path) -> dict[str, str]:
    """`environ` without anything that could send a request elsewhere than our own backend:
    no SYNAPSE_* variable, no proxy, and a fresh home and configuration directory (so neither
    `~/.synapse/config.json` nor a `synapse login` profile is read)."""
    kept = {
        name: value
        for name, value in environ.items()
        if not name.upper().startswith("SYNAPSE_") and name.lower() not in _PROXIES
    }
    config = home / ".config"
    config.mkdir(parents=True, exist_ok=True)
    kept.update(HOME=str(home), XDG_CONFIG_HOME=str(config), NO_PROXY="127.0.0.1,localhost")
    return kept


def _show(name: str, value: Any) -> None:
    print(f"    → {name} = {short(value)}")


def run_examples(client: BackendClient, workdir: Path) -> int:
    namespace = namespace_for(client, make_package(workdir))
    # The page's examples as written, then the README's for the methods the page lacks.
    examples = extract_examples() + closing_calls() + readme_examples()
    failures = 0
    for number, example in enumerate(examples, 1):
        print(f"\n[{number}/{len(examples)}] {example.title}")
        print("    " + example.code.strip().replace("\n", "\n    "))
        print("  output:")
        try:
            run_example(example, namespace, _show)
        except Exception as error:  # the demo reports every example, then fails at the end
            failures += 1
            print(f"  FAILED: {type(error).__name__}: {error}")
    print(f"\n{len(examples) - failures} of {len(examples)} examples ran as written.")
    return 1 if failures else 0


def run_local() -> int:
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="synapse-demo-")))
        clean = isolated_environment(os.environ, workdir / "home")
        os.environ.clear()
        os.environ.update(clean)
        server = stack.enter_context(DevServerProcess(db=str(workdir / "demo.sqlite3"), job_duration=3.0))
        os.environ.update(SYNAPSE_BASE_URL=server.url, SYNAPSE_ACCESS_TOKEN=LOCAL_TOKEN)
        print(f"Started a local Synapse backend at {server.url}; the examples reach nothing else.")
        client = stack.enter_context(BackendClient(server.url, access_token=LOCAL_TOKEN))
        return run_examples(client, workdir)


def confirmed(url: str, *, yes: bool) -> bool:
    """Ask on the terminal before writing to `url`; without one, only `--yes` says yes."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print(
            f"error: refusing to run the examples against {url} without asking: there is no terminal "
            "to ask on; pass --yes (make demo-remote URL=... YES=1) to confirm",
            file=sys.stderr,
        )
        return False
    print(f"The examples will write to {url}: {WRITES}.")
    answer = input(f"Run them against {url}? [y/N] ").strip().lower()
    return answer in {"y", "yes"}


def run_remote(url: str, *, yes: bool) -> int:
    if not url.strip():
        print(
            "error: no server given: make demo-remote URL=https://synapse.example.com/api/", file=sys.stderr
        )
        return 2
    if not confirmed(url, yes=yes):
        print(f"Nothing was sent to {url}.", file=sys.stderr)
        return 2
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="synapse-demo-")))
        # The server named on the command line; tokens as BackendClient() reads them.
        client = stack.enter_context(BackendClient(url))
        print(f"Using the backend at {client.base_url} (--remote)")
        return run_examples(client, workdir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--remote", metavar="URL", help="run against this server instead (asks first)")
    parser.add_argument("--yes", action="store_true", help="with --remote: do not ask")
    args = parser.parse_args(argv)
    if args.remote is not None:
        return run_remote(args.remote, yes=args.yes)
    if args.yes:
        parser.error("--yes goes with --remote URL")
    return run_local()


if __name__ == "__main__":
    sys.exit(main())
