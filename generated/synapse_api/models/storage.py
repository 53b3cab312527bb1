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
        "is_default",
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
    provider: StorageProvider | str
    """ A storage provider, one of `StorageProvider` or any other string. """
    category: StorageCategory | str
    """ A storage category, one of `StorageCategory` or any other string. """
    configuration: Configuration
    """ A free-form configuration object. """
    created: datetime.datetime
    """ When the storage was created. """
    is_default: bool | Unset = UNSET
    """ Whether this is the tenant's default storage. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        is_default = self.is_default

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.id, Unset):
            id = self.id
            field_dict["id"] = id
        if not isinstance(self.name, Unset):
            name = self.name
            field_dict["name"] = name
        if not isinstance(self.provider, Unset):
            provider: str
            if isinstance(self.provider, StorageProvider):
                provider = self.provider.value
            else:
                provider = self.provider
            field_dict["provider"] = provider
        if not isinstance(self.category, Unset):
            category: str
            if isinstance(self.category, StorageCategory):
                category = self.category.value
            else:
                category = self.category
            field_dict["category"] = category
        if not isinstance(self.configuration, Unset):
            configuration = self.configuration.to_dict()
            field_dict["configuration"] = configuration
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()
            field_dict["created"] = created
        if is_default is not UNSET:
            field_dict["is_default"] = is_default

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

        id = d.get("id", UNSET)

        name = d.get("name", UNSET)

        def _parse_provider(data: object) -> StorageProvider | str:
            if isinstance(data, str):
                try:
                    componentsschemas_open_storage_provider_type_0 = StorageProvider(data)

                    return componentsschemas_open_storage_provider_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(StorageProvider | str, data)

        _provider = d.get("provider", UNSET)
        provider: StorageProvider | str = UNSET if _provider is None else _parse_provider(_provider)  # type: ignore[assignment]

        def _parse_category(data: object) -> StorageCategory | str:
            if isinstance(data, str):
                try:
                    componentsschemas_open_storage_category_type_0 = StorageCategory(data)

                    return componentsschemas_open_storage_category_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(StorageCategory | str, data)

        _category = d.get("category", UNSET)
        category: StorageCategory | str = UNSET if _category is None else _parse_category(_category)  # type: ignore[assignment]

        _configuration = d.get("configuration", UNSET)
        configuration: Configuration
        if isinstance(_configuration, Unset) or _configuration is None:
            configuration = UNSET  # type: ignore[assignment]
        else:
            configuration = Configuration.from_dict(_configuration)

        _created = d.get("created", UNSET)
        created: datetime.datetime
        if isinstance(_created, Unset) or _created is None:
            created = UNSET  # type: ignore[assignment]
        else:
            created = WireDateTime.parse(_created)

        is_default = d.get("is_default", UNSET)

        self.id = id
        self.name = name
        self.provider = provider
        self.category = category
        self.configuration = configuration
        self.created = created
        self.is_default = is_default

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
