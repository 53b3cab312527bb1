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
        "result",
        "metadata",
        "metrics",
        "logs",
        "user",
        "created",
        "modified",
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
    plugin: int | Unset = UNSET
    """ The plugin the job runs. """
    status: JobStatus | Unset = UNSET
    """ A job's status. The documented values are lowercase; production backends use the uppercase ones, and new
    values appear over time. """
    progress: int | Unset = UNSET
    """ Progress in percent. """
    result: JobResult | Unset = UNSET
    """ The job's result data. """
    metadata: JobMetadata | Unset = UNSET
    """ Additional metadata. """
    metrics: JobMetrics | Unset = UNSET
    """ Metrics, with `expand=metrics`. """
    logs: list[ConsoleLogEntry] | Unset = UNSET
    """ Console log entries, with `expand=logs`. """
    user: int | Unset = UNSET
    """ The user who started the job. """
    created: datetime.datetime | Unset = UNSET
    """ When the job was created. """
    modified: datetime.datetime | Unset = UNSET
    """ When the job was last changed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ConsoleLogEntry = _models.ConsoleLogEntry
            JobMetadata = _models.JobMetadata
            JobMetrics = _models.JobMetrics
            JobResult = _models.JobResult

        id: int | str
        if isinstance(self.id, UUID):
            id = str(self.id)
        else:
            id = self.id

        plugin = self.plugin

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        progress = self.progress

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        logs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.logs, Unset):
            logs = []
            for logs_item_data in self.logs:
                logs_item = logs_item_data.to_dict()
                logs.append(logs_item)

        user = self.user

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        modified: str | Unset = UNSET
        if not isinstance(self.modified, Unset):
            modified = self.modified.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if plugin is not UNSET:
            field_dict["plugin"] = plugin
        if status is not UNSET:
            field_dict["status"] = status
        if progress is not UNSET:
            field_dict["progress"] = progress
        if result is not UNSET:
            field_dict["result"] = result
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if logs is not UNSET:
            field_dict["logs"] = logs
        if user is not UNSET:
            field_dict["user"] = user
        if created is not UNSET:
            field_dict["created"] = created
        if modified is not UNSET:
            field_dict["modified"] = modified

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

        _id_in = d.get("id", UNSET)
        if _id_in is not UNSET and _id_in is not None:

            def _parse_id(data: object) -> int | UUID:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    componentsschemas_job_id_type_1 = UUID(data)

                    return componentsschemas_job_id_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(int | UUID, data)

            id = _parse_id(_id_in)

        else:  # left out (or null where the document allows no null): read as absent
            id = cast(Any, UNSET)

        plugin = d.get("plugin", UNSET)

        _status = d.get("status", UNSET)
        status: JobStatus | Unset
        if isinstance(_status, Unset) or _status is None:
            status = UNSET
        else:
            status = JobStatus(_status)

        progress = d.get("progress", UNSET)

        _result = d.get("result", UNSET)
        result: JobResult | Unset
        if isinstance(_result, Unset) or _result is None:
            result = UNSET
        else:
            result = JobResult.from_dict(_result)

        _metadata = d.get("metadata", UNSET)
        metadata: JobMetadata | Unset
        if isinstance(_metadata, Unset) or _metadata is None:
            metadata = UNSET
        else:
            metadata = JobMetadata.from_dict(_metadata)

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

        user = d.get("user", UNSET)

        _created = d.get("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset) or _created is None:
            created = UNSET
        else:
            created = WireDateTime.parse(_created)

        _modified = d.get("modified", UNSET)
        modified: datetime.datetime | Unset
        if isinstance(_modified, Unset) or _modified is None:
            modified = UNSET
        else:
            modified = WireDateTime.parse(_modified)

        self.id = id
        self.plugin = plugin
        self.status = status
        self.progress = progress
        self.result = result
        self.metadata = metadata
        self.metrics = metrics
        self.logs = logs
        self.user = user
        self.created = created
        self.modified = modified
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
