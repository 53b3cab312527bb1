from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, LazyModel, Unset, WireDateTime

if TYPE_CHECKING:
    from ..models.plugin import Plugin
    from ..models.plugin_release_config_type_0 import PluginReleaseConfigType0


T = TypeVar("T", bound="PluginRelease")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "plugin",
        "version",
        "changelog",
        "is_stable",
        "file",
        "size",
        "checksum",
        "created",
        "config",
        "requirements",
        "debug",
    )
)


@_attrs_define
class PluginRelease(LazyModel):
    """A versioned plugin package.

    Example:
        {'id': 456, 'plugin': 123, 'version': '2.0.0', 'changelog': '새로운 기능 및 버그 수정 추가', 'is_stable': True, 'file':
            '/media/plugin_releases/456/plugin_v2.zip', 'size': 2048, 'checksum':
            '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'created': '2025-01-15T09:30:00Z'}

    """

    id: int
    """ The release's id. """
    plugin: int | Plugin
    """ The plugin's id, or the whole plugin with `expand=plugin`. """
    version: str
    """ The release's version. """
    changelog: None | str
    """ Release notes, or null when not given. """
    is_stable: bool
    """ Whether this is a stable release. """
    file: str
    """ Where the package can be downloaded. """
    size: int
    """ The package's size in bytes. """
    checksum: str
    """ The package's SHA-256, hex-encoded. """
    created: datetime.datetime
    """ When the release was created. """
    config: None | PluginReleaseConfigType0 | Unset = UNSET
    """ The release's plugin configuration (its manifest). """
    requirements: list[str] | None | Unset = UNSET
    """ The Python requirements the release installs. """
    debug: bool | Unset = UNSET
    """ Whether this is a debug release. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Plugin = _models.Plugin
            PluginReleaseConfigType0 = _models.PluginReleaseConfigType0

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, PluginReleaseConfigType0):
            config = self.config.to_dict()
        else:
            config = self.config

        requirements: list[str] | None | Unset
        if isinstance(self.requirements, Unset):
            requirements = UNSET
        elif isinstance(self.requirements, list):
            requirements = self.requirements

        else:
            requirements = self.requirements

        debug = self.debug

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.id, Unset):
            id = self.id
            field_dict["id"] = id
        if not isinstance(self.plugin, Unset):
            plugin: dict[str, Any] | int
            if isinstance(self.plugin, Plugin):
                plugin = self.plugin.to_dict()
            else:
                plugin = self.plugin
            field_dict["plugin"] = plugin
        if not isinstance(self.version, Unset):
            version = self.version
            field_dict["version"] = version
        if not isinstance(self.changelog, Unset):
            changelog: None | str
            changelog = self.changelog
            field_dict["changelog"] = changelog
        if not isinstance(self.is_stable, Unset):
            is_stable = self.is_stable
            field_dict["is_stable"] = is_stable
        if not isinstance(self.file, Unset):
            file = self.file
            field_dict["file"] = file
        if not isinstance(self.size, Unset):
            size = self.size
            field_dict["size"] = size
        if not isinstance(self.checksum, Unset):
            checksum = self.checksum
            field_dict["checksum"] = checksum
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()
            field_dict["created"] = created
        if config is not UNSET:
            field_dict["config"] = config
        if requirements is not UNSET:
            field_dict["requirements"] = requirements
        if debug is not UNSET:
            field_dict["debug"] = debug

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        plugin_release = _object_new(cls)
        plugin_release._synapse_src = src_dict
        return plugin_release

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Plugin = _models.Plugin
            PluginReleaseConfigType0 = _models.PluginReleaseConfigType0

        id = d.get("id", UNSET)

        def _parse_plugin(data: object) -> int | Plugin:
            if isinstance(data, dict):
                try:
                    plugin_type_1 = Plugin.from_dict(data)

                    return plugin_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(int | Plugin, data)

        _plugin = d.get("plugin", UNSET)
        plugin: int | Plugin = UNSET if _plugin is None else _parse_plugin(_plugin)  # type: ignore[assignment]

        version = d.get("version", UNSET)

        def _parse_changelog(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        changelog = _parse_changelog(d.get("changelog", UNSET))

        is_stable = d.get("is_stable", UNSET)

        file = d.get("file", UNSET)

        size = d.get("size", UNSET)

        checksum = d.get("checksum", UNSET)

        _created = d.get("created", UNSET)
        created: datetime.datetime
        if isinstance(_created, Unset) or _created is None:
            created = UNSET  # type: ignore[assignment]
        else:
            created = WireDateTime.parse(_created)

        def _parse_config(data: object) -> None | PluginReleaseConfigType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    config_type_0 = PluginReleaseConfigType0.from_dict(data)

                    return config_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(None | PluginReleaseConfigType0 | Unset, data)

        config = _parse_config(d.get("config", UNSET))

        def _parse_requirements(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, list):
                try:
                    requirements_type_0 = cast(list[str], data)

                    return requirements_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(list[str] | None | Unset, data)

        requirements = _parse_requirements(d.get("requirements", UNSET))

        debug = d.get("debug", UNSET)

        self.id = id
        self.plugin = plugin
        self.version = version
        self.changelog = changelog
        self.is_stable = is_stable
        self.file = file
        self.size = size
        self.checksum = checksum
        self.created = created
        self.config = config
        self.requirements = requirements
        self.debug = debug

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
