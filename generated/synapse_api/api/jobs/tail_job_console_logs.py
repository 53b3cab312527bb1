from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.validation_error_body import ValidationErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pk: int | UUID,
    *,
    since: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    params["since"] = since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/{pk}/tail_console_logs/".format(
            pk=quote(str(pk), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ValidationErrorBody | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 400:
        response_400 = ValidationErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDetail.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorDetail.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ErrorDetail.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | ValidationErrorBody | str]:
    try:
        parsed = _parse_response(client=client, response=response)
    except ValueError:
        # synapse: proxies answer errors (502, 503, 504) with HTML; such a body is left unparsed.
        if 200 <= response.status_code < 300:
            raise
        parsed = None
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    pk: int | UUID,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[ErrorDetail | ValidationErrorBody | str]:
    """Follow a job's console log live, as server-sent events.

     A `text/event-stream` of the job's console log, each line sent as it is
    written, until the job ends. Two dialects answer here; a client tells them
    apart by the frames.

    What a production server sends (`x-dialect: production`):

    - data-only events (no `event:` or `id:` lines) whose `data` is JSON with a
      `type`: `connected` (with `job_id`) first, then `log` (the line in
      `data`, a string; it can itself be a nested event string
      `data: {"type": "log", "message": ...}` or a nested `complete`), then
      `complete` (with `message`) when the job ended, or `error` (with
      `message`, for example `Job not found`, sent after a 200 for an unknown
      job) and the stream closes;
    - `: heartbeat` comments while nothing is written;
    - no resume: `Last-Event-ID` and `since` are ignored and a new connection
      starts again from the first line;
    - 403 before the stream opens for a job outside the tenant, and 429 or 503
      with `Retry-After` under load.

    What this project's servers add (`x-dialect: extension`, optional: a client
    must not rely on them):

    - first `retry: 1000`, once;
    - each entry as an event `log` whose `id` is the entry's position (from 1)
      and whose `data` is the entry as JSON (`ConsoleLogEntry`);
    - a comment (`: keepalive`) every few seconds while nothing is written;
    - once the job has a terminal status (`completed`, `failed`, `SUCCEEDED`,
      `FAILED`, `STOPPED`) and every entry was sent, an event `end` whose `data`
      is `{"status": "<status>"}`; then the server closes the stream;
    - resume: a client that lost the stream reconnects with `Last-Event-ID`
      (or `since`) set to the last `id` it received, and gets only the entries
      after it; 404 before any stream for an unknown job.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        since (int | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ValidationErrorBody | str]
    """

    kwargs = _get_kwargs(
        pk=pk,
        since=since,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pk: int | UUID,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> ErrorDetail | ValidationErrorBody | str | None:
    """Follow a job's console log live, as server-sent events.

     A `text/event-stream` of the job's console log, each line sent as it is
    written, until the job ends. Two dialects answer here; a client tells them
    apart by the frames.

    What a production server sends (`x-dialect: production`):

    - data-only events (no `event:` or `id:` lines) whose `data` is JSON with a
      `type`: `connected` (with `job_id`) first, then `log` (the line in
      `data`, a string; it can itself be a nested event string
      `data: {"type": "log", "message": ...}` or a nested `complete`), then
      `complete` (with `message`) when the job ended, or `error` (with
      `message`, for example `Job not found`, sent after a 200 for an unknown
      job) and the stream closes;
    - `: heartbeat` comments while nothing is written;
    - no resume: `Last-Event-ID` and `since` are ignored and a new connection
      starts again from the first line;
    - 403 before the stream opens for a job outside the tenant, and 429 or 503
      with `Retry-After` under load.

    What this project's servers add (`x-dialect: extension`, optional: a client
    must not rely on them):

    - first `retry: 1000`, once;
    - each entry as an event `log` whose `id` is the entry's position (from 1)
      and whose `data` is the entry as JSON (`ConsoleLogEntry`);
    - a comment (`: keepalive`) every few seconds while nothing is written;
    - once the job has a terminal status (`completed`, `failed`, `SUCCEEDED`,
      `FAILED`, `STOPPED`) and every entry was sent, an event `end` whose `data`
      is `{"status": "<status>"}`; then the server closes the stream;
    - resume: a client that lost the stream reconnects with `Last-Event-ID`
      (or `since`) set to the last `id` it received, and gets only the entries
      after it; 404 before any stream for an unknown job.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        since (int | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ValidationErrorBody | str
    """

    return sync_detailed(
        pk=pk,
        client=client,
        since=since,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    pk: int | UUID,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[ErrorDetail | ValidationErrorBody | str]:
    """Follow a job's console log live, as server-sent events.

     A `text/event-stream` of the job's console log, each line sent as it is
    written, until the job ends. Two dialects answer here; a client tells them
    apart by the frames.

    What a production server sends (`x-dialect: production`):

    - data-only events (no `event:` or `id:` lines) whose `data` is JSON with a
      `type`: `connected` (with `job_id`) first, then `log` (the line in
      `data`, a string; it can itself be a nested event string
      `data: {"type": "log", "message": ...}` or a nested `complete`), then
      `complete` (with `message`) when the job ended, or `error` (with
      `message`, for example `Job not found`, sent after a 200 for an unknown
      job) and the stream closes;
    - `: heartbeat` comments while nothing is written;
    - no resume: `Last-Event-ID` and `since` are ignored and a new connection
      starts again from the first line;
    - 403 before the stream opens for a job outside the tenant, and 429 or 503
      with `Retry-After` under load.

    What this project's servers add (`x-dialect: extension`, optional: a client
    must not rely on them):

    - first `retry: 1000`, once;
    - each entry as an event `log` whose `id` is the entry's position (from 1)
      and whose `data` is the entry as JSON (`ConsoleLogEntry`);
    - a comment (`: keepalive`) every few seconds while nothing is written;
    - once the job has a terminal status (`completed`, `failed`, `SUCCEEDED`,
      `FAILED`, `STOPPED`) and every entry was sent, an event `end` whose `data`
      is `{"status": "<status>"}`; then the server closes the stream;
    - resume: a client that lost the stream reconnects with `Last-Event-ID`
      (or `since`) set to the last `id` it received, and gets only the entries
      after it; 404 before any stream for an unknown job.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        since (int | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ValidationErrorBody | str]
    """

    kwargs = _get_kwargs(
        pk=pk,
        since=since,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pk: int | UUID,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> ErrorDetail | ValidationErrorBody | str | None:
    """Follow a job's console log live, as server-sent events.

     A `text/event-stream` of the job's console log, each line sent as it is
    written, until the job ends. Two dialects answer here; a client tells them
    apart by the frames.

    What a production server sends (`x-dialect: production`):

    - data-only events (no `event:` or `id:` lines) whose `data` is JSON with a
      `type`: `connected` (with `job_id`) first, then `log` (the line in
      `data`, a string; it can itself be a nested event string
      `data: {"type": "log", "message": ...}` or a nested `complete`), then
      `complete` (with `message`) when the job ended, or `error` (with
      `message`, for example `Job not found`, sent after a 200 for an unknown
      job) and the stream closes;
    - `: heartbeat` comments while nothing is written;
    - no resume: `Last-Event-ID` and `since` are ignored and a new connection
      starts again from the first line;
    - 403 before the stream opens for a job outside the tenant, and 429 or 503
      with `Retry-After` under load.

    What this project's servers add (`x-dialect: extension`, optional: a client
    must not rely on them):

    - first `retry: 1000`, once;
    - each entry as an event `log` whose `id` is the entry's position (from 1)
      and whose `data` is the entry as JSON (`ConsoleLogEntry`);
    - a comment (`: keepalive`) every few seconds while nothing is written;
    - once the job has a terminal status (`completed`, `failed`, `SUCCEEDED`,
      `FAILED`, `STOPPED`) and every entry was sent, an event `end` whose `data`
      is `{"status": "<status>"}`; then the server closes the stream;
    - resume: a client that lost the stream reconnects with `Last-Event-ID`
      (or `since`) set to the last `id` it received, and gets only the entries
      after it; 404 before any stream for an unknown job.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        since (int | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ValidationErrorBody | str
    """

    return (
        await asyncio_detailed(
            pk=pk,
            client=client,
            since=since,
            last_event_id=last_event_id,
        )
    ).parsed
