from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.serve_application import ServeApplication
from ...models.serve_application_create import ServeApplicationCreate
from ...models.validation_error_body import ValidationErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: ServeApplicationCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/serve_applications/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ServeApplication | ValidationErrorBody | None:
    if response.status_code == 201:
        response_201 = ServeApplication.from_dict(response.json())

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
) -> Response[ErrorDetail | ServeApplication | ValidationErrorBody]:
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
    body: ServeApplicationCreate,
) -> Response[ErrorDetail | ServeApplication | ValidationErrorBody]:
    """Record a serve application started by a job.

    Args:
        body (ServeApplicationCreate): A serve application started by a job; `job` is required.
            Example: {'job': '550e8400-e29b-41d4-a716-446655440000', 'status': 'RUNNING', 'data':
            {'name': 'yolov8-serve'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ServeApplication | ValidationErrorBody]
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
    body: ServeApplicationCreate,
) -> ErrorDetail | ServeApplication | ValidationErrorBody | None:
    """Record a serve application started by a job.

    Args:
        body (ServeApplicationCreate): A serve application started by a job; `job` is required.
            Example: {'job': '550e8400-e29b-41d4-a716-446655440000', 'status': 'RUNNING', 'data':
            {'name': 'yolov8-serve'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ServeApplication | ValidationErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ServeApplicationCreate,
) -> Response[ErrorDetail | ServeApplication | ValidationErrorBody]:
    """Record a serve application started by a job.

    Args:
        body (ServeApplicationCreate): A serve application started by a job; `job` is required.
            Example: {'job': '550e8400-e29b-41d4-a716-446655440000', 'status': 'RUNNING', 'data':
            {'name': 'yolov8-serve'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ServeApplication | ValidationErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ServeApplicationCreate,
) -> ErrorDetail | ServeApplication | ValidationErrorBody | None:
    """Record a serve application started by a job.

    Args:
        body (ServeApplicationCreate): A serve application started by a job; `job` is required.
            Example: {'job': '550e8400-e29b-41d4-a716-446655440000', 'status': 'RUNNING', 'data':
            {'name': 'yolov8-serve'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ServeApplication | ValidationErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
