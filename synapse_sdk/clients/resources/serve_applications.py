"""Serve applications: the Ray Serve applications jobs start (the production SDK's methods).

`list_serve_applications` keeps the production SDK's shapes (the page as the server sent it, or
with `list_all=True` an iterator over every application and their count); `iter_serve_applications`
is the walker every other list of this client has.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

from .. import _inputs
from .._base import AsyncAPIClient, SyncAPIClient
from .._operation import (
    Extra,
    Operation,
    Page,
    Params,
    as_is,
    body_model,
    filters,
    page_of,
    types_module,
    with_extra_params,
)

if TYPE_CHECKING:
    from ..types import (
        ListServeApplicationsParams,
        PaginatedServeApplicationList,
        ServeApplication,
        ServeApplicationCreate,
    )


def _job_filter(value: object, field: str) -> str:
    checked = _inputs.job_id(value, field)
    return str(checked)


def create_serve_application_operation(data: object, extra: Extra = None) -> Operation[ServeApplication]:
    from synapse_api.api.serve_applications import create_serve_application as op
    from synapse_api.models import ServeApplicationCreate as Model

    fields = dict(_inputs.mapping(data))
    if "job" in fields:  # an int or a UUID, checked here rather than refused by the server
        job = _inputs.job_id(fields["job"], "job")
        fields["job"] = str(job) if isinstance(job, uuid.UUID) else job
    body = body_model(Model, fields, types_module().ServeApplicationCreate, extra)
    return Operation(op.request_kwargs(body=body), as_is)


def serve_applications_page_operation(
    params: object, extra: Extra = None
) -> Operation[Page[ServeApplication]]:
    from synapse_api.api.serve_applications import list_serve_applications as op

    arguments, extra_query = filters(
        params, types_module().ListServeApplicationsParams, extra, checks={"job": _job_filter}
    )
    return Operation(with_extra_params(op.request_kwargs(**arguments), extra_query), page_of)


def serve_applications_raw_page_operation(
    params: object, extra: Extra = None
) -> Operation[PaginatedServeApplicationList]:
    """The same request, answered as the server's page (`count`, `next`, `previous`, `results`)."""
    page = serve_applications_page_operation(params, extra)
    return Operation(page.kwargs, _raw_page)


def _raw_page(body: Any) -> Any:
    page_of(body)  # a malformed page is refused as for every list
    return body


def _rest(params: object, first: Page[Any]) -> dict[str, Any] | None:
    """The filters of the walk after the first page; None when there is no other page."""
    if first.next is None or not first.items or len(first.items) >= first.total:
        return None
    query = _inputs.params(params)
    return {**query, "page": _inputs.positive_int(query.get("page", 1), "page") + 1}


