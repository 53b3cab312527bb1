from __future__ import annotations

import json
from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from .. import types
from ..types import UNSET, File, Unset, read_now

if TYPE_CHECKING:
    from ..models.plugin_release_create_config import PluginReleaseCreateConfig


T = TypeVar("T", bound="PluginReleaseCreate")


@_attrs_define
class PluginReleaseCreate:
    """A new release; the package goes in `file`, every other key is a form field."""

    plugin: int | str
    """ A plugin, by its id or (production dialect) by its code. """
    version: str
    """ The release's version. """
    file: File
    """ The plugin package. """
    changelog: str | Unset = UNSET
    """ Release notes. """
    is_stable: bool | Unset = UNSET
    """ Whether this is a stable release. """
    config: PluginReleaseCreateConfig | Unset = UNSET
    """ The release's plugin configuration (its manifest), sent as a JSON form field. """
    requirements: list[str] | Unset = UNSET
    """ The Python requirements the release installs, sent as a JSON form field. """
    debug: bool | Unset = UNSET
    """ Whether this is a debug release. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            PluginReleaseCreateConfig = _models.PluginReleaseCreateConfig

        changelog = self.changelog

        is_stable = self.is_stable

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        requirements: list[str] | Unset = UNSET
        if not isinstance(self.requirements, Unset):
            requirements = self.requirements

        debug = self.debug

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.plugin, Unset):
            plugin: int | str
            plugin = self.plugin
            field_dict["plugin"] = plugin
        if not isinstance(self.version, Unset):
            version = self.version
            field_dict["version"] = version
        if not isinstance(self.file, Unset):
            file = self.file.to_tuple()

            field_dict["file"] = file
        if changelog is not UNSET:
            field_dict["changelog"] = changelog
        if is_stable is not UNSET:
            field_dict["is_stable"] = is_stable
        if config is not UNSET:
            field_dict["config"] = config
        if requirements is not UNSET:
            field_dict["requirements"] = requirements
        if debug is not UNSET:
            field_dict["debug"] = debug

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            PluginReleaseCreateConfig = _models.PluginReleaseCreateConfig

        files: types.RequestFiles = []

        if isinstance(self.plugin, int):
            files.append(("plugin", (None, str(self.plugin).encode(), "text/plain")))
        else:
            files.append(types.form_field("plugin", self.plugin))

        files.append(types.form_field("version", self.version))

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.changelog, Unset):
            files.append(types.form_field("changelog", self.changelog))

        if not isinstance(self.is_stable, Unset):
            files.append(("is_stable", (None, b"true" if self.is_stable else b"false", "text/plain")))

        if not isinstance(self.config, Unset):
            files.append(("config", (None, json.dumps(self.config.to_dict()).encode(), "application/json")))

        if not isinstance(self.requirements, Unset):
            _requirements_json = self.requirements

            files.append(("requirements", (None, json.dumps(_requirements_json).encode(), "application/json")))

        if not isinstance(self.debug, Unset):
            files.append(("debug", (None, b"true" if self.debug else b"false", "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append(types.form_field(prop_name, prop))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            PluginReleaseCreateConfig = _models.PluginReleaseCreateConfig

        d = dict(src_dict)

        def _parse_plugin(data: object) -> int | str:
            return cast(int | str, data)

        _plugin = d.pop("plugin", UNSET)
        plugin: int | str = UNSET if _plugin is None else _parse_plugin(_plugin)  # type: ignore[assignment]

        version = d.pop("version", UNSET)

        _file = d.pop("file", UNSET)
        file: File
        if isinstance(_file, Unset) or _file is None:
            file = UNSET  # type: ignore[assignment]
        else:
            file = File(payload=BytesIO(_file))

        changelog = d.pop("changelog", UNSET)

        is_stable = d.pop("is_stable", UNSET)

        _config = d.pop("config", UNSET)
        config: PluginReleaseCreateConfig | Unset
        if isinstance(_config, Unset) or _config is None:
            config = UNSET
        else:
            config = PluginReleaseCreateConfig.from_dict(_config)

        requirements = cast(list[str], d.pop("requirements", UNSET))

        debug = d.pop("debug", UNSET)

        plugin_release_create = cls(
            plugin=plugin,
            version=version,
            file=file,
            changelog=changelog,
            is_stable=is_stable,
            config=config,
            requirements=requirements,
            debug=debug,
        )

        plugin_release_create.additional_properties = d
        # synapse: nested models are lazy; a request body checks them now, in its from_dict
        read_now(
            plugin_release_create.plugin,
            plugin_release_create.version,
            plugin_release_create.file,
            plugin_release_create.changelog,
            plugin_release_create.is_stable,
            plugin_release_create.config,
            plugin_release_create.requirements,
            plugin_release_create.debug,
        )
        return plugin_release_create

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
