"""A local Synapse backend: the integration API of the OpenAPI document over SQLite, for dev and tests.

Run it with ``python -m synapse_sdk.devserver --port 8000`` (see ``--help``), or from Python::

    from synapse_sdk.devserver import DevServer

    with DevServer(job_duration=0.5) as server:   # in-memory database, free port, daemon thread
        client = BackendClient(server.url, access_token="any-token")

``DevServerProcess`` takes the same arguments and runs the server in a child process. Their
``url`` is the API's base URL, ``http://127.0.0.1:<port>/api/`` (the API also answers at the
root). A fresh database is seeded with the objects the user documentation's examples use
(plugin 123, release 456, job 789, storage 123, agents ``agent-token-123`` and
``my-agent-token``) and jobs 790 and 791, which complete and fail. Requests are validated
against the bundled ``openapi.json``; errors follow Django REST framework's shapes.

Failure switches (``faults``) make matching requests fail on purpose: ``server.switches``
(``switches.Switches``), ``--fail SPEC``, ``python -m synapse_sdk.devserver fault ...``, or
HTTP under ``/_dev/`` (``control``).

The stack: Starlette on uvicorn (``server``, ``app``), python-multipart streaming uploads to disk
(``uploads``), SQLite in WAL mode (``store``), console logs as server-sent events (``streams``).
"""

from __future__ import annotations

from .process import DevServerProcess
from .server import DevServer

__all__ = ["DevServer", "DevServerProcess"]
