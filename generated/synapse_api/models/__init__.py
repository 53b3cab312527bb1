"""Contains all the data models used in inputs/outputs

Models are imported on first use (PEP 562), so importing this package stays cheap;
type checkers and IDEs see the eager imports below.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .agent import Agent
    from .agent_health import AgentHealth
    from .configuration import Configuration
    from .console_log_entry import ConsoleLogEntry
    from .error_detail import ErrorDetail
    from .job import Job
    from .job_metadata import JobMetadata
    from .job_metrics import JobMetrics
    from .job_result import JobResult
    from .job_status import JobStatus
    from .job_update import JobUpdate
    from .job_update_metadata import JobUpdateMetadata
    from .job_update_result import JobUpdateResult
    from .paginated_agent_list import PaginatedAgentList
    from .paginated_job_list import PaginatedJobList
    from .paginated_plugin_list import PaginatedPluginList
    from .paginated_plugin_release_list import PaginatedPluginReleaseList
    from .paginated_storage_list import PaginatedStorageList
    from .plugin import Plugin
    from .plugin_create import PluginCreate
    from .plugin_release import PluginRelease
    from .plugin_release_create import PluginReleaseCreate
    from .plugin_run import PluginRun
    from .plugin_run_request import PluginRunRequest
    from .plugin_run_request_context import PluginRunRequestContext
    from .plugin_run_request_parameters import PluginRunRequestParameters
    from .plugin_update import PluginUpdate
    from .storage import Storage
    from .storage_category import StorageCategory
    from .storage_create import StorageCreate
    from .storage_provider import StorageProvider
    from .validation_error_body import ValidationErrorBody

_MODULE_OF = {
    "Agent": ".agent",
    "AgentHealth": ".agent_health",
    "Configuration": ".configuration",
    "ConsoleLogEntry": ".console_log_entry",
    "ErrorDetail": ".error_detail",
    "Job": ".job",
    "JobMetadata": ".job_metadata",
    "JobMetrics": ".job_metrics",
    "JobResult": ".job_result",
    "JobStatus": ".job_status",
    "JobUpdate": ".job_update",
    "JobUpdateMetadata": ".job_update_metadata",
    "JobUpdateResult": ".job_update_result",
    "PaginatedAgentList": ".paginated_agent_list",
    "PaginatedJobList": ".paginated_job_list",
    "PaginatedPluginList": ".paginated_plugin_list",
    "PaginatedPluginReleaseList": ".paginated_plugin_release_list",
    "PaginatedStorageList": ".paginated_storage_list",
    "Plugin": ".plugin",
    "PluginCreate": ".plugin_create",
    "PluginRelease": ".plugin_release",
    "PluginReleaseCreate": ".plugin_release_create",
    "PluginRun": ".plugin_run",
    "PluginRunRequest": ".plugin_run_request",
    "PluginRunRequestContext": ".plugin_run_request_context",
    "PluginRunRequestParameters": ".plugin_run_request_parameters",
    "PluginUpdate": ".plugin_update",
    "Storage": ".storage",
    "StorageCategory": ".storage_category",
    "StorageCreate": ".storage_create",
    "StorageProvider": ".storage_provider",
    "ValidationErrorBody": ".validation_error_body",
}

__all__ = (
    "Agent",
    "AgentHealth",
    "Configuration",
    "ConsoleLogEntry",
    "ErrorDetail",
    "Job",
    "JobMetadata",
    "JobMetrics",
    "JobResult",
    "JobStatus",
    "JobUpdate",
    "JobUpdateMetadata",
    "JobUpdateResult",
    "PaginatedAgentList",
    "PaginatedJobList",
    "PaginatedPluginList",
    "PaginatedPluginReleaseList",
    "PaginatedStorageList",
    "Plugin",
    "PluginCreate",
    "PluginRelease",
    "PluginReleaseCreate",
    "PluginRun",
    "PluginRunRequest",
    "PluginRunRequestContext",
    "PluginRunRequestParameters",
    "PluginUpdate",
    "Storage",
    "StorageCategory",
    "StorageCreate",
    "StorageProvider",
    "ValidationErrorBody",
)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
