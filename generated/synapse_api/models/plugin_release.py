from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, Unset, WireDateTime

if TYPE_CHECKING:
    from ..models.plugin import Plugin


T = TypeVar("T", bound="PluginRelease")


@_attrs_define
class PluginRelease:
    """A versioned plugin package.

    Example:
        {'id': 456, 'plugin': 123, 'version': '2.0.0', 'changelog': '새로운 기능 및 버그 수정 추가', 'is_stable': True, 'file':
            '/media/plugin_releases/456/plugin_v2.zip', 'size': 2048, 'checksum':
            '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'created': '2025-01-15T09:30:00Z'}

    """

    id: int
    """ The release's id. """
    plugin: int | Plugin | Unset = UNSET
    """ The plugin's id, or the whole plugin with `expand=plugin`. """
    version: str | Unset = UNSET
    """ The release's version. """
    changelog: str | Unset = UNSET
    """ Release notes. """
    is_stable: bool | Unset = UNSET
    """ Whether this is a stable release. """
    file: str | Unset = UNSET
    """ Where the package can be downloaded. """
    size: int | Unset = UNSET
    """ The package's size in bytes. """
    checksum: str | Unset = UNSET
    """ The package's SHA-256, hex-encoded. """
    created: datetime.datetime | Unset = UNSET
    """ When the release was created. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Plugin = _models.Plugin

        id = self.id

        plugin: dict[str, Any] | int | Unset
        if isinstance(self.plugin, Unset):
            plugin = UNSET
        elif isinstance(self.plugin, Plugin):
            plugin = self.plugin.to_dict()
        else:
            plugin = self.plugin

        version = self.version

        changelog = self.changelog

        is_stable = self.is_stable

        file = self.file

        size = self.size

        checksum = self.checksum

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if plugin is not UNSET:
            field_dict["plugin"] = plugin
        if version is not UNSET:
            field_dict["version"] = version
        if changelog is not UNSET:
            field_dict["changelog"] = changelog
        if is_stable is not UNSET:
            field_dict["is_stable"] = is_stable
        if file is not UNSET:
            field_dict["file"] = file
        if size is not UNSET:
            field_dict["size"] = size
        if checksum is not UNSET:
            field_dict["checksum"] = checksum
        if created is not UNSET:
            field_dict["created"] = created

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Plugin = _models.Plugin

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_plugin(data: object) -> int | Plugin | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                plugin_type_1 = Plugin.from_dict(data)

                return plugin_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | Plugin | Unset, data)

        plugin = _parse_plugin(d.pop("plugin", UNSET))

        version = d.pop("version", UNSET)

        changelog = d.pop("changelog", UNSET)

        is_stable = d.pop("is_stable", UNSET)

        file = d.pop("file", UNSET)

        size = d.pop("size", UNSET)

        checksum = d.pop("checksum", UNSET)

        _created = d.pop("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset) or _created is None:
            created = UNSET
        else:
            created = WireDateTime.parse(_created)

        plugin_release = cls(
            id=id,
            plugin=plugin,
            version=version,
            changelog=changelog,
            is_stable=is_stable,
            file=file,
            size=size,
            checksum=checksum,
            created=created,
        )

        plugin_release.additional_properties = d
        return plugin_release

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
