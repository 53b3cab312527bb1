"""`--verbose`: each request on stderr, as the client logs it: its DEBUG record per attempt
on the `synapse_sdk` logger (method, URL, status or error, time, attempt number, so retries
show, and the server's request id), redacted like every other line.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from synapse_sdk.clients._redact import RedactingFilter

_logger = logging.getLogger("synapse_sdk")
_handler: logging.Handler | None = None
_previous_level = logging.NOTSET


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time (tests and the redacting wrapper swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def enabled() -> bool:
    return _handler is not None


def enable() -> None:
    global _handler, _previous_level
    if _handler is not None:
        return
    _handler = _StderrHandler()
    _handler.addFilter(RedactingFilter())
    _handler.setFormatter(logging.Formatter("verbose: %(message)s"))
    _previous_level = _logger.level
    _logger.addHandler(_handler)
    _logger.setLevel(logging.DEBUG)


def enable_from_option(ctx: Any, param: Any, value: bool) -> None:
    """The click callback of `--verbose`."""
    if value:
        enable()


def disable() -> None:
    global _handler
    if _handler is None:
        return
    _logger.removeHandler(_handler)
    _logger.setLevel(_previous_level)
    _handler = None
