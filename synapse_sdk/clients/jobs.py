"""Job statuses: which ones end a job, and how it ended.

The documented backend uses lowercase statuses (`queued`, `running`, `completed`, `failed`), the
production backend uppercase ones (`PENDING`, `RUNNING`, `STOPPED`, `SUCCEEDED`, `FAILED`), and
new ones appear over time. A status this module does not know is *not* terminal: waiting on a
job whose status is new goes on until it reaches one of these (or the wait times out), rather
than stopping early on a job that is still running.

    >>> is_terminal("SUCCEEDED"), is_success("completed"), is_terminal("ARCHIVING")
    (True, True, False)
"""

from __future__ import annotations

__all__ = [
    "FAILURE_STATUSES",
    "SUCCESS_STATUSES",
    "TERMINAL_STATUSES",
    "is_failure",
    "is_success",
    "is_terminal",
]

SUCCESS_STATUSES = frozenset({"completed", "SUCCEEDED"})
"""The job ran to its end."""
FAILURE_STATUSES = frozenset({"failed", "FAILED", "STOPPED"})
"""The job ended without finishing its work: it failed, or it was stopped."""
TERMINAL_STATUSES = SUCCESS_STATUSES | FAILURE_STATUSES
"""Statuses after which a job does not change any more."""


def is_terminal(status: object) -> bool:
    """Whether a job in `status` has ended (successfully or not)."""
    return status in TERMINAL_STATUSES


def is_success(status: object) -> bool:
    """Whether a job in `status` ended successfully."""
    return status in SUCCESS_STATUSES


def is_failure(status: object) -> bool:
    """Whether a job in `status` ended without success (failed or stopped)."""
    return status in FAILURE_STATUSES
