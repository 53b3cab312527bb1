from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, LazyModel, Unset, WireDateTime

T = TypeVar("T", bound="ConsoleLogEntry")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "timestamp",
        "level",
        "message",
        "id",
    )
)


@_attrs_define
class ConsoleLogEntry(LazyModel):
    """One line of a job's console output.

    Example:
        {'timestamp': '2025-01-15T09:30:01Z', 'level': 'INFO', 'message': 'Processing 150 items'}

    """

    timestamp: datetime.datetime
    """ When the line was written. """
    level: str
    """ The log level, for example `INFO`. """
    message: str
    """ The line. """
    id: int | Unset = UNSET
    """ The entry's position in the job's log, from 1 (the `since` cursor and the stream's event id); older servers
    leave it out. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.timestamp, Unset):
            timestamp = self.timestamp.isoformat()
            field_dict["timestamp"] = timestamp
        if not isinstance(self.level, Unset):
            level = self.level
            field_dict["level"] = level
        if not isinstance(self.message, Unset):
            message = self.message
            field_dict["message"] = message
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        console_log_entry = _object_new(cls)
        console_log_entry._synapse_src = src_dict
        return console_log_entry

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:

        _timestamp = d.get("timestamp", UNSET)
        timestamp: datetime.datetime
        if _timestamp is UNSET or _timestamp is None:
            timestamp = UNSET  # type: ignore[assignment]
        else:
            timestamp = WireDateTime.parse(_timestamp)

        level = d.get("level", UNSET)

        message = d.get("message", UNSET)

        id = d.get("id", UNSET)

        self.timestamp = timestamp
        self.level = level
        self.message = message
        self.id = id

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
