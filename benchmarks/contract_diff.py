"""`make contract-diff` on a large document: GitHub's api.github.com.json (npm @octokit/openapi,
about 13 MB, 1200 operations) against a mutated copy, as a ratio to the 3 s goal.

Each run is a fresh `python scripts/contract_diff.py OLD NEW --no-python`, the way a reviewer or CI
runs it: interpreter start, reading both files, the diff and the report. The copy has four changes
a client would notice (an operation removed, a required query parameter added, an enum value
removed from a request parameter, an optional field added to the most shared response schema), so
the diff walks changed and unchanged parts alike.

The figure is the run's CPU time (user + system, from the child's rusage): the process is single
threaded, so that is its wall time on a quiet machine, while wall time on this shared 2-core machine
mostly measures the other jobs. Wall time and the load average are printed beside it.

A second row runs the production backend's own document (synapse-sdk 2026.2.17's backend_v2
openapi.yaml, 933 KB of YAML, fetched with `pip download` as tests/contract/production.py does)
against a copy with seven changes, as the ratio of its CPU time to that of a process that only
loads both files (same interpreter start, same YAML and JSON parsing): what the diff itself adds.
"""

from __future__ import annotations

import copy
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from tests.contract import production

from .common import QUICK, Sizes
from .report import Row, median, paired_ratio

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "node_modules" / "@octokit" / "openapi" / "generated" / "api.github.com.json"
SCRIPT = ROOT / "scripts" / "contract_diff.py"
GOAL_SECONDS = 3.0
PRODUCTION_GOAL = 2.0  # diff / load: the walk and the report at most as dear as reading both files
METHODS = ("get", "put", "post", "delete", "patch")


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, item[method])
        for path, item in doc["paths"].items()
        for method in METHODS
        if isinstance(item.get(method), dict)
    ]


def mutate(doc: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(doc)
    ops = _operations(changed)
    path, method, _ = ops[0]
    del changed["paths"][path][method]
    ops[1][2].setdefault("parameters", []).append(
        {"name": "bench_probe", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    for _path, _method, op in ops[2:]:
        for param in op.get("parameters", []):
            schema = param.get("schema") if isinstance(param, dict) else None
            if isinstance(schema, dict) and isinstance(schema.get("enum"), list) and len(schema["enum"]) > 1:
                schema["enum"] = schema["enum"][1:]
                break
        else:
            continue
        break
    # The most shared schema (GitHub's `simple-user`, in hundreds of responses): the change reaches
    # every operation that returns it, the worst case for the walk.
    schemas = changed["components"]["schemas"]
    name = (
        "simple-user"
        if "simple-user" in schemas
        else next(n for n, s in schemas.items() if "properties" in s)
    )
    schemas[name]["properties"]["bench_probe_field"] = {"type": "string", "description": f"added to {name}"}
    return changed


def _cpu(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """CPU seconds (user + system) and wall seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, done


_LOAD_BOTH = (
    "import sys; from synapse_contract.loader import load_with_refs; "
    "load_with_refs(__import__('pathlib').Path(sys.argv[1])); load_with_refs(__import__('pathlib').Path(sys.argv[2]))"
)


def production_row(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-contract-production-") as tmp:
        found = production.fetch(Path(tmp))
        if isinstance(found, str):
            print(f"  contract diff, production document: skipped ({found})", file=sys.stderr)
            return []
        with found.open(encoding="utf-8") as fh:
            document = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        changed = Path(tmp) / "changed.yaml"
        production.dump_yaml(production.change(document), changed)
        diff = [sys.executable, str(SCRIPT), str(found), str(changed), "--output", f"{tmp}/r.txt"]
        load = [sys.executable, "-c", _LOAD_BOTH, str(found), str(changed)]
        _cpu(diff)  # warm-up: page cache, bytecode
        diffs: list[float] = []
        loads: list[float] = []
        walls: list[float] = []
        for _ in range(runs):
            seconds, wall, done = _cpu(diff)
            if done.returncode != 1:
                raise RuntimeError(
                    f"contract_diff exited {done.returncode} (1 expected): {done.stderr.strip()}"
                )
            diffs.append(seconds)
            walls.append(wall)
            seconds, _, done = _cpu(load)
            if done.returncode != 0:
                raise RuntimeError(f"loading the production document failed: {done.stderr.strip()}")
            loads.append(seconds)
        size = found.stat().st_size / 1e3
    return [
        Row(
            "contract diff, production document / loading both",
            paired_ratio(diffs, loads),
            PRODUCTION_GOAL,
            detail=f"CPU {median(diffs):.2f} s diff vs {median(loads):.2f} s load (wall {median(walls):.2f} s), "
            f"median of {runs}; {size:.0f} KB backend_v2 openapi.yaml vs a copy with 7 changes",
        )
    ]


def run(_base_url: str, sizes: Sizes) -> list[Row]:
    if not SPEC.exists():
        raise FileNotFoundError(f"{SPEC} is missing: run `make setup` (npm ci installs @octokit/openapi)")
    runs = 1 if sizes == QUICK else 3
    with tempfile.TemporaryDirectory(prefix="bench-contract-") as tmp:
        mutated = Path(tmp) / "api.github.com.mutated.json"
        mutated.write_text(json.dumps(mutate(json.loads(SPEC.read_text(encoding="utf-8")))), encoding="utf-8")
        command = [
            sys.executable,
            str(SCRIPT),
            str(SPEC),
            str(mutated),
            "--no-python",
            "--output",
            f"{tmp}/r.md",
        ]
        subprocess.run(command, check=False, capture_output=True)  # warm-up: page cache, bytecode
        times: list[float] = []
        walls: list[float] = []
        status = None
        for _ in range(runs):
            seconds, wall, done = _cpu(command)
            walls.append(wall)
            times.append(seconds)
            status = done.returncode
            if status != 1:
                raise RuntimeError(f"contract_diff exited {status} (1 expected): {done.stderr.strip()}")
        report = Path(tmp, "r.md").read_text(encoding="utf-8").splitlines()[0]
    seconds = median(times)
    size = SPEC.stat().st_size / 1e6
    load = os.getloadavg()[0]
    return [
        Row(
            "contract diff, 13 MB document / 3 s",
            seconds / GOAL_SECONDS,
            1.0,
            detail=f"CPU {seconds:.2f} s (wall {median(walls):.2f} s at load {load:.1f}), median of {runs}, "
            f"{size:.1f} MB api.github.com.json vs a mutated copy; {report.removeprefix('## ')[:48]}...",
        ),
        # Full runs only: --quick proves the harness works offline, without pip download.
        *(production_row(runs) if sizes != QUICK else []),
    ]
