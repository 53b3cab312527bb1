"""Everything the command prints passes the client's redaction (`synapse_sdk.clients._redact`).

`redacting_streams()` wraps stdout and stderr for the length of one invocation, so a table, a
note, a log line or an error a server echoed back can never carry a token or a credential the
client knows, whichever code path printed it. `scrub()` also hides the values under secret-named
keys of a server's body (a 400 that repeats the `secret_access_key` it refused).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

from synapse_sdk.clients._redact import REDACTED, SECRET_KEY_PATTERN, redact

__all__ = ["clean", "redacting_streams", "scrub", "secret_values", "without_echoed_secrets"]


def clean(text: str) -> str:
    return redact(text)


def scrub(value: Any) -> Any:
    """A copy of a JSON value with every value under a secret-named key replaced."""
    if isinstance(value, Mapping):
        return {
            key: REDACTED if isinstance(key, str) and SECRET_KEY_PATTERN.search(key) else scrub(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    return value


def secret_values(value: Any, under_secret: bool = False) -> list[str]:
    """The strings under secret-named keys of a JSON value (nested, lists included)."""
    if isinstance(value, Mapping):
        found: list[str] = []
        for key, item in value.items():
            found += secret_values(
                item, under_secret or (isinstance(key, str) and bool(SECRET_KEY_PATTERN.search(key)))
            )
        return found
    if isinstance(value, list | tuple):
        return [text for item in value for text in secret_values(item, under_secret)]
    return [value] if under_secret and isinstance(value, str) and value else []


def without_echoed_secrets(text: str, body: Any) -> str:
    """`text` (a message built from a server's body) with the body's secret-keyed values hidden."""
    for secret in sorted(set(secret_values(body)), key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


class RedactingStream:
    """A text stream that redacts what is written, and is otherwise the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(redact(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # isatty, flush, fileno, encoding, ...
        return getattr(self._stream, name)


@contextmanager
def redacting_streams() -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, RedactingStream):
        sys.stdout = RedactingStream(sys.stdout)
    if not isinstance(sys.stderr, RedactingStream):
        sys.stderr = RedactingStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
