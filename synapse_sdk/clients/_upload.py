"""The package of a plugin release: opened, measured and streamed in constant memory, and sent
again on a retry only if it can be sent again byte for byte.

httpx learns a file part's length by asking the file (`fileno`, else `tell`/`seek`) and streams
it by calling `read(64 KiB)` until it returns nothing, rewinding with `seek(0)` before each
attempt. The package reaches httpx behind `_UploadReader`, which

- reads up to 1 MiB whatever size is asked: at 64 KiB about a third of the client's CPU was
  per-chunk Python work; 16 times fewer chunks, still about a megabyte in memory at a time;
- counts the bytes for a progress callback;
- shows httpx the package from where it stood when given (a file positioned past a header is
  sent from there, and rewound to there), never the file from 0;
- sends exactly the size measured up front: a file that shrinks or grows while it is sent
  fails the call (`PackageChanged`, an OSError the client reports as a ValidationError naming
  both sizes), so a request never carries a truncated or padded package;
- hides `fileno`/`tell`/`seek` for a package that cannot be rewound (an OS pipe, a socket, an
  object with only `read()`): httpx then sends it chunked, as it comes, and the client retries
  the call only if not one byte of it was read (`why_not_resendable`). A second pass over a
  consumed stream raises instead of sending an empty package.

Nothing is spooled to disk or memory: a stream too large to hold is common (`tar | upload`), and
the caller knows better where a copy may go (docs/limits.md, "Uploads and retries").
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from ._inputs import invalid

if TYPE_CHECKING:
    import httpx

ProgressCallback = Callable[[int, int | None], None]


CHUNK_SIZE = 1024 * 1024  # bytes per read of the package: see the module's docstring

NOT_RESENDABLE = (
    "the package is a stream that cannot be rewound (a pipe, or an object with only read()) and "
    "was already sent once; pass a path, bytes or a seekable file to have a failed upload retried"
)


# The key of `request.extensions` under which a request carries its package.
PACKAGE = "synapse_sdk.package"


def why_not_resendable(request: httpx.Request) -> str | None:
    """None when the request's body can be sent again as it was; else why not."""
    package = request.extensions.get(PACKAGE)
    return package.why_not_resendable() if isinstance(package, Package) else None


class PackageChanged(OSError):
    """The package is not what was measured (or cannot be re-read) while a request sends it."""


class _UploadReader(io.RawIOBase):
    """A read-only view of the package for httpx, from `start` on: reads of `CHUNK_SIZE`, a count
    of the bytes read, exactly `size` bytes when the size is known, and a rewind only when the
    package can be read again."""

    def __init__(
        self, raw: IO[bytes], start: int, size: int | None, callback: ProgressCallback | None
    ) -> None:
        super().__init__()
        self._raw = raw
        self._start = start
        self._size = size  # None: a stream that cannot be rewound, sent chunked
        self._callback = callback
        self._position = 0  # bytes read since the last rewind
        self.name = getattr(raw, "name", None)

    @property
    def consumed(self) -> bool:
        return self._position > 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._size is not None

    def _rewindable(self) -> int:
        if self._size is None:
            # httpx rewinds before every attempt and skips a file that says it cannot: fine for
            # the first, but a second pass would send what is left of the stream (nothing).
            if self.consumed:
                raise PackageChanged(NOT_RESENDABLE)
            raise io.UnsupportedOperation("the package cannot be rewound")
        return self._size

    def tell(self) -> int:
        self._rewindable()
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        size = self._rewindable()
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: size}[whence]
        position = base + offset
        if not 0 <= position <= size:
            raise io.UnsupportedOperation(f"cannot seek the package to {position} of {size}")
        self._raw.seek(self._start + position)
        self._position = position
        return position

    def read(self, size: int | None = -1) -> bytes:
        # httpx's size (64 KiB) is a chunking choice, not a limit on what it can take.
        wanted = -1 if size is None or size < 0 else max(size, CHUNK_SIZE)
        if self._size is None:
            chunk = self._raw.read(wanted)
        else:
            left = self._size - self._position
            if left <= 0:
                if self._raw.read(1):
                    raise PackageChanged(
                        f"the package grew while it was sent: it was {self._size} bytes when measured"
                    )
                return b""
            chunk = self._raw.read(left if wanted < 0 else min(wanted, left))
            if len(chunk) > left:  # an object that returns more than asked for
                raise PackageChanged(
                    f"the package grew while it was sent: it was {self._size} bytes when measured"
                )
            if not chunk:
                raise PackageChanged(
                    f"the package shrank while it was sent: {self._position} of the "
                    f"{self._size} bytes measured could be read"
                )
        if chunk:
            self._position += len(chunk)
            if self._callback is not None:
                self._callback(self._position, self._size)
        return chunk

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        chunk = self.read(len(view))
        view[: len(chunk)] = chunk
        return len(chunk)


@dataclass
class Package:
    stream: IO[bytes]
    name: str
    size: int | None  # None: a stream sent chunked, retried only before it is read
    owned: tuple[IO[bytes], ...]  # files opened here, closed after sending

    def close_if_owned(self) -> None:
        for handle in self.owned:
            handle.close()

    def why_not_resendable(self) -> str | None:
        """None when another attempt would send the same bytes; else why it would not."""
        reader = self.stream
        if self.size is None and isinstance(reader, _UploadReader) and reader.consumed:
            return NOT_RESENDABLE
        return None


def _measure(stream: IO[bytes]) -> tuple[int, int] | None:
    """Where the package starts and how many bytes follow, when it can be read again from
    there: a regular file, or a stream whose `seek` and `tell` work. None for the rest."""
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # no descriptor: BytesIO, custom objects
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        return None  # a pipe, socket or device: its size and position mean nothing
    try:
        seekable = getattr(stream, "seekable", None)
        if seekable is not None and not seekable():
            return None
        start = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        stream.seek(start)
    except (AttributeError, OSError, ValueError):
        return None
    return start, max(0, end - start)


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
    measured = _measure(stream)
    start, size = measured if measured is not None else (0, None)
    reader = _UploadReader(stream, start, size, progress)
    return Package(stream=reader, name=name or "package", size=size, owned=owned)  # type: ignore[arg-type]
