from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, Unset, read_now

if TYPE_CHECKING:
    from ..models.configuration import Configuration


T = TypeVar("T", bound="PluginUpdate")


@_attrs_define
class PluginUpdate:
    """The fields that describe a plugin; as an update, fields left out keep their value."""

    name: str | Unset = UNSET
    """ The plugin's name. """
    description: str | Unset = UNSET
    """ What the plugin does. """
    version: str | Unset = UNSET
    """ The plugin's version. """
    author: str | Unset = UNSET
    """ Who wrote the plugin. """
    category: str | Unset = UNSET
    """ The plugin's category, for example `data_processing`. """
    code: str | Unset = UNSET
    """ A plugin's code, a slug such as `yolov8` (letters, digits, `_`, `-`, `.`; not all digits). """
    configuration: Configuration | Unset = UNSET
    """ A free-form configuration object. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        name = self.name

        description = self.description

        version = self.version

        author = self.author

        category = self.category

        code = self.code

        configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.configuration, Unset):
            configuration = self.configuration.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if version is not UNSET:
            field_dict["version"] = version
        if author is not UNSET:
            field_dict["author"] = author
        if category is not UNSET:
            field_dict["category"] = category
        if code is not UNSET:
            field_dict["code"] = code
        if configuration is not UNSET:
            field_dict["configuration"] = configuration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        version = d.pop("version", UNSET)

        author = d.pop("author", UNSET)

        category = d.pop("category", UNSET)

        code = d.pop("code", UNSET)

        _configuration = d.pop("configuration", UNSET)
        configuration: Configuration | Unset
        if isinstance(_configuration, Unset) or _configuration is None:
            configuration = UNSET
        else:
            configuration = Configuration.from_dict(_configuration)

        plugin_update = cls(
            name=name,
            description=description,
            version=version,
            author=author,
            category=category,
            code=code,
            configuration=configuration,
        )

        plugin_update.additional_properties = d
        # synapse: nested models are lazy; a request body checks them now, in its from_dict
        read_now(
            plugin_update.name,
            plugin_update.description,
            plugin_update.version,
            plugin_update.author,
            plugin_update.category,
            plugin_update.code,
            plugin_update.configuration,
        )
        return plugin_update

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