class ServeApplicationsMixin(SyncAPIClient):
    """Serve applications started by jobs."""

    def create_serve_application(
        self, data: ServeApplicationCreate | Params, *, extra_body: Extra = None
    ) -> ServeApplication:
        """Record a serve application a job started.

        Args:
            data: `job` (the job's id, an int or a UUID; required), `status`, `data` (free-form).
            extra_body: fields the document does not list, sent as given.

        Raises:
            ValidationError: `job` is missing or not a job id, a key is unknown, or the server
                knows no such job.

        Example:
            ```python
            run = client.run_plugin(123, {'parameters': {}})
            app = client.create_serve_application({'job': run['job_id'], 'status': 'RUNNING', 'data': {'name': 'yolo-serve'}})
            print(app['id'], app['status'])
            ```
        """
        return self._call(create_serve_application_operation(data, extra_body))

    @overload
    def list_serve_applications(
        self,
        params: ListServeApplicationsParams | Params | None = None,
        *,
        list_all: Literal[False] = False,
        extra_query: Extra = None,
    ) -> PaginatedServeApplicationList: ...
    @overload
    def list_serve_applications(
        self,
        params: ListServeApplicationsParams | Params | None = None,
        *,
        list_all: Literal[True],
        extra_query: Extra = None,
    ) -> tuple[Iterator[ServeApplication], int]: ...
    def list_serve_applications(
        self,
        params: ListServeApplicationsParams | Params | None = None,
        *,
        list_all: bool = False,
        extra_query: Extra = None,
    ) -> PaginatedServeApplicationList | tuple[Iterator[ServeApplication], int]:
        """One page of serve applications as the server sends it, or with `list_all=True` an
        iterator over all of them and their number: the production SDK's shapes.

        Args:
            params: filters `job`, `status`, `ordering`, and `page`, `page_size`.
            list_all: return `(iterator, count)`: the iterator fetches the later pages lazily.
            extra_query: query parameters the document does not list, sent as given.

        Example:
            ```python
            page = client.list_serve_applications()
            print(page['count'], [app['status'] for app in page['results']])
            applications, count = client.list_serve_applications(list_all=True)
            print(count, sum(1 for _ in applications))
            ```
        """
        if not list_all:
            return self._call(serve_applications_raw_page_operation(params, extra_query))
        first = self._call(serve_applications_page_operation(params, extra_query))
        rest = _rest(params, first)
        later = self._walk(serve_applications_page_operation, rest, extra_query) if rest else iter(())
        return itertools.chain(first.items, later), first.total

    def iter_serve_applications(
        self, params: ListServeApplicationsParams | Params | None = None, *, extra_query: Extra = None
    ) -> Iterator[ServeApplication]:
        """Every serve application matching `params`, page after page, fetched lazily.

        The filters are those of `list_serve_applications`."""
        return self._walk(serve_applications_page_operation, params, extra_query)


class AsyncServeApplicationsMixin(AsyncAPIClient):
    """Serve applications started by jobs. Awaitable."""

    async def create_serve_application(
        self, data: ServeApplicationCreate | Params, *, extra_body: Extra = None
    ) -> ServeApplication:
        """Record a serve application a job started.

        The awaitable twin of `BackendClient.create_serve_application`: the same arguments, result and errors."""
        return await self._call(create_serve_application_operation(data, extra_body))

    @overload
    async def list_serve_applications(
        self,
        params: ListServeApplicationsParams | Params | None = None,
        *,
        list_all: Literal[False] = False,
        extra_query: Extra = None,
    ) -> PaginatedServeApplicationList: ...
    @overload
    async def list_serve_applications(
        self,
        params: ListServeApplicationsParams | Params | None = None,
        *,
        list_all: Literal[True],
        extra_query: Extra = None,
    ) -> tuple[AsyncIterator[ServeApplication], int]: ...
    async def list_serve_applications(
        self,
        params: ListServeApplicationsParams | Params | None = None,
        *,
        list_all: bool = False,
        extra_query: Extra = None,
    ) -> PaginatedServeApplicationList | tuple[AsyncIterator[ServeApplication], int]:
        """One page of serve applications as the server sends it, or with `list_all=True` an
        async iterator over all of them and their number.

        The awaitable twin of `BackendClient.list_serve_applications`: the same arguments, result and errors."""
        if not list_all:
            return await self._call(serve_applications_raw_page_operation(params, extra_query))
        first = await self._call(serve_applications_page_operation(params, extra_query))
        return self._chain(first.items, _rest(params, first), extra_query), first.total

    async def _chain(
        self, items: list[ServeApplication], rest: Mapping[str, Any] | None, extra: Extra
    ) -> AsyncIterator[ServeApplication]:
        for item in items:
            yield item
        if rest is not None:
            async for item in self._walk(serve_applications_page_operation, rest, extra):
                yield item

    def iter_serve_applications(
        self, params: ListServeApplicationsParams | Params | None = None, *, extra_query: Extra = None
    ) -> AsyncIterator[ServeApplication]:
        """Every serve application matching `params`, page after page, fetched lazily.

        The async twin of `BackendClient.iter_serve_applications`, used with `async for`: the same arguments and errors."""
        return self._walk(serve_applications_page_operation, params, extra_query)
