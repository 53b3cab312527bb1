from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, LazyModel, Unset

if TYPE_CHECKING:
    from ..models.storage import Storage


T = TypeVar("T", bound="PaginatedStorageList")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "count",
        "next",
        "previous",
        "results",
    )
)


@_attrs_define
class PaginatedStorageList(LazyModel):
    """One page of storages."""

    count: int
    """ How many storages there are, over all pages. """
    next_: None | str
    """ The next page's URL, or null on the last page. """
    previous: None | str
    """ The previous page's URL, or null on the first page. """
    results: list[Storage]
    """ The storages on this page. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Storage = _models.Storage

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
            }
        )
        if not isinstance(self.count, Unset):
            count = self.count
            field_dict["count"] = count
        if not isinstance(self.next_, Unset):
            next_: None | str
            next_ = self.next_
            field_dict["next"] = next_
        if not isinstance(self.previous, Unset):
            previous: None | str
            previous = self.previous
            field_dict["previous"] = previous

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        paginated_storage_list = _object_new(cls)
        paginated_storage_list._synapse_src = src_dict
        return paginated_storage_list

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Storage = _models.Storage

        count = d.get("count", UNSET)

        next_ = d.get("next", UNSET)

        previous = d.get("previous", UNSET)

        results = []
        _results = d["results"]
        for results_item_data in _results:
            results_item = Storage.from_dict(results_item_data)

            results.append(results_item)

        self.count = count
        self.next_ = next_
        self.previous = previous
        self.results = results

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
