from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import models as _models
from ..types import UNSET, Unset, read_now

if TYPE_CHECKING:
    from ..models.plugin_run_request_context import PluginRunRequestContext
    from ..models.plugin_run_request_parameters import PluginRunRequestParameters
    from ..models.plugin_run_request_params import PluginRunRequestParams


T = TypeVar("T", bound="PluginRunRequest")


@_attrs_define
class PluginRunRequest:
    """How to run a plugin: the page's `parameters` and `context`, or the production SDK's `agent`, `action`, `params`,
    `storage_id`, `job_id`, `debug`, `version`, `language`.

        Example:
            {'parameters': {'threshold': 0.8, 'max_items': 150, 'input_path': '/data/input/', 'output_path':
                '/data/output/'}, 'context': {'project_id': 123, 'user_id': 456, 'execution_mode': 'batch'}}

    """

    parameters: PluginRunRequestParameters | Unset = UNSET
    """ Plugin-specific parameters. """
    context: PluginRunRequestContext | Unset = UNSET
    """ Execution context, for example `project_id` and `execution_mode`. """
    agent: int | Unset = UNSET
    """ The agent that runs the plugin. """
    action: str | Unset = UNSET
    """ The plugin action to run, for example `deployment`. """
    params: PluginRunRequestParams | Unset = UNSET
    """ The action's parameters. """
    storage_id: int | Unset = UNSET
    """ The storage the run reads and writes. """
    job_id: int | Unset | UUID = UNSET
    """ A job's id, an integer or (newer backends) a UUID string. """
    debug: bool | Unset = UNSET
    """ Run in debug mode. """
    version: str | Unset = UNSET
    """ The plugin release's version to run; the latest when left out. """
    language: str | Unset = UNSET
    """ Language of the run's log messages, for example `ko` (the production SDK's default) or `en`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            PluginRunRequestContext = _models.PluginRunRequestContext
            PluginRunRequestParameters = _models.PluginRunRequestParameters
            PluginRunRequestParams = _models.PluginRunRequestParams

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        agent = self.agent

        action = self.action

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        storage_id = self.storage_id

        job_id: int | str | Unset
        if isinstance(self.job_id, Unset):
            job_id = UNSET
        elif isinstance(self.job_id, UUID):
            job_id = str(self.job_id)
        else:
            job_id = self.job_id

        debug = self.debug

        version = self.version

        language = self.language

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if context is not UNSET:
            field_dict["context"] = context
        if agent is not UNSET:
            field_dict["agent"] = agent
        if action is not UNSET:
            field_dict["action"] = action
        if params is not UNSET:
            field_dict["params"] = params
        if storage_id is not UNSET:
            field_dict["storage_id"] = storage_id
        if job_id is not UNSET:
            field_dict["job_id"] = job_id
        if debug is not UNSET:
            field_dict["debug"] = debug
        if version is not UNSET:
            field_dict["version"] = version
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not TYPE_CHECKING:  # type checkers read the imports at the top of the module
            PluginRunRequestContext = _models.PluginRunRequestContext
            PluginRunRequestParameters = _models.PluginRunRequestParameters
            PluginRunRequestParams = _models.PluginRunRequestParams

        d = dict(src_dict)
        _parameters = d.pop("parameters", UNSET)
        parameters: PluginRunRequestParameters | Unset
        if isinstance(_parameters, Unset) or _parameters is None:
            parameters = UNSET
        else:
            parameters = PluginRunRequestParameters.from_dict(_parameters)

        _context = d.pop("context", UNSET)
        context: PluginRunRequestContext | Unset
        if isinstance(_context, Unset) or _context is None:
            context = UNSET
        else:
            context = PluginRunRequestContext.from_dict(_context)

        agent = d.pop("agent", UNSET)

        action = d.pop("action", UNSET)

        _params = d.pop("params", UNSET)
        params: PluginRunRequestParams | Unset
        if isinstance(_params, Unset) or _params is None:
            params = UNSET
        else:
            params = PluginRunRequestParams.from_dict(_params)

        storage_id = d.pop("storage_id", UNSET)

        def _parse_job_id(data: object) -> int | Unset | UUID:
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                try:
                    componentsschemas_job_id_type_1 = UUID(data)

                    return componentsschemas_job_id_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(int | Unset | UUID, data)

        _job_id = d.pop("job_id", UNSET)
        job_id: int | Unset | UUID = UNSET if _job_id is None else _parse_job_id(_job_id)

        debug = d.pop("debug", UNSET)

        version = d.pop("version", UNSET)

        language = d.pop("language", UNSET)

        plugin_run_request = cls(
            parameters=parameters,
            context=context,
            agent=agent,
            action=action,
            params=params,
            storage_id=storage_id,
            job_id=job_id,
            debug=debug,
            version=version,
            language=language,
        )

        plugin_run_request.additional_properties = d
        # synapse: nested models are lazy; a request body checks them now, in its from_dict
        read_now(
            plugin_run_request.parameters,
            plugin_run_request.context,
            plugin_run_request.agent,
            plugin_run_request.action,
            plugin_run_request.params,
            plugin_run_request.storage_id,
            plugin_run_request.job_id,
            plugin_run_request.debug,
            plugin_run_request.version,
            plugin_run_request.language,
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
