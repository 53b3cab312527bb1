from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..models.job_status import JobStatus
from ..types import UNSET, LazyModel, Unset, WireDateTime

if TYPE_CHECKING:
    from ..models.console_log_entry import ConsoleLogEntry
    from ..models.job_error import JobError
    from ..models.job_meta_type_0 import JobMetaType0
    from ..models.job_metadata import JobMetadata
    from ..models.job_metrics import JobMetrics
    from ..models.job_metrics_record_type_0 import JobMetricsRecordType0
    from ..models.job_params_type_0 import JobParamsType0
    from ..models.job_progress_record_type_0 import JobProgressRecordType0
    from ..models.job_queue_state import JobQueueState
    from ..models.job_result import JobResult


T = TypeVar("T", bound="Job")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "plugin",
        "status",
        "progress",
        "metadata",
        "user",
        "created",
        "modified",
        "result",
        "metrics",
        "logs",
        "action",
        "params",
        "progress_record",
        "metrics_record",
        "meta",
        "queue",
        "error",
        "is_active",
        "plugin_release_id",
        "completed",
    )
)


@_attrs_define
class Job(LazyModel):
    """A plugin run.

    Example:
        {'id': 789, 'plugin': 123, 'status': 'running', 'progress': 40, 'metadata': {'current_step':
            'processing_images'}, 'user': 456, 'created': '2025-01-15T09:30:00Z', 'modified': '2025-01-15T09:31:00Z'}

    """

    id: int | UUID
    """ A job's id, an integer or (newer backends) a UUID string. """
    plugin: int
    """ The plugin the job runs. """
    status: JobStatus | str
    """ A job's status, one of `JobStatus` or any other string (new statuses appear over time). """
    progress: int
    """ Progress in percent. """
    metadata: JobMetadata
    """ Additional metadata. """
    user: int | None
    """ The user who started the job, or null for a job no user started. """
    created: datetime.datetime
    """ When the job was created. """
    modified: datetime.datetime
    """ When the job was last changed. """
    result: JobResult | list[Any] | Unset = UNSET
    """ The job's result data, with `expand=result` (production servers always send it); an object, or (production
    dialect) a list. """
    metrics: JobMetrics | Unset = UNSET
    """ Metrics, with `expand=metrics`. """
    logs: list[ConsoleLogEntry] | Unset = UNSET
    """ Console log entries, with `expand=logs`. """
    action: None | str | Unset = UNSET
    """ The plugin action the job runs. """
    params: JobParamsType0 | None | Unset = UNSET
    """ The action's parameters. """
    progress_record: JobProgressRecordType0 | None | Unset = UNSET
    """ The job's progress as the plugin reports it, for example `{"step": 5, "total": 100}`. """
    metrics_record: JobMetricsRecordType0 | None | Unset = UNSET
    """ The job's metrics as the plugin reports them. """
    meta: JobMetaType0 | None | Unset = UNSET
    """ Free-form metadata (the agent's queue state lives in `meta.queue`). """
    queue: JobQueueState | None | Unset = UNSET
    """ Where a pending job waits in the agent's queue, or null. """
    error: JobError | None | Unset = UNSET
    """ Why a failed job failed, or null. """
    is_active: bool | Unset = UNSET
    """ Whether the job is pending or running. """
    plugin_release_id: int | None | Unset = UNSET
    """ The plugin release the job runs. """
    completed: datetime.datetime | None | Unset = UNSET
    """ When the job ended, or null while it runs. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ConsoleLogEntry = _models.ConsoleLogEntry
            JobError = _models.JobError
            JobMetaType0 = _models.JobMetaType0
            JobMetadata = _models.JobMetadata
            JobMetrics = _models.JobMetrics
            JobMetricsRecordType0 = _models.JobMetricsRecordType0
            JobParamsType0 = _models.JobParamsType0
            JobProgressRecordType0 = _models.JobProgressRecordType0
            JobQueueState = _models.JobQueueState
            JobResult = _models.JobResult

        result: dict[str, Any] | list[Any] | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, JobResult):
            result = self.result.to_dict()
        else:
            result = self.result

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        logs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.logs, Unset):
            logs = []
            for logs_item_data in self.logs:
                logs_item = logs_item_data.to_dict()
                logs.append(logs_item)

        action: None | str | Unset
        if isinstance(self.action, Unset):
            action = UNSET
        else:
            action = self.action

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, JobParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        progress_record: dict[str, Any] | None | Unset
        if isinstance(self.progress_record, Unset):
            progress_record = UNSET
        elif isinstance(self.progress_record, JobProgressRecordType0):
            progress_record = self.progress_record.to_dict()
        else:
            progress_record = self.progress_record

        metrics_record: dict[str, Any] | None | Unset
        if isinstance(self.metrics_record, Unset):
            metrics_record = UNSET
        elif isinstance(self.metrics_record, JobMetricsRecordType0):
            metrics_record = self.metrics_record.to_dict()
        else:
            metrics_record = self.metrics_record

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, JobMetaType0):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        queue: dict[str, Any] | None | Unset
        if isinstance(self.queue, Unset):
            queue = UNSET
        elif isinstance(self.queue, JobQueueState):
            queue = self.queue.to_dict()
        else:
            queue = self.queue

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, JobError):
            error = self.error.to_dict()
        else:
            error = self.error

        is_active = self.is_active

        plugin_release_id: int | None | Unset
        if isinstance(self.plugin_release_id, Unset):
            plugin_release_id = UNSET
        else:
            plugin_release_id = self.plugin_release_id

        completed: None | str | Unset
        if isinstance(self.completed, Unset):
            completed = UNSET
        elif isinstance(self.completed, datetime.datetime):
            completed = self.completed.isoformat()
        else:
            completed = self.completed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.id, Unset):
            id: int | str
            if isinstance(self.id, UUID):
                id = str(self.id)
            else:
                id = self.id
            field_dict["id"] = id
        if not isinstance(self.plugin, Unset):
            plugin = self.plugin
            field_dict["plugin"] = plugin
        if not isinstance(self.status, Unset):
            status: str
            if isinstance(self.status, JobStatus):
                status = self.status.value
            else:
                status = self.status
            field_dict["status"] = status
        if not isinstance(self.progress, Unset):
            progress = self.progress
            field_dict["progress"] = progress
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()
            field_dict["metadata"] = metadata
        if not isinstance(self.user, Unset):
            user: int | None
            user = self.user
            field_dict["user"] = user
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()
            field_dict["created"] = created
        if not isinstance(self.modified, Unset):
            modified = self.modified.isoformat()
            field_dict["modified"] = modified
        if result is not UNSET:
            field_dict["result"] = result
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if logs is not UNSET:
            field_dict["logs"] = logs
        if action is not UNSET:
            field_dict["action"] = action
        if params is not UNSET:
            field_dict["params"] = params
        if progress_record is not UNSET:
            field_dict["progress_record"] = progress_record
        if metrics_record is not UNSET:
            field_dict["metrics_record"] = metrics_record
        if meta is not UNSET:
            field_dict["meta"] = meta
        if queue is not UNSET:
            field_dict["queue"] = queue
        if error is not UNSET:
            field_dict["error"] = error
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if plugin_release_id is not UNSET:
            field_dict["plugin_release_id"] = plugin_release_id
        if completed is not UNSET:
            field_dict["completed"] = completed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        job = _object_new(cls)
        job._synapse_src = src_dict
        return job

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ConsoleLogEntry = _models.ConsoleLogEntry
            JobError = _models.JobError
            JobMetaType0 = _models.JobMetaType0
            JobMetadata = _models.JobMetadata
            JobMetrics = _models.JobMetrics
            JobMetricsRecordType0 = _models.JobMetricsRecordType0
            JobParamsType0 = _models.JobParamsType0
            JobProgressRecordType0 = _models.JobProgressRecordType0
            JobQueueState = _models.JobQueueState
            JobResult = _models.JobResult

        def _parse_id(data: object) -> int | UUID:
            if isinstance(data, str):
                try:
                    componentsschemas_job_id_type_1 = UUID(data)

                    return componentsschemas_job_id_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(int | UUID, data)

        _id = d.get("id", UNSET)
        id: int | UUID = UNSET if _id is None else _parse_id(_id)  # type: ignore[assignment]

        plugin = d.get("plugin", UNSET)

        def _parse_status(data: object) -> JobStatus | str:
            if isinstance(data, str):
                try:
                    componentsschemas_open_job_status_type_0 = JobStatus(data)

                    return componentsschemas_open_job_status_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(JobStatus | str, data)

        _status = d.get("status", UNSET)
        status: JobStatus | str = UNSET if _status is None else _parse_status(_status)  # type: ignore[assignment]

        progress = d.get("progress", UNSET)

        _metadata = d.get("metadata", UNSET)
        metadata: JobMetadata
        if isinstance(_metadata, Unset) or _metadata is None:
            metadata = UNSET  # type: ignore[assignment]
        else:
            metadata = JobMetadata.from_dict(_metadata)

        def _parse_user(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        user = _parse_user(d.get("user", UNSET))

        _created = d.get("created", UNSET)
        created: datetime.datetime
        if isinstance(_created, Unset) or _created is None:
            created = UNSET  # type: ignore[assignment]
        else:
            created = WireDateTime.parse(_created)

        _modified = d.get("modified", UNSET)
        modified: datetime.datetime
        if isinstance(_modified, Unset) or _modified is None:
            modified = UNSET  # type: ignore[assignment]
        else:
            modified = WireDateTime.parse(_modified)

        def _parse_result(data: object) -> JobResult | list[Any] | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    result_type_0 = JobResult.from_dict(data)

                    return result_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, list):
                raise TypeError()
            result_type_1: list[Any] = data

            return result_type_1

        _result = d.get("result", UNSET)
        result: JobResult | list[Any] | Unset = UNSET if _result is None else _parse_result(_result)

        _metrics = d.get("metrics", UNSET)
        metrics: JobMetrics | Unset
        if isinstance(_metrics, Unset) or _metrics is None:
            metrics = UNSET
        else:
            metrics = JobMetrics.from_dict(_metrics)

        _logs = d.get("logs", UNSET)
        logs: list[ConsoleLogEntry] | Unset = UNSET
        if _logs is not UNSET and _logs is not None:
            logs = []
            for logs_item_data in _logs:
                logs_item = ConsoleLogEntry.from_dict(logs_item_data)

                logs.append(logs_item)

        def _parse_action(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        action = _parse_action(d.get("action", UNSET))

        def _parse_params(data: object) -> JobParamsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    params_type_0 = JobParamsType0.from_dict(data)

                    return params_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(JobParamsType0 | None | Unset, data)

        params = _parse_params(d.get("params", UNSET))

        def _parse_progress_record(data: object) -> JobProgressRecordType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    progress_record_type_0 = JobProgressRecordType0.from_dict(data)

                    return progress_record_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(JobProgressRecordType0 | None | Unset, data)

        progress_record = _parse_progress_record(d.get("progress_record", UNSET))

        def _parse_metrics_record(data: object) -> JobMetricsRecordType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    metrics_record_type_0 = JobMetricsRecordType0.from_dict(data)

                    return metrics_record_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(JobMetricsRecordType0 | None | Unset, data)

        metrics_record = _parse_metrics_record(d.get("metrics_record", UNSET))

        def _parse_meta(data: object) -> JobMetaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    meta_type_0 = JobMetaType0.from_dict(data)

                    return meta_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(JobMetaType0 | None | Unset, data)

        meta = _parse_meta(d.get("meta", UNSET))

        def _parse_queue(data: object) -> JobQueueState | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    queue_type_0 = JobQueueState.from_dict(data)

                    return queue_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(JobQueueState | None | Unset, data)

        queue = _parse_queue(d.get("queue", UNSET))

        def _parse_error(data: object) -> JobError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    error_type_0 = JobError.from_dict(data)

                    return error_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(JobError | None | Unset, data)

        error = _parse_error(d.get("error", UNSET))

        is_active = d.get("is_active", UNSET)

        def _parse_plugin_release_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        plugin_release_id = _parse_plugin_release_id(d.get("plugin_release_id", UNSET))

        def _parse_completed(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                try:
                    completed_type_0 = WireDateTime.parse(data)

                    return completed_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(datetime.datetime | None | Unset, data)

        completed = _parse_completed(d.get("completed", UNSET))

        self.id = id
        self.plugin = plugin
        self.status = status
        self.progress = progress
        self.metadata = metadata
        self.user = user
        self.created = created
        self.modified = modified
        self.result = result
        self.metrics = metrics
        self.logs = logs
        self.action = action
        self.params = params
        self.progress_record = progress_record
        self.metrics_record = metrics_record
        self.meta = meta
        self.queue = queue
        self.error = error
        self.is_active = is_active
        self.plugin_release_id = plugin_release_id
        self.completed = completed

        self.additional_properties = {key: value for key, value in d.items() if key not in _FIELDS}
        del self._synapse_src

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
