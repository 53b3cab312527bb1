"""The agents that run jobs: their health, and their list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _inputs
from .._base import AsyncAPIClient, SyncAPIClient
from .._operation import (
    Extra,
    Operation,
    Page,
    Params,
    as_is,
    filters,
    page_of,
    types_module,
    with_extra_params,
)

if TYPE_CHECKING:
    from ..types import (
        Agent,
        AgentHealth,
        ListAgentsParams,
    )


def health_check_agent_operation(token: object) -> Operation[AgentHealth]:
    from synapse_api.api.agents import health_check_agent as op

    checked = _inputs.agent_token(token)
    return Operation(op.request_kwargs(token=checked), as_is, secrets=(checked,))


def agents_page_operation(params: object, extra: Extra = None) -> Operation[Page[Agent]]:
    from synapse_api.api.agents import list_agents as op

    arguments, extra_query = filters(params, types_module().ListAgentsParams, extra)
    return Operation(with_extra_params(op.request_kwargs(**arguments), extra_query), page_of)


class AgentsMixin(SyncAPIClient):
    """The agents that run jobs: their health, and their list."""

    def health_check_agent(self, token: str) -> AgentHealth:
        """Check an agent's health and connection.

        Args:
            token: the agent's authentication token; it travels in the URL path
                (`agents/<token>/connect/`) and is redacted from logs and errors.

        Returns:
            The agent's status and connection information (`status`, `connected`, ...).

        Raises:
            NotFoundError: no agent has this token.
            ValidationError: the token is empty or not a plain string (nothing is sent).

        Example:
            ```python
            status = client.health_check_agent('agent-token-123')
            print(status['status'], status['connected'])
            ```
        """
        return self._call(health_check_agent_operation(token))

    def list_agents(
        self, params: ListAgentsParams | Params | None = None, *, extra_query: Extra = None
    ) -> list[Agent]:
        """Every agent, across all pages.

        Args:
            params: filters: `status` (for example `healthy`), `search` (in the name), and
                `page_size` (how many a request fetches).
            extra_query: query parameters the document does not list, sent as given.

        Returns:
            The agents (`id`, `name`, `status`, `url`, `last_seen`, ...).

        Example:
            ```python
            for agent in client.list_agents({'status': 'healthy'}):
                print(agent['name'], agent['last_seen'])
            ```
        """
        return list(self._walk(agents_page_operation, params, extra_query))


class AsyncAgentsMixin(AsyncAPIClient):
    """The agents that run jobs: their health, and their list. Awaitable."""

    async def health_check_agent(self, token: str) -> AgentHealth:
        """Check an agent's health and connection.

        The awaitable twin of `BackendClient.health_check_agent`: the same arguments, result and errors."""
        return await self._call(health_check_agent_operation(token))

    async def list_agents(
        self, params: ListAgentsParams | Params | None = None, *, extra_query: Extra = None
    ) -> list[Agent]:
        """Every agent, across all pages.

        The awaitable twin of `BackendClient.list_agents`: the same arguments, result and errors."""
        return [agent async for agent in self._walk(agents_page_operation, params, extra_query)]
