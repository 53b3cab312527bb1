from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, LazyModel, Unset

T = TypeVar("T", bound="ErrorDetail")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "detail",
        "code",
    )
)


@_attrs_define
class ErrorDetail(LazyModel):
    """An error in the style of Django REST framework.

    Example:
        {'detail': 'Not found.'}

    """

    detail: str | Unset = UNSET
    """ What went wrong. """
    code: str | Unset = UNSET
    """ A machine-readable error code, where the server sends one. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        detail = self.detail

        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if detail is not UNSET:
            field_dict["detail"] = detail
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        error_detail = _object_new(cls)
        error_detail._synapse_src = src_dict
        return error_detail

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:

        detail = d.get("detail", UNSET)

        code = d.get("code", UNSET)

        self.detail = detail
        self.code = code

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
