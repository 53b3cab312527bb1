from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import (
    UNSET,
    File,
    Unset,
    read_now,
)

T = TypeVar("T", bound="PluginReleaseCreate")


@_attrs_define
class PluginReleaseCreate:
    """A new release; the package goes in `file`, every other key is a form field."""

    plugin: int
    """ The plugin's id. """
    version: str
    """ The release's version. """
    file: File
    """ The plugin package. """
    changelog: str | Unset = UNSET
    """ Release notes. """
    is_stable: bool | Unset = UNSET
    """ Whether this is a stable release. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        changelog = self.changelog

        is_stable = self.is_stable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.plugin, Unset):
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

        return field_dict

    def to_multipart(self) -> types.RequestFiles:

        files: types.RequestFiles = []

        files.append(("plugin", (None, str(self.plugin).encode(), "text/plain")))

        files.append(types.form_field("version", self.version))

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.changelog, Unset):
            files.append(types.form_field("changelog", self.changelog))

        if not isinstance(self.is_stable, Unset):
            files.append(("is_stable", (None, b"true" if self.is_stable else b"false", "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append(types.form_field(prop_name, prop))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        plugin = d.pop("plugin", UNSET)

        version = d.pop("version", UNSET)

        _file = d.pop("file", UNSET)
        file: File
        if _file is UNSET or _file is None:
            file = UNSET  # type: ignore[assignment]
        else:
            file = File(payload=BytesIO(_file))

        changelog = d.pop("changelog", UNSET)

        is_stable = d.pop("is_stable", UNSET)

        plugin_release_create = cls(
            plugin=plugin,
            version=version,
            file=file,
            changelog=changelog,
            is_stable=is_stable,
        )

        plugin_release_create.additional_properties = d
        # synapse: nested models are lazy; a request body checks them now, in its from_dict
        read_now(
            plugin_release_create.plugin,
            plugin_release_create.version,
            plugin_release_create.file,
            plugin_release_create.changelog,
            plugin_release_create.is_stable,
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
