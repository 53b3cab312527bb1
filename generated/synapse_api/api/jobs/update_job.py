from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.job import Job
from ...models.job_update import JobUpdate
from ...models.validation_error_body import ValidationErrorBody
from ...types import Response


def _get_kwargs(
    pk: int | UUID,
    *,
    body: JobUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/jobs/{pk}/".format(
            pk=quote(str(pk), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | Job | ValidationErrorBody | None:
    if response.status_code == 200:
        response_200 = Job.from_dict(response.json())

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
) -> Response[ErrorDetail | Job | ValidationErrorBody]:
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
    body: JobUpdate,
) -> Response[ErrorDetail | Job | ValidationErrorBody]:
    """Update a job's status, progress, result or metadata.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        body (JobUpdate): Changes to a job; fields left out keep their value. The page's
            `progress` and `metadata`, or the production SDK's `progress_record`, `metrics_record`,
            `console_logs` and `meta` (with an uppercase `status`). Example: {'progress': 75,
            'status': 'running', 'metadata': {'current_step': 'processing_images'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | Job | ValidationErrorBody]
    """

    kwargs = _get_kwargs(
        pk=pk,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pk: int | UUID,
    *,
    client: AuthenticatedClient,
    body: JobUpdate,
) -> ErrorDetail | Job | ValidationErrorBody | None:
    """Update a job's status, progress, result or metadata.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        body (JobUpdate): Changes to a job; fields left out keep their value. The page's
            `progress` and `metadata`, or the production SDK's `progress_record`, `metrics_record`,
            `console_logs` and `meta` (with an uppercase `status`). Example: {'progress': 75,
            'status': 'running', 'metadata': {'current_step': 'processing_images'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | Job | ValidationErrorBody
    """

    return sync_detailed(
        pk=pk,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    pk: int | UUID,
    *,
    client: AuthenticatedClient,
    body: JobUpdate,
) -> Response[ErrorDetail | Job | ValidationErrorBody]:
    """Update a job's status, progress, result or metadata.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        body (JobUpdate): Changes to a job; fields left out keep their value. The page's
            `progress` and `metadata`, or the production SDK's `progress_record`, `metrics_record`,
            `console_logs` and `meta` (with an uppercase `status`). Example: {'progress': 75,
            'status': 'running', 'metadata': {'current_step': 'processing_images'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | Job | ValidationErrorBody]
    """

    kwargs = _get_kwargs(
        pk=pk,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pk: int | UUID,
    *,
    client: AuthenticatedClient,
    body: JobUpdate,
) -> ErrorDetail | Job | ValidationErrorBody | None:
    """Update a job's status, progress, result or metadata.

    Args:
        pk (int | UUID): A job's id, an integer or (newer backends) a UUID string.
        body (JobUpdate): Changes to a job; fields left out keep their value. The page's
            `progress` and `metadata`, or the production SDK's `progress_record`, `metrics_record`,
            `console_logs` and `meta` (with an uppercase `status`). Example: {'progress': 75,
            'status': 'running', 'metadata': {'current_step': 'processing_images'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | Job | ValidationErrorBody
    """

    return (
        await asyncio_detailed(
            pk=pk,
            client=client,
            body=body,
        )
    ).parsed
