"""SQLite persistence of the local backend: agents, plugins, releases, jobs, console logs, storages.

``Store`` gathers one query class per resource over one connection (``database``). Methods
return objects already in the document's shapes (ISO 8601 date-times); secrets are masked one
layer up, in ``api``.
"""

from __future__ import annotations

from .agents import AgentQueries
from .jobs import JobQueries
from .production import ProductionQueries
from .releases import ReleaseQueries
from .storages import StorageQueries

__all__ = ["Store"]


class Store(AgentQueries, ReleaseQueries, JobQueries, StorageQueries, ProductionQueries):
    """The local backend's database: every resource's queries over one SQLite connection."""
