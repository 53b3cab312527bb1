"""A local Synapse backend: the integration API of the OpenAPI document over SQLite, for dev and tests.

Run it with ``python -m synapse_sdk.devserver --port 8000`` (see ``--help``), or from Python::

    from synapse_sdk.devserver import DevServer

    with DevServer(job_duration=0.5) as server:   # in-memory database, free port, daemon thread
        client = BackendClient(server.url, access_token="any-token")

``DevServerProcess`` takes the same arguments and runs the server in a child process. A fresh
database is seeded with the objects the user documentation's examples use (plugin 123, release
456, job 789, storage 123, agents ``agent-token-123`` and ``my-agent-token``). Requests are
validated against the bundled ``openapi.json``; errors follow Django REST framework's shapes.

The stack: Starlette on uvicorn (``server``, ``app``), python-multipart streaming uploads to disk
(``uploads``), SQLite in WAL mode (``store``), console logs as server-sent events (``streams``).
"""

from __future__ import annotations

from .process import DevServerProcess
from .server import DevServer

__all__ = ["DevServer", "DevServerProcess"]
