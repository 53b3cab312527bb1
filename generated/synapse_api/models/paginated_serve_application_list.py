from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, LazyModel, Unset

if TYPE_CHECKING:
    from ..models.serve_application import ServeApplication


T = TypeVar("T", bound="PaginatedServeApplicationList")

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
class PaginatedServeApplicationList(LazyModel):
    """One page of serve applications."""

    count: int
    """ How many applications match, over all pages. """
    next_: None | str
    """ The next page's URL, or null on the last page. """
    previous: None | str
    """ The previous page's URL, or null on the first page. """
    results: list[ServeApplication]
    """ The applications on this page. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ServeApplication = _models.ServeApplication

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
        paginated_serve_application_list = _object_new(cls)
        paginated_serve_application_list._synapse_src = src_dict
        return paginated_serve_application_list

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            ServeApplication = _models.ServeApplication

        count = d.get("count", UNSET)

        def _parse_next_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_ = _parse_next_(d.get("next", UNSET))

        def _parse_previous(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous = _parse_previous(d.get("previous", UNSET))

        results = []
        _results = d["results"]
        for results_item_data in _results:
            results_item = ServeApplication.from_dict(results_item_data)

            results.append(results_item)

        self.count = count
        self.next_ = next_
        self.previous = previous
        self.results = results

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
