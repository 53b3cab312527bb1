"""Import time of `synapse_sdk.clients.backend` against `httpx` and `attrs` alone.

Each is the wall time of a fresh `python -c 'import ...'` minus that of `python -c pass` (the
interpreter's own start-up), median of N runs, the three alternating. Run from a temporary
directory, so the package is imported as installed.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
from collections.abc import Callable

from .common import Sizes, alternate
from .report import Row, median

SNIPPETS = {"bare": "pass", "reference": "import httpx, attrs", "sdk": "import synapse_sdk.clients.backend"}


def run(_base_url: str, sizes: Sizes) -> list[Row]:
    with tempfile.TemporaryDirectory() as cwd:
        interpreter = functools.partial(subprocess.run, cwd=cwd, check=True)
        for rounds in (2, sizes.import_runs):  # first a warm-up: bytecode caches, page cache
            times: dict[str, list[float]] = {name: [] for name in SNIPPETS}
            calls: list[tuple[list[float], Callable[[], object]]] = [
                (times[name], functools.partial(interpreter, [sys.executable, "-c", code]))
                for name, code in SNIPPETS.items()
            ]
            alternate(calls, rounds)
    bare = median(times["bare"])
    sdk, reference = median(times["sdk"]) - bare, median(times["reference"]) - bare
    ms = 1000
    return [
        Row(
            "import clients.backend / httpx+attrs",
            sdk / reference,
            1.3,
            detail=f"SDK {sdk * ms:.1f} ms, httpx+attrs {reference * ms:.1f} ms over a bare "
            f"interpreter's {bare * ms:.1f} ms (median of {len(times['sdk'])})",
        ),
    ]
