from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, LazyModel, Unset, WireDateTime

if TYPE_CHECKING:
    from ..models.log_entry_context_type_0 import LogEntryContextType0


T = TypeVar("T", bound="LogEntry")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "message",
        "level",
        "context",
        "file",
        "created",
    )
)


@_attrs_define
class LogEntry(LazyModel):
    """A written log entry."""

    id: int | Unset = UNSET
    """ The entry's id. """
    message: str | Unset = UNSET
    """ The entry's text. """
    level: str | Unset = UNSET
    """ The entry's level. """
    context: LogEntryContextType0 | None | Unset = UNSET
    """ Free-form context of the entry. """
    file: None | str | Unset = UNSET
    """ Where the attached file can be downloaded, or null. """
    created: datetime.datetime | Unset = UNSET
    """ When the entry was written. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            LogEntryContextType0 = _models.LogEntryContextType0

        id = self.id

        message = self.message

        level = self.level

        context: dict[str, Any] | None | Unset
        if isinstance(self.context, Unset):
            context = UNSET
        elif isinstance(self.context, LogEntryContextType0):
            context = self.context.to_dict()
        else:
            context = self.context

        file: None | str | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        else:
            file = self.file

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if message is not UNSET:
            field_dict["message"] = message
        if level is not UNSET:
            field_dict["level"] = level
        if context is not UNSET:
            field_dict["context"] = context
        if file is not UNSET:
            field_dict["file"] = file
        if created is not UNSET:
            field_dict["created"] = created

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        log_entry = _object_new(cls)
        log_entry._synapse_src = src_dict
        return log_entry

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            LogEntryContextType0 = _models.LogEntryContextType0

        id = d.get("id", UNSET)

        message = d.get("message", UNSET)

        level = d.get("level", UNSET)

        def _parse_context(data: object) -> LogEntryContextType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    context_type_0 = LogEntryContextType0.from_dict(data)

                    return context_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(LogEntryContextType0 | None | Unset, data)

        context = _parse_context(d.get("context", UNSET))

        def _parse_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file = _parse_file(d.get("file", UNSET))

        _created = d.get("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset) or _created is None:
            created = UNSET
        else:
            created = WireDateTime.parse(_created)

        self.id = id
        self.message = message
        self.level = level
        self.context = context
        self.file = file
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
