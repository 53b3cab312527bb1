"""The HTTP/1.1 request side of the fault server: reading requests off a socket, and splitting a
multipart/form-data body into its parts, byte-exact."""

from __future__ import annotations

import socket

__all__ = ["RequestReader", "parse_multipart"]


class RequestReader:
    """Buffered reads of HTTP/1.1 requests (Content-Length or chunked bodies) from one socket."""

    def __init__(self, conn: socket.socket) -> None:
        self.conn, self.buffer = conn, b""

    def _fill(self) -> None:
        if hasattr(socket, "TCP_QUICKACK"):  # ack at once: the client's Nagle waits for it (40 ms)
            self.conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        data = self.conn.recv(65536)
        if not data:
            raise ConnectionResetError("the peer closed the connection")
        self.buffer += data

    def until(self, marker: bytes) -> bytes:
        while marker not in self.buffer:
            self._fill()
        head, _, self.buffer = self.buffer.partition(marker)
        return head

    def exactly(self, size: int) -> bytes:
        while len(self.buffer) < size:
            self._fill()
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def request(self) -> tuple[str, str, dict[str, str], bytes]:
        """The next request: method, target, headers (names lowercased) and the whole body."""
        lines = self.until(b"\r\n\r\n").decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while size := int(self.until(b"\r\n").split(b";")[0], 16):
                body += self.exactly(size)
                self.exactly(2)
            self.until(b"\r\n")  # httpx sends no trailers: the empty line ends the body
        else:
            body = self.exactly(int(headers.get("content-length", "0")))
        return method, target, headers, body


def parse_multipart(body: bytes, content_type: str) -> dict[str, bytes]:
    """The parts of a multipart/form-data body by field name, byte-exact."""
    boundary = content_type.partition("boundary=")[2].strip().strip('"').encode()
    if not boundary:
        raise ValueError(f"no boundary in {content_type!r}")
    parts: dict[str, bytes] = {}
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, content = chunk[2:].partition(b"\r\n\r\n")
        name = head.partition(b'name="')[2].partition(b'"')[0].decode()
        parts[name] = content[:-2] if content.endswith(b"\r\n") else content
    return parts
