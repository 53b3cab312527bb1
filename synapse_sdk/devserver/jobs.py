"""The simulated life of a job started by ``run_plugin``: queued, running 0..100 %, completed.

A seeded job may instead end ``failed`` at the same moment (``outcome``), to try failure paths.

The state is a pure function of the start time, the duration and the clock, computed on read:
no background threads, and a restarted server picks up where the clock says the job is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Share of the duration spent queued before the job starts running.
QUEUED_SHARE = 0.1
STEPS = 10
COMPLETED = "completed"
FAILED = "failed"
# Statuses a failure switch may end a job in that count as success (it then stands at 100 %).
SUCCESS = frozenset({COMPLETED, "SUCCEEDED"})
FAILURE_MESSAGE = "Simulated failure: the local backend ends this job as failed"


@dataclass(frozen=True)
class LogLine:
    timestamp: float
    level: str
    message: str


@dataclass(frozen=True)
class SimulatedState:
    status: str
    progress: int
    modified: float
    logs: list[LogLine]
    result: dict[str, Any] | None = None
    metrics: dict[str, Any] = field(default_factory=dict)


def simulate(
    started: float, duration: float, now: float, parameters: dict[str, Any], outcome: str = COMPLETED
) -> SimulatedState:
    """Where a job started at ``started`` that takes ``duration`` seconds stands at ``now``.

    At the end it is ``completed`` with a result, or (``outcome="failed"``) failed at its last step.
    """
    duration = max(duration, 0.0)
    elapsed = max(now - started, 0.0)
    queued_for = duration * QUEUED_SHARE
    running_for = duration - queued_for
    logs = [LogLine(started, "INFO", "Job queued")]
    if elapsed < queued_for:
        return SimulatedState("queued", 0, started, logs)

    logs.append(LogLine(started + queued_for, "INFO", "Job started"))
    for step in range(1, STEPS + 1):
        at = started + queued_for + running_for * step / STEPS
        if at > now:
            break
        logs.append(LogLine(at, "INFO", f"Step {step}/{STEPS} done ({step * 100 // STEPS}%)"))
    if elapsed < duration:
        progress = min(99, int((elapsed - queued_for) / running_for * 100)) if running_for > 0 else 0
        metrics = {"elapsed_seconds": round(elapsed, 3)}
        return SimulatedState("running", progress, logs[-1].timestamp, logs, metrics=metrics)

    finished = started + duration
    if outcome == FAILED:
        logs[-1:] = [LogLine(finished, "ERROR", FAILURE_MESSAGE)]  # the last step never completes
        metrics = {"elapsed_seconds": round(duration, 3), "steps": STEPS - 1}
        return SimulatedState(FAILED, (STEPS - 1) * 100 // STEPS, finished, logs, metrics=metrics)
    logs.append(LogLine(finished, "INFO", "Job completed"))
    result = {"output_files": ["output/result.json"], "parameters": parameters}
    metrics = {"elapsed_seconds": round(duration, 3), "steps": STEPS}
    return SimulatedState("completed", 100, finished, logs, result=result, metrics=metrics)


def next_change(started: float, duration: float, now: float) -> float | None:
    """When the simulated job next writes a log entry or changes status after ``now``; None once done.

    Console-log streams sleep exactly until then rather than poll.
    """
    duration = max(duration, 0.0)
    queued_for = duration * QUEUED_SHARE
    running_for = duration - queued_for
    moments = [started + queued_for]
    moments += [started + queued_for + running_for * step / STEPS for step in range(1, STEPS + 1)]
    moments.append(started + duration)
    return next((moment for moment in moments if moment > now), None)
