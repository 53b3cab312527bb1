from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, LazyModel, Unset, WireDateTime

if TYPE_CHECKING:
    from ..models.configuration import Configuration


T = TypeVar("T", bound="Plugin")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "description",
        "version",
        "author",
        "category",
        "configuration",
        "created",
        "modified",
        "code",
    )
)


@_attrs_define
class Plugin(LazyModel):
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
    code: None | str | Unset = UNSET
    """ The plugin's code (a slug such as `yolov8`), which production calls take in place of the id; null when not
    given. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

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
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        plugin = _object_new(cls)
        plugin._synapse_src = src_dict
        return plugin

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            Configuration = _models.Configuration

        id = d.get("id", UNSET)

        name = d.get("name", UNSET)

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.get("description", UNSET))

        def _parse_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        version = _parse_version(d.get("version", UNSET))

        def _parse_author(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        author = _parse_author(d.get("author", UNSET))

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.get("category", UNSET))

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

        _modified = d.get("modified", UNSET)
        modified: datetime.datetime
        if isinstance(_modified, Unset) or _modified is None:
            modified = UNSET  # type: ignore[assignment]
        else:
            modified = WireDateTime.parse(_modified)

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.get("code", UNSET))

        self.id = id
        self.name = name
        self.description = description
        self.version = version
        self.author = author
        self.category = category
        self.configuration = configuration
        self.created = created
        self.modified = modified
        self.code = code

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
