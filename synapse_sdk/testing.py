"""pytest fixtures for testing code that uses the SDK against a local Synapse backend.

Installed with the package and registered through the ``pytest11`` entry point, so the fixtures
are available in any project that has ``synapse-sdk-integration[devserver]`` installed:

``synapse_devserver``
    A ``synapse_sdk.devserver.DevServer``: uvicorn in a background thread on a free loopback port,
    started once per test session and stopped at its end, with an in-memory database that is
    reset before each test (seeded with plugin 123, release 456, job 789, storage 123 and the
    agents ``agent-token-123`` and ``my-agent-token``). Any well-formed token is accepted; jobs
    started with ``run_plugin`` complete after 3 s.

``synapse_devserver_url``
    The base URL of that server (ends in ``/``), e.g. ``http://127.0.0.1:53124/``.

Example::

    def test_runs_my_plugin(synapse_devserver_url):
        client = BackendClient(synapse_devserver_url, access_token="test-token")
        assert client.get_plugin(123)["name"] == "My Custom Plugin"

The dialect: by default the server answers as the documented API does; in the production
dialect it answers as the production backend does (UUID job ids, uppercase statuses, console
logs as lines, data-only stream frames without resume; see ``synapse_sdk.devserver.dialect``).
Choose it per test, most specific first:

- ``@pytest.mark.parametrize("synapse_devserver", ["documented", "production"], indirect=True)``
  runs the test against both;
- ``@pytest.mark.synapse_dialect("production")`` on a test, a class or a module;
- ``pytest --synapse-dialect=production``, or ``synapse_dialect = production`` in the ini file,
  for the whole run.

One server per dialect is started for the session.

For other settings (tokens, read-only tokens, job duration, a file database) start
``DevServer(...)`` yourself, as a context manager.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from synapse_sdk.devserver import DevServer


# One server per dialect and test session. Kept here rather than in a session-scoped fixture of
# its own, so that the plugin module (``synapse_sdk_pytest``) exports only the public fixtures and
# the two hooks below.
_session_servers: dict[str, DevServer] = {}
# Kept in step with ``synapse_sdk.devserver.dialect.DIALECTS``, which is not imported here: loading
# the plugin must stay cheap for projects that never start the server.
DIALECTS = ("documented", "production")
MARKER = "synapse_dialect"


def pytest_addoption(parser: pytest.Parser) -> None:
    help_text = "dialect of the synapse_devserver fixture: documented (default) or production"
    parser.addini(MARKER, help_text, default="documented")
    parser.addoption("--synapse-dialect", choices=DIALECTS, default=None, dest=MARKER, help=help_text)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(name): run this test's synapse_devserver in that dialect ({' or '.join(DIALECTS)})",
    )


def _dialect(request: pytest.FixtureRequest) -> str:
    marker = request.node.get_closest_marker(MARKER)
    chosen = (
        getattr(request, "param", None)
        or (marker.args[0] if marker is not None and marker.args else None)
        or request.config.getoption(MARKER, None)
        or request.config.getini(MARKER)
    )
    if chosen not in DIALECTS:
        raise pytest.UsageError(
            f"synapse_devserver: unknown dialect {chosen!r}; use one of {', '.join(DIALECTS)}"
        )
    return str(chosen)


@pytest.fixture
def synapse_devserver(request: pytest.FixtureRequest) -> DevServer:
    dialect = _dialect(request)
    if dialect not in _session_servers:
        # Imported here so that merely loading the plugin costs nothing in projects that never use it.
        from synapse_sdk.devserver import DevServer

        _session_servers[dialect] = DevServer(db=":memory:", dialect=dialect).start()
        request.config.add_cleanup(lambda: _session_servers.pop(dialect).stop())  # at the session's end
    server = _session_servers[dialect]
    server.reset()  # every test starts from the seeded objects
    return server


@pytest.fixture
def synapse_devserver_url(synapse_devserver: DevServer) -> str:
    return synapse_devserver.url
