"""Log entries: what a plugin writes to the backend's log (the production SDK's `create_logs`).

An entry's `file` may be a path: it travels as a base64 data URI (`data:<mime type>;base64,...`)
inside the JSON body, as the production SDK sends it. The production SDK reads the file whole,
encodes it (a second, larger copy) and serialises the body (a third); here the body is streamed:
the JSON around the file is made once, and the file is read and encoded chunk by chunk while it
is sent, with a `Content-Length` known up front, so memory stays at one chunk whatever the file's
size. A retry reads the file again from the start; a file that changes size while it is sent
fails the call rather than send a broken URI.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import _inputs
from .._base import AsyncAPIClient, SyncAPIClient
from .._operation import Operation, as_is, body_model, types_module
from .._upload import PackageChanged

if TYPE_CHECKING:
    from ..types import LogEntry, LogEntryCreate

# Bytes of the file per read: a multiple of 3, so that each chunk encodes without padding; 384 KiB
# keeps the traced peak of a 9 MiB file near 2 MiB (tests/production/test_create_logs_streaming.py).
CHUNK_SIZE = 3 * 128 * 1024
# When a file's type cannot be guessed from its name (the production SDK refuses such a file).
FALLBACK_MIME_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class _Attachment:
    path: str
    size: int
    mime_type: str

    def encoded_size(self) -> int:
        return 4 * -(-self.size // 3)

    def chunks(self) -> Iterator[bytes]:
        """The base64 of the file, chunk by chunk; PackageChanged if its size is not the one measured."""
        read = 0
        with open(self.path, "rb") as handle:
            while chunk := handle.read(CHUNK_SIZE):
                read += len(chunk)
                if read > self.size:
                    break
                yield base64.b64encode(chunk)
        if read != self.size:
            raise PackageChanged(f"{self.path} changed while it was sent: {self.size} bytes, then {read}")


class _StreamedBody:
    """A JSON body whose data URIs are read from disk as it is sent. Iterating again starts
    over, so httpx can send it again on a retry; the async twin iterates with `async for`."""

    def __init__(self, parts: Sequence[bytes | _Attachment]) -> None:
        self.parts = parts
        self.size = sum(part.encoded_size() if isinstance(part, _Attachment) else len(part) for part in parts)

    def __iter__(self) -> Iterator[bytes]:
        for part in self.parts:
            if isinstance(part, _Attachment):
                yield from part.chunks()
            else:
                yield part


class _AsyncStreamedBody:
    def __init__(self, body: _StreamedBody) -> None:
        self.body = body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        # Reads of a local file, a chunk at a time: short enough to do on the event loop.
        for chunk in self.body:
            yield chunk


def _attachment(value: object, index: int) -> str | _Attachment | None:
    """A data URI as given; a path measured and typed now (sent later, streamed)."""
    field = f"data[{index}].file" if index >= 0 else "file"
    if value is None or (isinstance(value, str) and value.startswith("data:")):
        return value
    if not isinstance(value, str | os.PathLike):
        raise _inputs.invalid(field, f"expected a file path or a data: URI, got {type(value).__name__}")
    path = os.fspath(value)
    try:
        size = os.stat(path).st_size
        if not os.path.isfile(path):
            raise IsADirectoryError(path)
        with open(path, "rb"):
            pass
    except OSError as error:
        raise _inputs.invalid(field, f"cannot read {path!r}: {error.strerror or error}") from None
    mime_type = mimetypes.guess_type(path)[0] or FALLBACK_MIME_TYPE
    return _Attachment(str(path), size, mime_type)


def create_logs_operation(data: object, *, asynchronous: bool = False) -> Operation[Any]:
    """One entry or a list of them; a list of one goes out as that one entry, as the production
    SDK sends it (and the server answers one entry)."""
    from synapse_api.api.logs import create_logs as op
    from synapse_api.models import LogEntryCreate as Model

    many = isinstance(data, list | tuple)
    entries = list(data) if many else [data]  # type: ignore[call-overload]
    if not entries:
        raise _inputs.invalid("data", "no log entries: give one entry (a dict) or a list of them")
    marker = f"synapse-file-{uuid.uuid4().hex}"
    attachments: dict[str, _Attachment] = {}
    models = []
    for index, entry in enumerate(entries):
        fields = dict(_inputs.mapping(entry, f"data[{index}]" if many else "data"))
        _inputs.check_keys(fields, types_module().LogEntryCreate, extra_hint="a log entry has only these")
        attached = _attachment(fields.get("file"), index if many else -1)
        if isinstance(attached, _Attachment):
            placeholder = f"{marker}-{index}"
            attachments[json.dumps(placeholder)] = attached
            fields["file"] = placeholder
        models.append(body_model(Model, fields, types_module().LogEntryCreate))
    kwargs = op.request_kwargs(body=models if len(models) > 1 else models[0])
    try:
        text = json.dumps(kwargs.pop("json"), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError as error:
        raise _inputs.invalid("data", f"not JSON: {error}") from None
    body = _StreamedBody(_split(text.encode(), attachments))
    kwargs["headers"] = {**kwargs.get("headers", {}), "Content-Length": str(body.size)}
    kwargs["content"] = _AsyncStreamedBody(body) if asynchronous else body
    # upload_size: the wait for the answer grows with the body, as for a release's package.
    return Operation(kwargs, as_is, upload_size=body.size if attachments else None)


def _split(text: bytes, attachments: Mapping[str, _Attachment]) -> list[bytes | _Attachment]:
    """The serialised body cut at each placeholder, the file's data URI in its place."""
    parts: list[bytes | _Attachment] = []
    for quoted, attachment in attachments.items():
        before, _, text = text.partition(quoted.encode())
        parts += [before + f'"data:{attachment.mime_type};base64,'.encode(), attachment, b'"']
    parts.append(text)
    return parts


class LogsMixin(SyncAPIClient):
    """Log entries written by plugins."""

    def create_logs(self, data: LogEntryCreate | Mapping[str, Any] | list[Any]) -> LogEntry | list[LogEntry]:
        """Write log entries: one (a dict) or several (a list), as the production SDK does.

        Args:
            data: an entry, or a list of entries: `message` (required), `level` (`info` when
                left out), `context` (free-form), `file`: a path, sent as a base64 data URI
                (streamed from disk, in constant memory), or a `data:` URI as it is. The dicts
                given are not changed.

        Returns:
            The written entry; for a list of two or more, the list of them. A list of one is
            sent as that one entry, as the production SDK sends it.

        Raises:
            ValidationError: an empty list, a key neither dialect knows, a file that cannot be
                read (nothing is sent), or the server refused an entry.

        Example:
            ```python
            import pathlib, tempfile

            result = pathlib.Path(tempfile.mkdtemp()) / 'result.png'
            result.write_bytes(b'\\x89PNG\\r\\n\\x1a\\n')
            entry = client.create_logs({'message': 'Training complete', 'level': 'info', 'file': str(result)})
            print(entry['message'], entry['file'][:22])
            ```
        """
        result: LogEntry | list[LogEntry] = self._call(create_logs_operation(data))
        return result


class AsyncLogsMixin(AsyncAPIClient):
    """Log entries written by plugins. Awaitable."""

    async def create_logs(
        self, data: LogEntryCreate | Mapping[str, Any] | list[Any]
    ) -> LogEntry | list[LogEntry]:
        """Write log entries: one (a dict) or several (a list), as the production SDK does.

        The awaitable twin of `BackendClient.create_logs`: the same arguments, result and errors."""
        result: LogEntry | list[LogEntry] = await self._call(create_logs_operation(data, asynchronous=True))
        return result
