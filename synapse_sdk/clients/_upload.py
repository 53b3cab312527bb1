"""The package of a plugin release: opened, measured and streamed in constant memory.

httpx reads a file part in 64 KiB chunks and learns its length from `fstat` (so the request
carries a Content-Length); we only wrap the file to count bytes for a progress callback.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from ._inputs import invalid

ProgressCallback = Callable[[int, int | None], None]


class _ProgressReader(io.RawIOBase):
    """A read-only view of a binary file that reports how much of it has been read."""

    def __init__(self, raw: IO[bytes], total: int | None, callback: ProgressCallback) -> None:
        super().__init__()
        self._raw = raw
        self._total = total
        self._callback = callback
        self._sent = 0
        self.name = getattr(raw, "name", None)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._raw.seekable()

    def fileno(self) -> int:
        return self._raw.fileno()

    def tell(self) -> int:
        return self._raw.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        position = self._raw.seek(offset, whence)
        if whence == io.SEEK_SET:  # httpx rewinds before (re)sending: count again from there
            self._sent = position
        return position

    def read(self, size: int | None = -1) -> bytes:
        chunk = self._raw.read(-1 if size is None else size)
        if chunk:
            self._sent += len(chunk)
            self._callback(self._sent, self._total)
        return chunk

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@dataclass
class Package:
    stream: IO[bytes]
    name: str
    size: int | None
    owned: tuple[IO[bytes], ...]  # files opened here, closed after sending

    def close_if_owned(self) -> None:
        for handle in self.owned:
            handle.close()


def _size_of(stream: IO[bytes]) -> int | None:
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        pass
    try:
        position = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        stream.seek(position)
        return end
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None


def open_package(value: object, progress: ProgressCallback | None) -> Package:
    """Accepts an open binary file (as the documentation shows), a path, or bytes."""
    owned: tuple[IO[bytes], ...] = ()
    stream: IO[bytes]
    if isinstance(value, str | os.PathLike):
        path = os.fspath(value)
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by the client once sent
        except OSError as error:
            raise invalid("file", f"cannot open {path!r}: {error.strerror or error}") from None
        owned = (stream,)
        name = os.path.basename(str(path))
    elif isinstance(value, bytes | bytearray | memoryview):
        stream = io.BytesIO(bytes(value))
        name = "package"
    elif isinstance(value, io.TextIOBase):
        raise invalid("file", "the package is open in text mode; open it with open(path, 'rb')")
    elif hasattr(value, "read"):
        stream = value  # type: ignore[assignment]
        if getattr(stream, "closed", False):
            raise invalid("file", "the package file is closed")
        raw_name = getattr(stream, "name", None)
        name = os.path.basename(os.fsdecode(raw_name)) if isinstance(raw_name, str | bytes) else "package"
    else:
        raise invalid("file", f"expected an open binary file, a path or bytes, got {type(value).__name__}")
    size = _size_of(stream)
    if progress is not None:
        stream = _ProgressReader(stream, size, progress)  # type: ignore[assignment]
    return Package(stream=stream, name=name or "package", size=size, owned=owned)
