"""``multipart/form-data`` bodies parsed by python-multipart as they arrive, file parts straight to disk.

What the library does not do is here: each file part goes to a temporary file in the store's
``tmp`` directory (hashed on the way, fsynced at the end, so that the store can rename it into
place), text fields are capped, and a body that ends before the closing boundary is an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool

MAX_FIELD_BYTES = 1024 * 1024
MAX_PARTS = 1000


class MultipartError(ValueError):
    pass


@dataclass
class FilePart:
    filename: str
    path: Path
    size: int = 0
    sha256: str = ""


@dataclass
class Form:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, list[FilePart]] = field(default_factory=dict)

    def discard_files(self) -> None:
        for parts in self.files.values():
            for part in parts:
                with contextlib.suppress(FileNotFoundError):
                    part.path.unlink()


def boundary_of(content_type: str) -> bytes:
    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary", b"")
    if not 0 < len(boundary) <= 200:
        raise MultipartError(f"Invalid boundary in multipart: {boundary.decode('latin-1') or None}")
    return boundary


class _Collector:
    """python-multipart's callbacks, building a ``Form``; file bytes are written as they come."""

    def __init__(self, tmp_dir: Path) -> None:
        self.tmp_dir = tmp_dir
        self.form = Form()
        self.ended = False
        self.parts = 0
        self._header_name = self._header_value = b""
        self._disposition = b""
        self._name = ""
        self._text = bytearray()
        self._file: FilePart | None = None
        self._handle: IO[bytes] | None = None
        self._digest = hashlib.sha256()
        self.finished: list[tuple[FilePart, IO[bytes]]] = []

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise MultipartError("Too many parts.")
        self._disposition, self._file, self._text = b"", None, bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        if self._header_name.strip().lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if b"name" not in options:
            raise MultipartError('The Content-Disposition header field "name" must be provided.')
        self._name = options[b"name"].decode("utf-8", "replace")
        if b"filename" in options:
            path = self.tmp_dir / f"{uuid.uuid4().hex}.part"
            self._file = FilePart(options[b"filename"].decode("utf-8", "replace"), path)
            self.form.files.setdefault(self._name, []).append(self._file)  # listed first: discarded on error
            self._handle = path.open("wb")
            self._digest = hashlib.sha256()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._file is not None and self._handle is not None:
            # A page-cache write of at most one received chunk; the fsync runs in a thread.
            self._handle.write(chunk)
            self._digest.update(chunk)
            self._file.size += len(chunk)
        else:
            if len(self._text) + len(chunk) > MAX_FIELD_BYTES:
                raise MultipartError("A form field is too large.")
            self._text += chunk

    def on_part_end(self) -> None:
        if self._file is not None and self._handle is not None:
            self._file.sha256 = self._digest.hexdigest()
            self.finished.append((self._file, self._handle))
            self._handle = None
        else:
            self.form.fields.setdefault(self._name, []).append(self._text.decode("utf-8", "replace"))

    def on_end(self) -> None:
        self.ended = True

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
        for _, handle in self.finished:
            handle.close()


def _sync_and_close(handles: list[IO[bytes]]) -> None:
    for handle in handles:
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()


async def parse(stream: AsyncIterator[bytes], content_type: str, tmp_dir: Path) -> Form:
    """The form of a streamed body; on any error no file is left behind."""
    collector = _Collector(tmp_dir)
    callbacks = {name: getattr(collector, name) for name in dir(collector) if name.startswith("on_")}
    try:
        parser = MultipartParser(boundary_of(content_type), callbacks)  # type: ignore[arg-type]
        async for chunk in stream:
            parser.write(chunk)
        parser.finalize()
        if not collector.ended:
            raise MultipartError("The multipart body ended unexpectedly.")
        handles = [handle for _, handle in collector.finished]
        collector.finished.clear()
        await run_in_threadpool(_sync_and_close, handles)
        return collector.form
    except FormParserError as exc:
        collector.close()
        collector.form.discard_files()
        raise MultipartError(str(exc) or "Invalid multipart data.") from None
    except BaseException:
        collector.close()
        collector.form.discard_files()
        raise
