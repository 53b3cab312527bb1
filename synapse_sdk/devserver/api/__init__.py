"""The operations of the document, one function per ``operationId``, over the SQLite store.

One module per resource; ``HANDLERS`` maps each ``operationId`` to its function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .agents import health_check_agent, list_agents
from .jobs import get_job, list_job_console_logs, list_jobs, tail_job_console_logs, update_job
from .plugins import create_plugin, get_plugin, list_plugins, run_plugin, update_plugin
from .production import create_logs, create_serve_application, list_serve_applications
from .releases import create_plugin_release, get_plugin_release, list_plugin_releases
from .request import Request
from .storages import create_storage, get_storage, list_storages

__all__ = ["HANDLERS", "Request"]

HANDLERS: dict[str, Callable[[Request], tuple[int, Any]]] = {
    handler.__name__: handler
    for handler in (
        list_agents,
        list_plugins,
        list_plugin_releases,
        health_check_agent,
        get_plugin,
        create_plugin,
        update_plugin,
        run_plugin,
        get_plugin_release,
        create_plugin_release,
        list_jobs,
        get_job,
        update_job,
        list_job_console_logs,
        tail_job_console_logs,
        list_storages,
        get_storage,
        create_storage,
        create_logs,
        create_serve_application,
        list_serve_applications,
    )
}
