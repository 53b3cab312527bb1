"""A streaming ``multipart/form-data`` parser: file parts go to disk chunk by chunk.

Memory stays constant whatever the upload size: the parser holds one read chunk plus the
length of the boundary, and hashes file parts as they are written.
"""

from __future__ import annotations

import contextlib
import email.message
import email.parser
import email.utils
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

CHUNK_SIZE = 256 * 1024
MAX_HEADER_BYTES = 16 * 1024
MAX_FIELD_BYTES = 1024 * 1024
MAX_PARTS = 1000


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


class MultipartError(ValueError):
    pass


@dataclass
class FilePart:
    name: str
    filename: str
    content_type: str
    path: Path
    size: int
    sha256: str


@dataclass
class FormData:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, list[FilePart]] = field(default_factory=dict)

    def discard_files(self) -> None:
        for parts in self.files.values():
            for part in parts:
                with contextlib.suppress(FileNotFoundError):
                    part.path.unlink()


def boundary_of(content_type: str) -> bytes:
    message = email.message.Message()
    message["content-type"] = content_type
    boundary = message.get_param("boundary")
    if not isinstance(boundary, str) or not 0 < len(boundary) <= 200:
        raise MultipartError(
            f"Invalid boundary in multipart: {boundary if isinstance(boundary, str) else None}"
        )
    return boundary.encode("latin-1")


class _Buffer:
    """The unparsed bytes of the stream, refilled one chunk at a time."""

    def __init__(self, stream: Readable) -> None:
        self.stream = stream
        # The first delimiter need not follow a CRLF; pretending one came first keeps one search rule.
        self.data = b"\r\n"
        self.eof = False

    def fill(self) -> None:
        if self.eof:
            raise MultipartError("The multipart body ended unexpectedly.")
        chunk = self.stream.read(CHUNK_SIZE)
        if chunk:
            self.data += chunk
        else:
            self.eof = True

    def ensure(self, size: int) -> None:
        while len(self.data) < size and not self.eof:
            self.fill()

    def copy_until(
        self, delimiter: bytes, sink: Writable | bytearray | None, limit: int | None = None
    ) -> int:
        """Move bytes to ``sink`` up to ``delimiter`` and drop the delimiter; returns the bytes moved."""
        moved = 0
        keep = len(delimiter) - 1
        while True:
            index = self.data.find(delimiter)
            if index >= 0:
                moved += self._emit(self.data[:index], sink)
                self.data = self.data[index + len(delimiter) :]
                return moved
            if len(self.data) > keep:
                moved += self._emit(self.data[:-keep], sink)
                self.data = self.data[-keep:]
            if limit is not None and moved > limit:
                raise MultipartError("A form field is too large.")
            self.fill()

    @staticmethod
    def _emit(data: bytes, sink: Writable | bytearray | None) -> int:
        if isinstance(sink, bytearray):
            sink.extend(data)
        elif sink is not None:
            sink.write(data)
        return len(data)


class _HashingFile:
    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.handle.write(data)


def _part_headers(raw: bytes) -> tuple[str | None, str | None, str]:
    """(field name, file name or None, content type) of one part's headers."""
    headers = email.parser.HeaderParser().parsestr(raw.decode("utf-8", "replace"))
    disposition = headers.get("content-disposition")
    if disposition is None or not str(disposition).lower().startswith("form-data"):
        return None, None, ""
    name = headers.get_param("name", header="content-disposition")
    filename = headers.get_filename()
    content_type = headers.get_content_type() if headers.get("content-type") else "application/octet-stream"
    return (
        email.utils.collapse_rfc2231_value(name) if name is not None else None,
        filename,
        content_type,
    )


def parse(stream: Readable, boundary: bytes, tmp_dir: Path) -> FormData:
    """Parse the whole body; file parts are written under ``tmp_dir`` (the caller moves or deletes them)."""
    form = FormData()
    delimiter = b"\r\n--" + boundary
    buffer = _Buffer(stream)
    try:
        buffer.copy_until(delimiter, None)  # the preamble
        for _ in range(MAX_PARTS):
            buffer.ensure(2)
            if buffer.data.startswith(b"--"):
                return form  # the close delimiter; any epilogue is drained by the server
            while b"\r\n\r\n" not in buffer.data:
                if len(buffer.data) > MAX_HEADER_BYTES:
                    raise MultipartError("The headers of a part are too large.")
                buffer.fill()
            # Transport padding after the delimiter, then the part's headers up to a blank line.
            end = buffer.data.find(b"\r\n\r\n")
            raw_headers = buffer.data[:end].lstrip(b" \t").removeprefix(b"\r\n")
            buffer.data = buffer.data[end + 4 :]
            name, filename, content_type = _part_headers(raw_headers)
            if name is None or filename == "":
                # Not a form field, or a file input left empty (Django skips those as well).
                buffer.copy_until(delimiter, None)
            elif filename is None:
                value = bytearray()
                buffer.copy_until(delimiter, value, MAX_FIELD_BYTES)
                form.fields.setdefault(name, []).append(value.decode("utf-8", "replace"))
            else:
                descriptor, temp_name = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
                with os.fdopen(descriptor, "wb") as handle:
                    part = FilePart(name, filename, content_type, Path(temp_name), 0, "")
                    form.files.setdefault(name, []).append(part)
                    sink = _HashingFile(handle)
                    part.size = buffer.copy_until(delimiter, sink)
                    part.sha256 = sink.digest.hexdigest()
        raise MultipartError("Too many parts.")
    except BaseException:
        form.discard_files()
        raise
