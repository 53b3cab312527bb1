from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..models.storage_category import StorageCategory
from ..models.storage_provider import StorageProvider
from ..types import UNSET, Unset, enum_member, read_now

if TYPE_CHECKING:
    from ..models.configuration import Configuration


T = TypeVar("T", bound="StorageCreate")


@_attrs_define
class StorageCreate:
    """A new storage configuration; `name` and `provider` are required.

    Example:
        {'name': 'Local Storage', 'provider': 'file_system', 'category': 'internal', 'configuration': {'base_path':
            '/data/storage', 'permissions': '755'}}

    """

    name: str
    """ The storage's name. """
    provider: StorageProvider | str
    """ A storage provider, one of `StorageProvider` or any other string. """
    category: StorageCategory | str | Unset = UNSET
    """ A storage category, one of `StorageCategory` or any other string. """
    configuration: Configuration | Unset = UNSET
    """ A free-form configuration object. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        category: str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, StorageCategory):
            category = self.category.value
        else:
            category = self.category

        configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.configuration, Unset):
            configuration = self.configuration.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
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
        if category is not UNSET:
            field_dict["category"] = category
        if configuration is not UNSET:
            field_dict["configuration"] = configuration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _provider = d.pop("provider", UNSET)
        provider: StorageProvider | str
        if _provider is None:
            provider = UNSET  # type: ignore[assignment]
        elif isinstance(_provider, str):
            try:
                componentsschemas_open_storage_provider_type_0 = enum_member(StorageProvider, _provider)

                provider = componentsschemas_open_storage_provider_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                provider = cast(Any, _provider)  # as sent, as the parse function returned it
        else:
            provider = _provider

        _category = d.pop("category", UNSET)
        category: StorageCategory | str | Unset
        if _category is None:
            category = UNSET
        elif isinstance(_category, Unset):
            category = _category
        elif isinstance(_category, str):
            try:
                componentsschemas_open_storage_category_type_0 = enum_member(StorageCategory, _category)

                category = componentsschemas_open_storage_category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                category = cast(Any, _category)  # as sent, as the parse function returned it
        else:
            category = _category

        _configuration = d.pop("configuration", UNSET)
        configuration: Configuration | Unset
        if _configuration is UNSET or _configuration is None:
            configuration = UNSET
        else:
            configuration = Configuration.from_dict(_configuration)

        storage_create = cls(
            name=name,
            provider=provider,
            category=category,
            configuration=configuration,
        )

        storage_create.additional_properties = d
        # synapse: nested models are lazy; a request body checks them now, in its from_dict
        read_now(
            storage_create.name,
            storage_create.provider,
            storage_create.category,
            storage_create.configuration,
        )
        return storage_create

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
