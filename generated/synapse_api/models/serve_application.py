from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, LazyModel, Unset, WireDateTime

if TYPE_CHECKING:
    from ..models.serve_application_data_type_0 import ServeApplicationDataType0


T = TypeVar("T", bound="ServeApplication")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "job",
        "status",
        "data",
        "created",
    )
)


@_attrs_define
class ServeApplication(LazyModel):
    """A Ray Serve application started by a job.

    Example:
        {'id': 1, 'job': '550e8400-e29b-41d4-a716-446655440000', 'status': 'RUNNING', 'data': {'name': 'yolov8-serve'},
            'created': '2025-01-15T09:30:00Z'}

    """

    id: int
    """ The application's id. """
    job: int | UUID
    """ A job's id, an integer or (newer backends) a UUID string. """
    status: None | str
    """ The application's state, or null when not reported. """
    data: None | ServeApplicationDataType0
    """ The application's configuration and details, free-form. """
    created: datetime.datetime
    """ When the application was recorded. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ServeApplicationDataType0 = _models.ServeApplicationDataType0

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.id, Unset):
            id = self.id
            field_dict["id"] = id
        if not isinstance(self.job, Unset):
            job: int | str
            if isinstance(self.job, UUID):
                job = str(self.job)
            else:
                job = self.job
            field_dict["job"] = job
        if not isinstance(self.status, Unset):
            status: None | str
            status = self.status
            field_dict["status"] = status
        if not isinstance(self.data, Unset):
            data: dict[str, Any] | None
            if isinstance(self.data, ServeApplicationDataType0):
                data = self.data.to_dict()
            else:
                data = self.data
            field_dict["data"] = data
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()
            field_dict["created"] = created

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        serve_application = _object_new(cls)
        serve_application._synapse_src = src_dict
        return serve_application

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ServeApplicationDataType0 = _models.ServeApplicationDataType0

        id = d.get("id", UNSET)

        def _parse_job(data: object) -> int | UUID:
            if isinstance(data, str):
                try:
                    componentsschemas_job_id_type_1 = UUID(data)

                    return componentsschemas_job_id_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(int | UUID, data)

        _job = d.get("job", UNSET)
        job: int | UUID = UNSET if _job is None else _parse_job(_job)  # type: ignore[assignment]

        def _parse_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status = _parse_status(d.get("status", UNSET))

        def _parse_data(data: object) -> None | ServeApplicationDataType0:
            if data is None:
                return data
            if isinstance(data, dict):
                try:
                    data_type_0 = ServeApplicationDataType0.from_dict(data)

                    return data_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(None | ServeApplicationDataType0, data)

        data = _parse_data(d.get("data", UNSET))

        _created = d.get("created", UNSET)
        created: datetime.datetime
        if isinstance(_created, Unset) or _created is None:
            created = UNSET  # type: ignore[assignment]
        else:
            created = WireDateTime.parse(_created)

        self.id = id
        self.job = job
        self.status = status
        self.data = data
        self.created = created

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
