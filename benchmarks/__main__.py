"""`python -m benchmarks [--quick] [--json PATH] [--only NAME,...]`: run, print the table."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

from . import (
    concurrent,
    contract_diff,
    follow_logs,
    get_plugin,
    harness,
    import_time,
    iter_jobs,
    list_jobs,
    typed_models,
    upload,
)
from .common import FULL, QUICK, Sizes
from .report import Row, machine, table
from .server import running

Benchmark = Callable[[str, Sizes], list[Row]]
BENCHMARKS: dict[str, Benchmark] = {
    "get_plugin": get_plugin.run,
    "list_jobs": list_jobs.run,
    "typed_models": typed_models.run,
    "upload": upload.run,
    "concurrent": concurrent.run,
    "iter_jobs": iter_jobs.run,
    "import": import_time.run,
    "follow_logs": follow_logs.run,
    "contract_diff": contract_diff.run,
    "harness": harness.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes: proves everything works")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--only", metavar="NAMES", help="comma-separated subset of: " + ", ".join(BENCHMARKS))
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    sizes = QUICK if args.quick else FULL
    host = machine()
    print(f"Synapse SDK benchmarks ({'quick' if args.quick else 'full'})")
    for key, value in host.items():
        print(f"  {key}: {value}")
    print(flush=True)

    rows: list[Row] = []
    started = time.perf_counter()
    with running() as base_url:
        for name in names:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            began = time.perf_counter()
            rows.extend(BENCHMARKS[name](base_url, sizes))
            print(f"  {name}: {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    print(table(rows), flush=True)
    met = sum(row.met for row in rows)
    print(f"\n{met}/{len(rows)} goals met in {elapsed:.0f} s")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(
                {
                    "mode": "quick" if args.quick else "full",
                    "machine": host,
                    "seconds": elapsed,
                    "results": [row.as_dict() for row in rows],
                },
                out,
                indent=2,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
