"""Contains all the data models used in inputs/outputs"""

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
from .paginated_job_list import PaginatedJobList
from .paginated_storage_list import PaginatedStorageList
from .plugin import Plugin
from .plugin_create import PluginCreate
from .plugin_fields import PluginFields
from .plugin_release import PluginRelease
from .plugin_release_create import PluginReleaseCreate
from .plugin_run import PluginRun
from .plugin_run_request import PluginRunRequest
from .plugin_run_request_context import PluginRunRequestContext
from .plugin_run_request_parameters import PluginRunRequestParameters
from .storage import Storage
from .storage_category import StorageCategory
from .storage_create import StorageCreate
from .storage_provider import StorageProvider
from .validation_error_body import ValidationErrorBody

__all__ = (
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
    "PaginatedJobList",
    "PaginatedStorageList",
    "Plugin",
    "PluginCreate",
    "PluginFields",
    "PluginRelease",
    "PluginReleaseCreate",
    "PluginRun",
    "PluginRunRequest",
    "PluginRunRequestContext",
    "PluginRunRequestParameters",
    "Storage",
    "StorageCategory",
    "StorageCreate",
    "StorageProvider",
    "ValidationErrorBody",
)
