"""Keeping secrets out of messages and log records.

A secret is redacted by value (every token a client was given, every credential in a storage
configuration it sent) and by shape (`Token <x>` header values, the token in `agents/<token>/`),
so that neither our records nor httpx's and httpcore's ever carry one.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping
from typing import Any

REDACTED = "***"
_MIN_SECRET_LENGTH = 4  # shorter values would redact ordinary words

# Keys whose values are credentials, in storage configurations and elsewhere. The local backend
# masks stored configurations with this same pattern (one list). Azure's connection_string
# embeds the account key.
SECRET_KEY_PATTERN = re.compile(
    r"(secret|password|passwd|token|private_key|access_key|account_key|credential|api_?key|sas"
    r"|connection_string)",
    re.I,
)
# `Token x` and `Bearer x` as header values write them: capitalised, a word of their own.
# Matched in any case they would also eat prose ("the token is accepted", "access_token ****6789").
_SHAPES = (
    (re.compile(r"\b(Token|Bearer)\s+[^\s'\",}]+"), r"\1 " + REDACTED),
    (re.compile(r"(agents/)[^/\s'\"]+(/connect)"), r"\1" + REDACTED + r"\2"),
    (re.compile(r"(://[^/\s:@'\"]*:)[^/\s@'\"]+@"), r"\1" + REDACTED + "@"),
)

_lock = threading.Lock()
_secrets: set[str] = set()
_pattern: re.Pattern[str] | None = None


def register_secrets(values: Iterable[str | None]) -> None:
    """Remember secret values so every later message and record is scrubbed of them."""
    global _pattern
    new = {v for v in values if isinstance(v, str) and len(v) >= _MIN_SECRET_LENGTH}
    with _lock:
        if new <= _secrets:
            return
        _secrets.update(new)
        # Longest first, so a secret that contains another is replaced whole.
        alternatives = sorted(_secrets, key=len, reverse=True)
        _pattern = re.compile("|".join(re.escape(s) for s in alternatives))


def secrets_in(body: Any) -> list[str]:
    """The credential values in a request body (nested dicts and lists)."""
    found: list[str] = []
    if isinstance(body, Mapping):
        for key, value in body.items():
            if isinstance(value, str) and isinstance(key, str) and SECRET_KEY_PATTERN.search(key):
                found.append(value)
            else:
                found.extend(secrets_in(value))
    elif isinstance(body, list | tuple):
        for item in body:
            found.extend(secrets_in(item))
    return found


def redact(text: str) -> str:
    """`text` with every known secret and every secret-shaped value replaced."""
    pattern = _pattern
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    for shape, replacement in _SHAPES:
        text = shape.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Scrubs secrets from a record's message before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is the logging module's to report
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


_FILTERED_LOGGERS = (
    "synapse_sdk",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "hpack",
)
_filter = RedactingFilter()
_configured = False


def install_log_filters() -> None:
    """Attach the filter to our logger and to httpx's (filters do not inherit: one per logger),
    and honour `SYNAPSE_LOG=debug|info`."""
    global _configured
    with _lock:
        if _configured:
            return
        _configured = True
    for name in _FILTERED_LOGGERS:
        logging.getLogger(name).addFilter(_filter)
    level = os.environ.get("SYNAPSE_LOG", "").strip().upper()
    if level in ("DEBUG", "INFO"):
        logger = logging.getLogger("synapse_sdk")
        handler = logging.StreamHandler()
        handler.addFilter(_filter)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)
