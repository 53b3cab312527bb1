"""The two ways a run can fail before it has a verdict (both exit status 2, one line on stderr)."""

from __future__ import annotations


class InputError(Exception):
    """A problem with what we were asked to compare: a file, a git ref, the repository."""


class ToolMissing(RuntimeError):
    """A program or library the differ needs is not installed; the message says how to get it."""
