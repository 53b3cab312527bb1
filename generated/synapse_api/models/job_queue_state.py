from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, LazyModel, Unset, WireDateTime

T = TypeVar("T", bound="JobQueueState")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "position",
        "reason",
        "blockers",
        "updated_at",
    )
)


@_attrs_define
class JobQueueState(LazyModel):
    """Where a pending job waits in the agent's queue."""

    position: int | None | Unset = UNSET
    """ The job's place in the queue. """
    reason: None | str | Unset = UNSET
    """ Why it waits, for example `slots_full` or `gpu_unavailable`. """
    blockers: list[str] | Unset = UNSET
    """ Every reason it waits, where one is not enough. """
    updated_at: datetime.datetime | None | Unset = UNSET
    """ When the queue state last changed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        blockers: list[str] | Unset = UNSET
        if not isinstance(self.blockers, Unset):
            blockers = self.blockers

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if position is not UNSET:
            field_dict["position"] = position
        if reason is not UNSET:
            field_dict["reason"] = reason
        if blockers is not UNSET:
            field_dict["blockers"] = blockers
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        job_queue_state = _object_new(cls)
        job_queue_state._synapse_src = src_dict
        return job_queue_state

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:

        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.get("position", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.get("reason", UNSET))

        blockers = cast(list[str], d.get("blockers", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                try:
                    updated_at_type_0 = WireDateTime.parse(data)

                    return updated_at_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.get("updated_at", UNSET))

        self.position = position
        self.reason = reason
        self.blockers = blockers
        self.updated_at = updated_at

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
