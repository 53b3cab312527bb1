from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..models.job_status import JobStatus
from ..types import UNSET, Unset, enum_member, read_now

if TYPE_CHECKING:
    from ..models.job_update_metadata import JobUpdateMetadata
    from ..models.job_update_result import JobUpdateResult


T = TypeVar("T", bound="JobUpdate")


@_attrs_define
class JobUpdate:
    """Changes to a job; fields left out keep their value.

    Example:
        {'progress': 75, 'status': 'running', 'metadata': {'current_step': 'processing_images'}}

    """

    status: JobStatus | str | Unset = UNSET
    """ A job's status, one of `JobStatus` or any other string (new statuses appear over time). """
    progress: int | Unset = UNSET
    """ Progress in percent. """
    result: JobUpdateResult | Unset = UNSET
    """ The job's result data. """
    metadata: JobUpdateMetadata | Unset = UNSET
    """ Additional metadata. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            JobUpdateMetadata = _models.JobUpdateMetadata
            JobUpdateResult = _models.JobUpdateResult

        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, JobStatus):
            status = self.status.value
        else:
            status = self.status

        progress = self.progress

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            JobUpdateMetadata = _models.JobUpdateMetadata
            JobUpdateResult = _models.JobUpdateResult

        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: JobStatus | str | Unset
        if _status is None:
            status = UNSET
        elif isinstance(_status, Unset):
            status = _status
        elif isinstance(_status, str):
            try:
                componentsschemas_open_job_status_type_0 = enum_member(JobStatus, _status)

                status = componentsschemas_open_job_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                status = cast(Any, _status)  # as sent, as the parse function returned it
        else:
            status = _status

        progress = d.pop("progress", UNSET)

        _result = d.pop("result", UNSET)
        result: JobUpdateResult | Unset
        if _result is UNSET or _result is None:
            result = UNSET
        else:
            result = JobUpdateResult.from_dict(_result)

        _metadata = d.pop("metadata", UNSET)
        metadata: JobUpdateMetadata | Unset
        if _metadata is UNSET or _metadata is None:
            metadata = UNSET
        else:
            metadata = JobUpdateMetadata.from_dict(_metadata)

        job_update = cls(
            status=status,
            progress=progress,
            result=result,
            metadata=metadata,
        )

        job_update.additional_properties = d
        # synapse: nested models are lazy; a request body checks them now, in its from_dict
        read_now(
            job_update.status,
            job_update.progress,
            job_update.result,
            job_update.metadata,
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
