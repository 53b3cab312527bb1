from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..models.job_status import JobStatus
from ..types import UNSET, Unset, read_now

if TYPE_CHECKING:
    from ..models.job_update_console_logs_type_0 import JobUpdateConsoleLogsType0
    from ..models.job_update_console_logs_type_1_item import JobUpdateConsoleLogsType1Item
    from ..models.job_update_meta import JobUpdateMeta
    from ..models.job_update_metadata import JobUpdateMetadata
    from ..models.job_update_metrics_record import JobUpdateMetricsRecord
    from ..models.job_update_progress_record import JobUpdateProgressRecord
    from ..models.job_update_result import JobUpdateResult


T = TypeVar("T", bound="JobUpdate")


@_attrs_define
class JobUpdate:
    """Changes to a job; fields left out keep their value. The page's `progress` and `metadata`, or the production SDK's
    `progress_record`, `metrics_record`, `console_logs` and `meta` (with an uppercase `status`).

        Example:
            {'progress': 75, 'status': 'running', 'metadata': {'current_step': 'processing_images'}}

    """

    status: JobStatus | str | Unset = UNSET
    """ A job's status, one of `JobStatus` or any other string (new statuses appear over time). """
    progress: int | Unset = UNSET
    """ Progress in percent. """
    result: JobUpdateResult | list[Any] | Unset = UNSET
    """ The job's result data, an object or (production dialect) a list. """
    metadata: JobUpdateMetadata | Unset = UNSET
    """ Additional metadata. """
    progress_record: JobUpdateProgressRecord | Unset = UNSET
    """ The job's progress, for example `{"step": 5, "total": 100}`. """
    metrics_record: JobUpdateMetricsRecord | Unset = UNSET
    """ The job's metrics. """
    console_logs: JobUpdateConsoleLogsType0 | list[JobUpdateConsoleLogsType1Item] | Unset = UNSET
    """ Console log entries to add, one object or a list of them. """
    meta: JobUpdateMeta | Unset = UNSET
    """ Free-form metadata (the agent writes its queue state in `meta.queue`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            JobUpdateConsoleLogsType0 = _models.JobUpdateConsoleLogsType0
            JobUpdateConsoleLogsType1Item = _models.JobUpdateConsoleLogsType1Item
            JobUpdateMeta = _models.JobUpdateMeta
            JobUpdateMetadata = _models.JobUpdateMetadata
            JobUpdateMetricsRecord = _models.JobUpdateMetricsRecord
            JobUpdateProgressRecord = _models.JobUpdateProgressRecord
            JobUpdateResult = _models.JobUpdateResult

        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, JobStatus):
            status = self.status.value
        else:
            status = self.status

        progress = self.progress

        result: dict[str, Any] | list[Any] | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, JobUpdateResult):
            result = self.result.to_dict()
        else:
            result = self.result

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        progress_record: dict[str, Any] | Unset = UNSET
        if not isinstance(self.progress_record, Unset):
            progress_record = self.progress_record.to_dict()

        metrics_record: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics_record, Unset):
            metrics_record = self.metrics_record.to_dict()

        console_logs: dict[str, Any] | list[dict[str, Any]] | Unset
        if isinstance(self.console_logs, Unset):
            console_logs = UNSET
        elif isinstance(self.console_logs, JobUpdateConsoleLogsType0):
            console_logs = self.console_logs.to_dict()
        else:
            console_logs = []
            for console_logs_type_1_item_data in self.console_logs:
                console_logs_type_1_item = console_logs_type_1_item_data.to_dict()
                console_logs.append(console_logs_type_1_item)

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if progress is not UNSET:
            field_dict["progress"] = progress
        if result is not UNSET:
            field_dict["result"] = result
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if progress_record is not UNSET:
            field_dict["progress_record"] = progress_record
        if metrics_record is not UNSET:
            field_dict["metrics_record"] = metrics_record
        if console_logs is not UNSET:
            field_dict["console_logs"] = console_logs
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            JobUpdateConsoleLogsType0 = _models.JobUpdateConsoleLogsType0
            JobUpdateConsoleLogsType1Item = _models.JobUpdateConsoleLogsType1Item
            JobUpdateMeta = _models.JobUpdateMeta
            JobUpdateMetadata = _models.JobUpdateMetadata
            JobUpdateMetricsRecord = _models.JobUpdateMetricsRecord
            JobUpdateProgressRecord = _models.JobUpdateProgressRecord
            JobUpdateResult = _models.JobUpdateResult

        d = dict(src_dict)

        def _parse_status(data: object) -> JobStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                try:
                    componentsschemas_open_job_status_type_0 = JobStatus(data)

                    return componentsschemas_open_job_status_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(JobStatus | str | Unset, data)

        _status = d.pop("status", UNSET)
        status: JobStatus | str | Unset = UNSET if _status is None else _parse_status(_status)

        progress = d.pop("progress", UNSET)

        def _parse_result(data: object) -> JobUpdateResult | list[Any] | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    result_type_0 = JobUpdateResult.from_dict(data)

                    return result_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, list):
                raise TypeError()
            result_type_1: list[Any] = data

            return result_type_1

        _result = d.pop("result", UNSET)
        result: JobUpdateResult | list[Any] | Unset = UNSET if _result is None else _parse_result(_result)

        _metadata = d.pop("metadata", UNSET)
        metadata: JobUpdateMetadata | Unset
        if isinstance(_metadata, Unset) or _metadata is None:
            metadata = UNSET
        else:
            metadata = JobUpdateMetadata.from_dict(_metadata)

        _progress_record = d.pop("progress_record", UNSET)
        progress_record: JobUpdateProgressRecord | Unset
        if isinstance(_progress_record, Unset) or _progress_record is None:
            progress_record = UNSET
        else:
            progress_record = JobUpdateProgressRecord.from_dict(_progress_record)

        _metrics_record = d.pop("metrics_record", UNSET)
        metrics_record: JobUpdateMetricsRecord | Unset
        if isinstance(_metrics_record, Unset) or _metrics_record is None:
            metrics_record = UNSET
        else:
            metrics_record = JobUpdateMetricsRecord.from_dict(_metrics_record)

        def _parse_console_logs(
            data: object,
        ) -> JobUpdateConsoleLogsType0 | list[JobUpdateConsoleLogsType1Item] | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    console_logs_type_0 = JobUpdateConsoleLogsType0.from_dict(data)

                    return console_logs_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, list):
                raise TypeError()
            console_logs_type_1 = []
            _console_logs_type_1 = data
            for console_logs_type_1_item_data in _console_logs_type_1:
                console_logs_type_1_item = JobUpdateConsoleLogsType1Item.from_dict(console_logs_type_1_item_data)

                console_logs_type_1.append(console_logs_type_1_item)

            return console_logs_type_1

        _console_logs = d.pop("console_logs", UNSET)
        console_logs: JobUpdateConsoleLogsType0 | list[JobUpdateConsoleLogsType1Item] | Unset = (
            UNSET if _console_logs is None else _parse_console_logs(_console_logs)
        )

        _meta = d.pop("meta", UNSET)
        meta: JobUpdateMeta | Unset
        if isinstance(_meta, Unset) or _meta is None:
            meta = UNSET
        else:
            meta = JobUpdateMeta.from_dict(_meta)

        job_update = cls(
            status=status,
            progress=progress,
            result=result,
            metadata=metadata,
            progress_record=progress_record,
            metrics_record=metrics_record,
            console_logs=console_logs,
            meta=meta,
        )

        job_update.additional_properties = d
        # synapse: nested models are lazy; a request body checks them now, in its from_dict
        read_now(
            job_update.status,
            job_update.progress,
            job_update.result,
            job_update.metadata,
            job_update.progress_record,
            job_update.metrics_record,
            job_update.console_logs,
            job_update.meta,
        )
        return job_update

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
