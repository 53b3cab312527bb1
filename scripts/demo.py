"""`make demo`: every example of the user's documentation, run as written against a backend,
then the README's examples of the job helpers and lists the page does not show.

With SYNAPSE_BASE_URL set it uses that backend, configured as `BackendClient()` reads the
environment (SYNAPSE_ACCESS_TOKEN, SYNAPSE_TENANT, ...); beware that the examples create and
change objects. Otherwise it starts the built-in local backend (`python -m synapse_sdk.devserver`)
on a free port with a throw-away database.
"""

from __future__ import annotations

import os
import sys
import tempfile
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


def _show(name: str, value: Any) -> None:
    print(f"    → {name} = {short(value)}")


def main() -> int:
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="synapse-demo-")))
        if os.environ.get("SYNAPSE_BASE_URL", "").strip():
            client = stack.enter_context(BackendClient())  # every setting from SYNAPSE_* variables
            print(f"Using the backend at {client.base_url} (SYNAPSE_BASE_URL)")
        else:
            server = stack.enter_context(DevServerProcess(db=str(workdir / "demo.sqlite3"), job_duration=3.0))
            print(f"Started the local Synapse backend at {server.url}")
            client = stack.enter_context(BackendClient(server.url, access_token="demo-access-token"))
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


if __name__ == "__main__":
    sys.exit(main())
