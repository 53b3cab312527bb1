from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, LazyModel, Unset, WireDateTime

T = TypeVar("T", bound="AgentHealth")

_object_new = object.__new__
# The keys this model reads into fields; any other key goes to `additional_properties`.
_FIELDS: frozenset[str] = frozenset(
    (
        "status",
        "connected",
        "agent",
        "name",
        "last_seen",
    )
)


@_attrs_define
class AgentHealth(LazyModel):
    """An agent's status and connection information.

    Example:
        {'status': 'healthy', 'connected': True, 'agent': 1, 'name': 'gpu-agent-01', 'last_seen':
            '2025-01-15T09:30:00Z'}

    """

    status: str
    """ The agent's state, for example `healthy`. """
    connected: bool
    """ Whether the agent holds a live connection to the backend. """
    agent: int | None
    """ The agent's id, or null when the token names no registered agent. """
    name: None | str
    """ The agent's name. """
    last_seen: datetime.datetime | None
    """ When the agent was last heard from, or null if never. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if not isinstance(self.status, Unset):
            status = self.status
            field_dict["status"] = status
        if not isinstance(self.connected, Unset):
            connected = self.connected
            field_dict["connected"] = connected
        if not isinstance(self.agent, Unset):
            agent: int | None
            agent = self.agent
            field_dict["agent"] = agent
        if not isinstance(self.name, Unset):
            name: None | str
            name = self.name
            field_dict["name"] = name
        if not isinstance(self.last_seen, Unset):
            last_seen: None | str
            if isinstance(self.last_seen, datetime.datetime):
                last_seen = self.last_seen.isoformat()
            else:
                last_seen = self.last_seen
            field_dict["last_seen"] = last_seen

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """The model of `src_dict`, read when one of its fields is first read: a value that does
        not fit the document raises ValueError then. The mapping is never modified; it is kept
        until that first read, so change it only after reading the model (or pass a copy)."""
        agent_health = _object_new(cls)
        agent_health._synapse_src = src_dict
        return agent_health

    def _synapse_fill(self, d: Mapping[str, Any]) -> None:

        status = d.get("status", UNSET)

        connected = d.get("connected", UNSET)

        agent = d.get("agent", UNSET)

        name = d.get("name", UNSET)

        _last_seen = d.get("last_seen", UNSET)
        last_seen: datetime.datetime | None
        if _last_seen is None:
            last_seen = None
        elif isinstance(_last_seen, str):
            try:
                last_seen_type_0 = WireDateTime.parse(_last_seen)

                last_seen = last_seen_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                last_seen = cast(Any, _last_seen)  # as sent, as the parse function returned it
        else:
            last_seen = _last_seen

        self.status = status
        self.connected = connected
        self.agent = agent
        self.name = name
        self.last_seen = last_seen

        # synapse: the set difference (in C) finds that most replies have no unknown keys
        extra = d.keys() - _FIELDS
        self.additional_properties = {key: value for key, value in d.items() if key in extra} if extra else {}
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
