from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import LazyModel

T = TypeVar("T", bound="JobUpdateMetadata")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(())


@_attrs_define
class JobUpdateMetadata(LazyModel):
    """Additional metadata."""

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`: a dict is copied at once (there is nothing to convert); any
        other value is read when the model is first read, and one that is not a mapping raises
        ValueError then. The mapping is never modified."""
        job_update_metadata = _object_new(cls)
        if isinstance(src_dict, dict):
            # synapse: a free-form object has nothing to convert or refuse: its copy is made at
            # once (what the first read would make), which spares that read the lazy detour
            job_update_metadata.additional_properties = dict(src_dict)
            return job_update_metadata
        job_update_metadata._synapse_src = src_dict
        return job_update_metadata

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:

        self.additional_properties = dict(d.items())
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
