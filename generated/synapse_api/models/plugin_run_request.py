from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, Unset, read_now

if TYPE_CHECKING:
    from ..models.plugin_run_request_context import PluginRunRequestContext
    from ..models.plugin_run_request_parameters import PluginRunRequestParameters


T = TypeVar("T", bound="PluginRunRequest")


@_attrs_define
class PluginRunRequest:
    """How to run a plugin.

    Example:
        {'parameters': {'threshold': 0.8, 'max_items': 150, 'input_path': '/data/input/', 'output_path':
            '/data/output/'}, 'context': {'project_id': 123, 'user_id': 456, 'execution_mode': 'batch'}}

    """

    parameters: PluginRunRequestParameters | Unset = UNSET
    """ Plugin-specific parameters. """
    context: PluginRunRequestContext | Unset = UNSET
    """ Execution context, for example `project_id` and `execution_mode`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            PluginRunRequestContext = _models.PluginRunRequestContext
            PluginRunRequestParameters = _models.PluginRunRequestParameters

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            PluginRunRequestContext = _models.PluginRunRequestContext
            PluginRunRequestParameters = _models.PluginRunRequestParameters

        d = dict(src_dict)
        _parameters = d.pop("parameters", UNSET)
        parameters: PluginRunRequestParameters | Unset
        if _parameters is UNSET or _parameters is None:
            parameters = UNSET
        else:
            parameters = PluginRunRequestParameters.from_dict(_parameters)

        _context = d.pop("context", UNSET)
        context: PluginRunRequestContext | Unset
        if _context is UNSET or _context is None:
            context = UNSET
        else:
            context = PluginRunRequestContext.from_dict(_context)

        plugin_run_request = cls(
            parameters=parameters,
            context=context,
        )

        plugin_run_request.additional_properties = d
        # synapse: nested models are lazy; a request body checks them now, in its from_dict
        read_now(
            plugin_run_request.parameters,
            plugin_run_request.context,
        )
        return plugin_run_request

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
