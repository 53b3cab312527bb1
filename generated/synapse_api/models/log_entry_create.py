from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, LazyModel, Unset

if TYPE_CHECKING:
    from ..models.log_entry_create_context_type_0 import LogEntryCreateContextType0


T = TypeVar("T", bound="LogEntryCreate")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "message",
        "level",
        "context",
        "file",
    )
)


@_attrs_define
class LogEntryCreate(LazyModel):
    """A log entry to write; `message` is required.

    Example:
        {'message': 'Training complete', 'level': 'info'}

    """

    message: str
    """ The entry's text. """
    level: str | Unset = UNSET
    """ The entry's level, `info` when left out. """
    context: LogEntryCreateContextType0 | None | Unset = UNSET
    """ Free-form context of the entry. """
    file: None | str | Unset = UNSET
    """ An attached file as a data URI (`data:<mime type>;base64,<content>`); the client makes it from a file path.
    """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            LogEntryCreateContextType0 = _models.LogEntryCreateContextType0

        level = self.level

        context: dict[str, Any] | None | Unset
        if isinstance(self.context, Unset):
            context = UNSET
        elif isinstance(self.context, LogEntryCreateContextType0):
            context = self.context.to_dict()
        else:
            context = self.context

        file: None | str | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        else:
            file = self.file

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.message, Unset):
            message = self.message
            field_dict["message"] = message
        if level is not UNSET:
            field_dict["level"] = level
        if context is not UNSET:
            field_dict["context"] = context
        if file is not UNSET:
            field_dict["file"] = file

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        log_entry_create = _object_new(cls)
        log_entry_create._synapse_src = src_dict
        return log_entry_create

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            LogEntryCreateContextType0 = _models.LogEntryCreateContextType0

        message = d.get("message", UNSET)

        level = d.get("level", UNSET)

        def _parse_context(data: object) -> LogEntryCreateContextType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    context_type_0 = LogEntryCreateContextType0.from_dict(data)

                    return context_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(LogEntryCreateContextType0 | None | Unset, data)

        context = _parse_context(d.get("context", UNSET))

        def _parse_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file = _parse_file(d.get("file", UNSET))

        self.message = message
        self.level = level
        self.context = context
        self.file = file

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
