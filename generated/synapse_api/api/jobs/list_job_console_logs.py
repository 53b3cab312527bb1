from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.console_log_entry import ConsoleLogEntry
from ...models.error_detail import ErrorDetail
from ...models.validation_error_body import ValidationErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pk: int | UUID,
    *,
    since: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["since"] = since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/{pk}/console_logs/".format(
            pk=quote(str(pk), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:

            def _parse_response_200_item(data: object) -> ConsoleLogEntry | str:
                if isinstance(data, dict):
                    try:
                        componentsschemas_console_log_item_type_0 = ConsoleLogEntry.from_dict(data)

                        return componentsschemas_console_log_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                return cast(ConsoleLogEntry | str, data)

            response_200_item = _parse_response_200_item(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str]]:
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
) -> Response[ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str]]:
    """List a job's console log entries, oldest first.

     With `since`, only the entries after that position: a client that cannot stream
    (`tail_console_logs/`) polls with the position of the last entry it has, and reads each entry once.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        since (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str]]
    """

    kwargs = _get_kwargs(
        pk=pk,
        since=since,
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
) -> ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str] | None:
    """List a job's console log entries, oldest first.

     With `since`, only the entries after that position: a client that cannot stream
    (`tail_console_logs/`) polls with the position of the last entry it has, and reads each entry once.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        since (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str]
    """

    return sync_detailed(
        pk=pk,
        client=client,
        since=since,
    ).parsed


async def asyncio_detailed(
    pk: int | UUID,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
) -> Response[ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str]]:
    """List a job's console log entries, oldest first.

     With `since`, only the entries after that position: a client that cannot stream
    (`tail_console_logs/`) polls with the position of the last entry it has, and reads each entry once.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        since (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str]]
    """

    kwargs = _get_kwargs(
        pk=pk,
        since=since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pk: int | UUID,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
) -> ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str] | None:
    """List a job's console log entries, oldest first.

     With `since`, only the entries after that position: a client that cannot stream
    (`tail_console_logs/`) polls with the position of the last entry it has, and reads each entry once.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        since (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ValidationErrorBody | list[ConsoleLogEntry | str]
    """

    return (
        await asyncio_detailed(
            pk=pk,
            client=client,
            since=since,
        )
    ).parsed
