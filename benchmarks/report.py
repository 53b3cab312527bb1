"""Rows of the results table, the machine they were measured on, and how both are printed."""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Row:
    """One figure: `value` against `goal` (`value <= goal`, or `>=` when `at_least`)."""

    name: str
    value: float
    goal: float
    unit: str = "x"
    at_least: bool = False
    detail: str = ""

    @property
    def met(self) -> bool:
        """Judged at the precision printed, so a row never reads `0.950x ≥ 0.950x FAIL`."""
        value = float(_format(self.value, self.unit).split()[0].rstrip("x"))
        return value >= self.goal if self.at_least else value <= self.goal

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "met": self.met}


def median(values: list[float]) -> float:
    return statistics.median(values)


def paired_ratio(numerators: list[float], denominators: list[float]) -> float:
    """The median of the ratios of measurements taken side by side (same turn): noise that hits
    one turn hits both of its measurements, so this is steadier than a ratio of medians."""
    return statistics.median(n / d for n, d in zip(numerators, denominators, strict=True))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def machine() -> dict[str, str]:
    import httpx

    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        with open("/proc/loadavg") as loadavg:
            load = " ".join(loadavg.read().split()[:3])
    except OSError:
        load = "unknown"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": cpu,
        "cores": f"{os.cpu_count()} ({usable} usable)",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "httpx": httpx.__version__,
        "os": platform.platform(),
        "load average": load,
    }


def _format(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.3f}x"
    return f"{value:.1f} {unit}"


def table(rows: list[Row]) -> str:
    cells = [
        (
            row.name,
            _format(row.value, row.unit),
            ("≥ " if row.at_least else "≤ ") + _format(row.goal, row.unit),
            "PASS" if row.met else "FAIL",
            row.detail,
        )
        for row in rows
    ]
    header = ("benchmark", "measured", "goal", "", "detail")
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(4)]
    lines = []
    for line in [header, *cells]:
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)) + "  " + line[4]
        )
    lines.insert(1, "-" * (sum(widths) + 8 + len(header[4])))
    return "\n".join(line.rstrip() for line in lines)
