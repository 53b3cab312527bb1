from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..types import UNSET, LazyModel, Unset, enum_member

T = TypeVar("T", bound="PluginRun")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "job_id",
        "status",
    )
)


@_attrs_define
class PluginRun(LazyModel):
    """A started plugin run.

    Example:
        {'job_id': 790, 'status': 'queued'}

    """

    job_id: int | UUID
    """ A job's id, an integer or (newer backends) a UUID string. """
    status: JobStatus | str
    """ A job's status, one of `JobStatus` or any other string (new statuses appear over time). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.job_id, Unset):
            job_id: int | str
            if isinstance(self.job_id, UUID):
                job_id = str(self.job_id)
            else:
                job_id = self.job_id
            field_dict["job_id"] = job_id
        if not isinstance(self.status, Unset):
            status: str
            if isinstance(self.status, JobStatus):
                status = self.status.value
            else:
                status = self.status
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        plugin_run = _object_new(cls)
        plugin_run._synapse_src = src_dict
        return plugin_run

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:

        _job_id = d.get("job_id", UNSET)
        job_id: int | UUID
        if _job_id is None:
            job_id = UNSET  # type: ignore[assignment]
        elif isinstance(_job_id, str):
            try:
                componentsschemas_job_id_type_1 = UUID(_job_id)

                job_id = componentsschemas_job_id_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                job_id = cast(Any, _job_id)  # as sent, as the parse function returned it
        else:
            job_id = _job_id

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

        self.job_id = job_id
        self.status = status

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
