from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, Unset, WireDateTime

if TYPE_CHECKING:
    from ..models.configuration import Configuration


T = TypeVar("T", bound="Plugin")


@_attrs_define
class Plugin:
    """A plugin, with its metadata and configuration.

    Example:
        {'id': 123, 'name': 'My Custom Plugin', 'description': '사용자 정의 데이터 처리를 위한 플러그인', 'version': '1.0.0', 'author':
            'Your Name', 'category': 'data_processing', 'configuration': {'parameters': {'threshold': {'type': 'float',
            'default': 0.5}, 'max_items': {'type': 'int', 'default': 100}}}, 'created': '2025-01-15T09:30:00Z', 'modified':
            '2025-01-15T09:30:00Z'}

    """

    id: int
    """ The plugin's id. """
    name: str
    """ The plugin's name. """
    description: None | str
    """ What the plugin does, or null when not given. """
    version: None | str
    """ The plugin's version, or null when not given. """
    author: None | str
    """ Who wrote the plugin, or null when not given. """
    category: None | str
    """ The plugin's category, for example `data_processing`, or null when not given. """
    configuration: Configuration
    """ A free-form configuration object. """
    created: datetime.datetime
    """ When the plugin was created. """
    modified: datetime.datetime
    """ When the plugin was last changed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.id, Unset):
            id = self.id
            field_dict["id"] = id
        if not isinstance(self.name, Unset):
            name = self.name
            field_dict["name"] = name
        if not isinstance(self.description, Unset):
            description: None | str
            description = self.description
            field_dict["description"] = description
        if not isinstance(self.version, Unset):
            version: None | str
            version = self.version
            field_dict["version"] = version
        if not isinstance(self.author, Unset):
            author: None | str
            author = self.author
            field_dict["author"] = author
        if not isinstance(self.category, Unset):
            category: None | str
            category = self.category
            field_dict["category"] = category
        if not isinstance(self.configuration, Unset):
            configuration = self.configuration.to_dict()
            field_dict["configuration"] = configuration
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()
            field_dict["created"] = created
        if not isinstance(self.modified, Unset):
            modified = self.modified.isoformat()
            field_dict["modified"] = modified

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        version = _parse_version(d.pop("version", UNSET))

        def _parse_author(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        author = _parse_author(d.pop("author", UNSET))

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category", UNSET))

        _configuration = d.pop("configuration", UNSET)
        configuration: Configuration
        if isinstance(_configuration, Unset) or _configuration is None:
            configuration = UNSET  # type: ignore[assignment]
        else:
            configuration = Configuration.from_dict(_configuration)

        _created = d.pop("created", UNSET)
        created: datetime.datetime
        if isinstance(_created, Unset) or _created is None:
            created = UNSET  # type: ignore[assignment]
        else:
            created = WireDateTime.parse(_created)

        _modified = d.pop("modified", UNSET)
        modified: datetime.datetime
        if isinstance(_modified, Unset) or _modified is None:
            modified = UNSET  # type: ignore[assignment]
        else:
            modified = WireDateTime.parse(_modified)

        plugin = cls(
            id=id,
            name=name,
            description=description,
            version=version,
            author=author,
            category=category,
            configuration=configuration,
            created=created,
            modified=modified,
        )

        plugin.additional_properties = d
        return plugin

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
