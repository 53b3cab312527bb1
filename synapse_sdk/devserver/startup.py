"""What went wrong when the local backend cannot start, in one line that names the fix."""

from __future__ import annotations

import errno
import socket
import sqlite3
from pathlib import Path

from .store.database import files_dir_for


def check_db(db: str) -> str | None:
    """Why ``--db`` cannot work, before anything is opened; None when it may."""
    if db == ":memory:" or db.startswith("file:"):
        return None
    path = Path(db)
    if path.is_dir():
        return f"--db {db} is a directory; give a file path such as {path / 'synapse-devserver.sqlite3'}"
    folder = path.parent
    if not folder.is_dir():
        return f"--db {db}: the directory {folder} does not exist; create it, or choose another --db (or :memory:)"
    return None


def explain(error: BaseException, host: str, port: int, db: str) -> str:
    """One line for an error raised while opening the database, its files or the port."""
    if isinstance(error, sqlite3.Error):
        return (
            f"cannot use the database --db {db} ({error}); choose a writable file with --db, or --db :memory:"
        )
    if isinstance(error, OSError):
        files = files_dir_for(db)
        where = getattr(error, "filename", None)
        if error.errno == errno.EADDRINUSE:
            return f"port {port} on {host} is in use; stop what uses it, or choose another --port (0 picks a free one)"
        if isinstance(error, socket.gaierror) or error.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
            return f"cannot listen on --host {host}: not an address of this machine; use --host 127.0.0.1"
        if error.errno == errno.EACCES and where is None:
            return f"not allowed to bind port {port}; choose a port above 1023 with --port"
        if files is not None and where is not None and str(where).startswith(str(files)):
            return (
                f"cannot write the uploads directory {files} ({error.strerror}); it sits next to --db {db}: "
                "choose a --db in a writable directory, or --db :memory:"
            )
        return f"cannot start with --db {db} on {host}:{port}: {error.strerror or error}"
    return str(error)
