from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, LazyModel, WireDateTime

T = TypeVar("T", bound="ConsoleLogEntry")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "timestamp",
        "level",
        "message",
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        timestamp = self.timestamp.isoformat()

        level = self.level

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "level": level,
                "message": message,
            }
        )

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

        _timestamp_in = d.get("timestamp", UNSET)
        if _timestamp_in is not UNSET and _timestamp_in is not None:
            timestamp = WireDateTime.parse(_timestamp_in)

        else:  # left out (or null where the document allows no null): read as absent
            timestamp = cast(Any, UNSET)

        _level_in = d.get("level", UNSET)
        if _level_in is not UNSET and _level_in is not None:
            level = _level_in
        else:  # left out (or null where the document allows no null): read as absent
            level = cast(Any, UNSET)

        _message_in = d.get("message", UNSET)
        if _message_in is not UNSET and _message_in is not None:
            message = _message_in
        else:  # left out (or null where the document allows no null): read as absent
            message = cast(Any, UNSET)

        self.timestamp = timestamp
        self.level = level
        self.message = message
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
