from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.log_entry import LogEntry
from ...models.log_entry_create import LogEntryCreate
from ...models.validation_error_body import ValidationErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: list[LogEntryCreate] | LogEntryCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/logs/",
    }

    if isinstance(body, LogEntryCreate):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = []
        for componentsschemas_logs_create_type_1_item_data in body:
            componentsschemas_logs_create_type_1_item = componentsschemas_logs_create_type_1_item_data.to_dict()
            _kwargs["json"].append(componentsschemas_logs_create_type_1_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry | None:
    if response.status_code == 201:

        def _parse_response_201(data: object) -> list[LogEntry] | LogEntry:
            if isinstance(data, dict):
                try:
                    componentsschemas_logs_created_type_0 = LogEntry.from_dict(data)

                    return componentsschemas_logs_created_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, list):
                raise TypeError()
            componentsschemas_logs_created_type_1 = []
            _componentsschemas_logs_created_type_1 = data
            for componentsschemas_logs_created_type_1_item_data in _componentsschemas_logs_created_type_1:
                componentsschemas_logs_created_type_1_item = LogEntry.from_dict(
                    componentsschemas_logs_created_type_1_item_data
                )

                componentsschemas_logs_created_type_1.append(componentsschemas_logs_created_type_1_item)

            return componentsschemas_logs_created_type_1

        response_201 = _parse_response_201(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ValidationErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDetail.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = ErrorDetail.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorDetail.from_dict(response.json())

        return response_415

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
) -> Response[ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry]:
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
    *,
    client: AuthenticatedClient,
    body: list[LogEntryCreate] | LogEntryCreate,
) -> Response[ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry]:
    """Write log entries, one or a list.

     The production SDK's `create_logs`: one entry, or a list of them sent at once. A file travels inline
    as a base64 data URI.

    Args:
        body (list[LogEntryCreate] | LogEntryCreate): One log entry, or a list of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: list[LogEntryCreate] | LogEntryCreate,
) -> ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry | None:
    """Write log entries, one or a list.

     The production SDK's `create_logs`: one entry, or a list of them sent at once. A file travels inline
    as a base64 data URI.

    Args:
        body (list[LogEntryCreate] | LogEntryCreate): One log entry, or a list of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: list[LogEntryCreate] | LogEntryCreate,
) -> Response[ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry]:
    """Write log entries, one or a list.

     The production SDK's `create_logs`: one entry, or a list of them sent at once. A file travels inline
    as a base64 data URI.

    Args:
        body (list[LogEntryCreate] | LogEntryCreate): One log entry, or a list of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: list[LogEntryCreate] | LogEntryCreate,
) -> ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry | None:
    """Write log entries, one or a list.

     The production SDK's `create_logs`: one entry, or a list of them sent at once. A file travels inline
    as a base64 data URI.

    Args:
        body (list[LogEntryCreate] | LogEntryCreate): One log entry, or a list of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ValidationErrorBody | list[LogEntry] | LogEntry
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
