from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..models.job_status import JobStatus
from ..types import UNSET, LazyModel, Unset, WireDateTime, enum_member

if TYPE_CHECKING:
    from ..models.console_log_entry import ConsoleLogEntry
    from ..models.job_metadata import JobMetadata
    from ..models.job_metrics import JobMetrics
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
    result: JobResult | Unset = UNSET
    """ The job's result data, with `expand=result`. """
    metrics: JobMetrics | Unset = UNSET
    """ Metrics, with `expand=metrics`. """
    logs: list[ConsoleLogEntry] | Unset = UNSET
    """ Console log entries, with `expand=logs`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ConsoleLogEntry = _models.ConsoleLogEntry
            JobMetadata = _models.JobMetadata
            JobMetrics = _models.JobMetrics
            JobResult = _models.JobResult

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        logs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.logs, Unset):
            logs = []
            for logs_item_data in self.logs:
                logs_item = logs_item_data.to_dict()
                logs.append(logs_item)

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
            JobMetadata = _models.JobMetadata
            JobMetrics = _models.JobMetrics
            JobResult = _models.JobResult

        _id = d.get("id", UNSET)
        id: int | UUID
        if _id is None:
            id = UNSET  # type: ignore[assignment]
        elif isinstance(_id, str):
            try:
                componentsschemas_job_id_type_1 = UUID(_id)

                id = componentsschemas_job_id_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                id = cast(Any, _id)  # as sent, as the parse function returned it
        else:
            id = _id

        plugin = d.get("plugin", UNSET)

        _status = d.get("status", UNSET)
        status: JobStatus | str
        if _status is None:
            status = UNSET  # type: ignore[assignment]
        elif isinstance(_status, str):
            try:
                componentsschemas_open_job_status_type_0 = enum_member(JobStatus, _status)

                status = componentsschemas_open_job_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                status = cast(Any, _status)  # as sent, as the parse function returned it
        else:
            status = _status

        progress = d.get("progress", UNSET)

        _metadata = d.get("metadata", UNSET)
        metadata: JobMetadata
        if _metadata is UNSET or _metadata is None:
            metadata = UNSET  # type: ignore[assignment]
        else:
            metadata = JobMetadata.from_dict(_metadata)

        user = d.get("user", UNSET)

        _created = d.get("created", UNSET)
        created: datetime.datetime
        if _created is UNSET or _created is None:
            created = UNSET  # type: ignore[assignment]
        else:
            created = WireDateTime.parse(_created)

        _modified = d.get("modified", UNSET)
        modified: datetime.datetime
        if _modified is UNSET or _modified is None:
            modified = UNSET  # type: ignore[assignment]
        else:
            modified = WireDateTime.parse(_modified)

        _result = d.get("result", UNSET)
        result: JobResult | Unset
        if _result is UNSET or _result is None:
            result = UNSET
        else:
            result = JobResult.from_dict(_result)

        _metrics = d.get("metrics", UNSET)
        metrics: JobMetrics | Unset
        if _metrics is UNSET or _metrics is None:
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

        # synapse: the set difference (in C) finds that most replies have no unknown keys
        extra = d.keys() - _FIELDS
        self.additional_properties = {key: value for key, value in d.items() if key in extra} if extra else {}
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
