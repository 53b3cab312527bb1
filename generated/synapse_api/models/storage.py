from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..models.storage_category import StorageCategory
from ..models.storage_provider import StorageProvider
from ..types import UNSET, LazyModel, Unset, WireDateTime

if TYPE_CHECKING:
    from ..models.configuration import Configuration


T = TypeVar("T", bound="Storage")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "provider",
        "category",
        "configuration",
        "created",
    )
)


@_attrs_define
class Storage(LazyModel):
    """A storage configuration.

    Example:
        {'id': 123, 'name': 'My S3 Storage', 'provider': 'amazon_s3', 'category': 'external', 'configuration':
            {'bucket_name': 'my-bucket', 'region': 'us-west-2'}, 'created': '2025-01-15T09:30:00Z'}

    """

    id: int
    """ The storage's id. """
    name: str
    """ The storage's name. """
    provider: StorageProvider
    """ A storage provider. New providers appear over time; clients must carry unknown values through. """
    category: StorageCategory | Unset = UNSET
    """ Whether the storage is internal or external to Synapse. """
    configuration: Configuration | Unset = UNSET
    """ A free-form configuration object. """
    created: datetime.datetime | Unset = UNSET
    """ When the storage was created. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        id = self.id

        name = self.name

        provider = self.provider.value

        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category.value

        configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.configuration, Unset):
            configuration = self.configuration.to_dict()

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "provider": provider,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category
        if configuration is not UNSET:
            field_dict["configuration"] = configuration
        if created is not UNSET:
            field_dict["created"] = created

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        storage = _object_new(cls)
        storage._synapse_src = src_dict
        return storage

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        _id_in = d.get("id", UNSET)
        if _id_in is not UNSET and _id_in is not None:
            id = _id_in
        else:  # left out (or null where the document allows no null): read as absent
            id = cast(Any, UNSET)

        _name_in = d.get("name", UNSET)
        if _name_in is not UNSET and _name_in is not None:
            name = _name_in
        else:  # left out (or null where the document allows no null): read as absent
            name = cast(Any, UNSET)

        _provider_in = d.get("provider", UNSET)
        if _provider_in is not UNSET and _provider_in is not None:
            provider = StorageProvider(_provider_in)

        else:  # left out (or null where the document allows no null): read as absent
            provider = cast(Any, UNSET)

        _category = d.get("category", UNSET)
        category: StorageCategory | Unset
        if isinstance(_category, Unset) or _category is None:
            category = UNSET
        else:
            category = StorageCategory(_category)

        _configuration = d.get("configuration", UNSET)
        configuration: Configuration | Unset
        if isinstance(_configuration, Unset) or _configuration is None:
            configuration = UNSET
        else:
            configuration = Configuration.from_dict(_configuration)

        _created = d.get("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset) or _created is None:
            created = UNSET
        else:
            created = WireDateTime.parse(_created)

        self.id = id
        self.name = name
        self.provider = provider
        self.category = category
        self.configuration = configuration
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
