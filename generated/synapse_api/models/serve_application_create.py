from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, Unset, read_now

if TYPE_CHECKING:
    from ..models.serve_application_create_data import ServeApplicationCreateData


T = TypeVar("T", bound="ServeApplicationCreate")


@_attrs_define
class ServeApplicationCreate:
    """A serve application started by a job; `job` is required.

    Example:
        {'job': '550e8400-e29b-41d4-a716-446655440000', 'status': 'RUNNING', 'data': {'name': 'yolov8-serve'}}

    """

    job: int | UUID
    """ A job's id, an integer or (newer backends) a UUID string. """
    status: str | Unset = UNSET
    """ The application's state, for example `RUNNING`. """
    data: ServeApplicationCreateData | Unset = UNSET
    """ The application's configuration and details, free-form. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ServeApplicationCreateData = _models.ServeApplicationCreateData

        status = self.status

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.job, Unset):
            job: int | str
            if isinstance(self.job, UUID):
                job = str(self.job)
            else:
                job = self.job
            field_dict["job"] = job
        if status is not UNSET:
            field_dict["status"] = status
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ServeApplicationCreateData = _models.ServeApplicationCreateData

        d = dict(src_dict)

        def _parse_job(data: object) -> int | UUID:
            if isinstance(data, str):
                try:
                    componentsschemas_job_id_type_1 = UUID(data)

                    return componentsschemas_job_id_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(int | UUID, data)

        _job = d.pop("job", UNSET)
        job: int | UUID = UNSET if _job is None else _parse_job(_job)  # type: ignore[assignment]

        status = d.pop("status", UNSET)

        _data = d.pop("data", UNSET)
        data: ServeApplicationCreateData | Unset
        if isinstance(_data, Unset) or _data is None:
            data = UNSET
        else:
            data = ServeApplicationCreateData.from_dict(_data)

        serve_application_create = cls(
            job=job,
            status=status,
            data=data,
        )

        serve_application_create.additional_properties = d
        # synapse: nested models are lazy; a request body checks them now, in its from_dict
        read_now(
            serve_application_create.job,
            serve_application_create.status,
            serve_application_create.data,
        )
        return serve_application_create

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
