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
    from .job_error import JobError
    from .job_meta_type_0 import JobMetaType0
    from .job_metadata import JobMetadata
    from .job_metrics import JobMetrics
    from .job_metrics_record_type_0 import JobMetricsRecordType0
    from .job_params_type_0 import JobParamsType0
    from .job_progress_record_type_0 import JobProgressRecordType0
    from .job_queue_state import JobQueueState
    from .job_result import JobResult
    from .job_status import JobStatus
    from .job_update import JobUpdate
    from .job_update_console_logs_type_0 import JobUpdateConsoleLogsType0
    from .job_update_console_logs_type_1_item import JobUpdateConsoleLogsType1Item
    from .job_update_meta import JobUpdateMeta
    from .job_update_metadata import JobUpdateMetadata
    from .job_update_metrics_record import JobUpdateMetricsRecord
    from .job_update_progress_record import JobUpdateProgressRecord
    from .job_update_result import JobUpdateResult
    from .log_entry import LogEntry
    from .log_entry_context_type_0 import LogEntryContextType0
    from .log_entry_create import LogEntryCreate
    from .log_entry_create_context_type_0 import LogEntryCreateContextType0
    from .paginated_agent_list import PaginatedAgentList
    from .paginated_job_list import PaginatedJobList
    from .paginated_plugin_list import PaginatedPluginList
    from .paginated_plugin_release_list import PaginatedPluginReleaseList
    from .paginated_serve_application_list import PaginatedServeApplicationList
    from .paginated_storage_list import PaginatedStorageList
    from .plugin import Plugin
    from .plugin_create import PluginCreate
    from .plugin_release import PluginRelease
    from .plugin_release_config_type_0 import PluginReleaseConfigType0
    from .plugin_release_create import PluginReleaseCreate
    from .plugin_release_create_config import PluginReleaseCreateConfig
    from .plugin_run import PluginRun
    from .plugin_run_request import PluginRunRequest
    from .plugin_run_request_context import PluginRunRequestContext
    from .plugin_run_request_parameters import PluginRunRequestParameters
    from .plugin_run_request_params import PluginRunRequestParams
    from .plugin_update import PluginUpdate
    from .serve_application import ServeApplication
    from .serve_application_create import ServeApplicationCreate
    from .serve_application_create_data import ServeApplicationCreateData
    from .serve_application_data_type_0 import ServeApplicationDataType0
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
    "JobError": ".job_error",
    "JobMetaType0": ".job_meta_type_0",
    "JobMetadata": ".job_metadata",
    "JobMetrics": ".job_metrics",
    "JobMetricsRecordType0": ".job_metrics_record_type_0",
    "JobParamsType0": ".job_params_type_0",
    "JobProgressRecordType0": ".job_progress_record_type_0",
    "JobQueueState": ".job_queue_state",
    "JobResult": ".job_result",
    "JobStatus": ".job_status",
    "JobUpdate": ".job_update",
    "JobUpdateConsoleLogsType0": ".job_update_console_logs_type_0",
    "JobUpdateConsoleLogsType1Item": ".job_update_console_logs_type_1_item",
    "JobUpdateMeta": ".job_update_meta",
    "JobUpdateMetadata": ".job_update_metadata",
    "JobUpdateMetricsRecord": ".job_update_metrics_record",
    "JobUpdateProgressRecord": ".job_update_progress_record",
    "JobUpdateResult": ".job_update_result",
    "LogEntry": ".log_entry",
    "LogEntryContextType0": ".log_entry_context_type_0",
    "LogEntryCreate": ".log_entry_create",
    "LogEntryCreateContextType0": ".log_entry_create_context_type_0",
    "PaginatedAgentList": ".paginated_agent_list",
    "PaginatedJobList": ".paginated_job_list",
    "PaginatedPluginList": ".paginated_plugin_list",
    "PaginatedPluginReleaseList": ".paginated_plugin_release_list",
    "PaginatedServeApplicationList": ".paginated_serve_application_list",
    "PaginatedStorageList": ".paginated_storage_list",
    "Plugin": ".plugin",
    "PluginCreate": ".plugin_create",
    "PluginRelease": ".plugin_release",
    "PluginReleaseConfigType0": ".plugin_release_config_type_0",
    "PluginReleaseCreate": ".plugin_release_create",
    "PluginReleaseCreateConfig": ".plugin_release_create_config",
    "PluginRun": ".plugin_run",
    "PluginRunRequest": ".plugin_run_request",
    "PluginRunRequestContext": ".plugin_run_request_context",
    "PluginRunRequestParameters": ".plugin_run_request_parameters",
    "PluginRunRequestParams": ".plugin_run_request_params",
    "PluginUpdate": ".plugin_update",
    "ServeApplication": ".serve_application",
    "ServeApplicationCreate": ".serve_application_create",
    "ServeApplicationCreateData": ".serve_application_create_data",
    "ServeApplicationDataType0": ".serve_application_data_type_0",
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
    "JobError",
    "JobMetadata",
    "JobMetaType0",
    "JobMetrics",
    "JobMetricsRecordType0",
    "JobParamsType0",
    "JobProgressRecordType0",
    "JobQueueState",
    "JobResult",
    "JobStatus",
    "JobUpdate",
    "JobUpdateConsoleLogsType0",
    "JobUpdateConsoleLogsType1Item",
    "JobUpdateMeta",
    "JobUpdateMetadata",
    "JobUpdateMetricsRecord",
    "JobUpdateProgressRecord",
    "JobUpdateResult",
    "LogEntry",
    "LogEntryContextType0",
    "LogEntryCreate",
    "LogEntryCreateContextType0",
    "PaginatedAgentList",
    "PaginatedJobList",
    "PaginatedPluginList",
    "PaginatedPluginReleaseList",
    "PaginatedServeApplicationList",
    "PaginatedStorageList",
    "Plugin",
    "PluginCreate",
    "PluginRelease",
    "PluginReleaseConfigType0",
    "PluginReleaseCreate",
    "PluginReleaseCreateConfig",
    "PluginRun",
    "PluginRunRequest",
    "PluginRunRequestContext",
    "PluginRunRequestParameters",
    "PluginRunRequestParams",
    "PluginUpdate",
    "ServeApplication",
    "ServeApplicationCreate",
    "ServeApplicationCreateData",
    "ServeApplicationDataType0",
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
