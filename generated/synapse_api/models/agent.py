from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, LazyModel, Unset, WireDateTime

T = TypeVar("T", bound="Agent")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "status",
        "url",
        "last_seen",
        "created",
        "modified",
        "token",
        "node_install_script",
    )
)


@_attrs_define
class Agent(LazyModel):
    """An agent that runs jobs for the backend.

    Example:
        {'id': 1, 'name': 'gpu-agent-01', 'status': 'healthy', 'url': 'http://10.0.0.5:8001/', 'last_seen':
            '2025-01-15T09:30:00Z', 'created': '2025-01-01T00:00:00Z', 'modified': '2025-01-15T09:30:00Z'}

    """

    id: int
    """ The agent's id. """
    name: str
    """ The agent's name. """
    status: str
    """ The agent's state, for example `healthy`, `unhealthy` or `offline`. """
    url: None | str
    """ Where the agent can be reached, where it says. """
    last_seen: datetime.datetime | None
    """ When the agent was last heard from, or null if never. """
    created: datetime.datetime
    """ When the agent was registered. """
    modified: datetime.datetime
    """ When the agent was last changed. """
    token: None | str | Unset = UNSET
    """ The agent's token, where the server shows it (the production SDK reads it from `node_install_script` when it
    is missing). """
    node_install_script: None | str | Unset = UNSET
    """ The command that installs the agent on a node. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        token: None | str | Unset
        if isinstance(self.token, Unset):
            token = UNSET
        else:
            token = self.token

        node_install_script: None | str | Unset
        if isinstance(self.node_install_script, Unset):
            node_install_script = UNSET
        else:
            node_install_script = self.node_install_script

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.id, Unset):
            id = self.id
            field_dict["id"] = id
        if not isinstance(self.name, Unset):
            name = self.name
            field_dict["name"] = name
        if not isinstance(self.status, Unset):
            status = self.status
            field_dict["status"] = status
        if not isinstance(self.url, Unset):
            url: None | str
            url = self.url
            field_dict["url"] = url
        if not isinstance(self.last_seen, Unset):
            last_seen: None | str
            if isinstance(self.last_seen, datetime.datetime):
                last_seen = self.last_seen.isoformat()
            else:
                last_seen = self.last_seen
            field_dict["last_seen"] = last_seen
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()
            field_dict["created"] = created
        if not isinstance(self.modified, Unset):
            modified = self.modified.isoformat()
            field_dict["modified"] = modified
        if token is not UNSET:
            field_dict["token"] = token
        if node_install_script is not UNSET:
            field_dict["node_install_script"] = node_install_script

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        agent = _object_new(cls)
        agent._synapse_src = src_dict
        return agent

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:

        id = d.get("id", UNSET)

        name = d.get("name", UNSET)

        status = d.get("status", UNSET)

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.get("url", UNSET))

        def _parse_last_seen(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            if isinstance(data, str):
                try:
                    last_seen_type_0 = WireDateTime.parse(data)

                    return last_seen_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(datetime.datetime | None, data)

        last_seen = _parse_last_seen(d.get("last_seen", UNSET))

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

        def _parse_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        token = _parse_token(d.get("token", UNSET))

        def _parse_node_install_script(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        node_install_script = _parse_node_install_script(d.get("node_install_script", UNSET))

        self.id = id
        self.name = name
        self.status = status
        self.url = url
        self.last_seen = last_seen
        self.created = created
        self.modified = modified
        self.token = token
        self.node_install_script = node_install_script

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
