"""Reading request bodies: Content-Length or chunked transfer coding, with a size limit, in chunks."""

from __future__ import annotations

import json
import math
from typing import Any, BinaryIO

from .errors import HttpError, detail


class BodyError(HttpError):
    """The body itself is broken (bad chunking, too large): the connection cannot be reused."""


class BodyReader:
    def __init__(self, rfile: BinaryIO, length: int | None, chunked: bool, limit: int) -> None:
        self._rfile = rfile
        self._remaining = 0 if chunked else length or 0
        self._chunked = chunked
        self._chunk_left = 0
        self._done = not chunked and not length
        self._length = length
        # Settable until the first read: the route decides (uploads may be larger than JSON).
        self.limit = limit
        self.bytes_read = 0

    @property
    def finished(self) -> bool:
        return self._done

    def read(self, size: int = 65536) -> bytes:
        if self._done or size <= 0:
            return b""
        # Checked on read, not on construction, so that routing and authentication errors come first.
        if self._length is not None and self._length > self.limit:
            raise BodyError(413, {"detail": "Request body is too large."})
        data = self._read_chunked(size) if self._chunked else self._read_plain(size)
        self.bytes_read += len(data)
        if self.bytes_read > self.limit:
            raise BodyError(413, {"detail": "Request body is too large."})
        return data

    def _read_plain(self, size: int) -> bytes:
        data = self._rfile.read(min(size, self._remaining))
        if not data:
            raise BodyError(400, {"detail": "The request body ended before Content-Length bytes."})
        self._remaining -= len(data)
        self._done = self._remaining == 0
        return data

    def _read_chunked(self, size: int) -> bytes:
        if self._chunk_left == 0:
            line = self._rfile.readline(1024)
            try:
                self._chunk_left = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise BodyError(400, {"detail": "Malformed chunked request body."}) from None
            if self._chunk_left == 0:
                # Skip trailers up to the blank line that ends the message.
                while self._rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                self._done = True
                return b""
        data = self._rfile.read(min(size, self._chunk_left))
        if not data:
            raise BodyError(400, {"detail": "The request body ended inside a chunk."})
        self._chunk_left -= len(data)
        if self._chunk_left == 0:
            self._rfile.readline(8)  # the CRLF after the chunk data
        return data

    def read_all(self) -> bytes:
        parts = []
        while not self._done:
            parts.append(self.read())
        return b"".join(parts)

    def drain(self, budget: int) -> bool:
        """Discard what is left, up to ``budget`` bytes; True if the connection can serve another request."""
        try:
            while not self._done and budget > 0:
                budget -= len(self.read(min(65536, budget)))
        except HttpError:
            return False
        return self._done


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"Out of range float values are not JSON compliant: {text}")
    return value


def _reject_constant(text: str) -> Any:
    raise ValueError(f"Out of range float values are not JSON compliant: {text}")


def decode_json(raw: bytes) -> Any:
    """Strict JSON, as DRF parses it: NaN, Infinity and overflowing floats are errors."""
    try:
        return json.loads(raw.decode("utf-8"), parse_float=_finite_float, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise detail(400, f"JSON parse error - {exc}") from None
    except RecursionError:
        raise detail(400, "JSON parse error - nested too deeply") from None
