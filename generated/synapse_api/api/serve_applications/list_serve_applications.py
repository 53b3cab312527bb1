from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.paginated_serve_application_list import PaginatedServeApplicationList
from ...models.validation_error_body import ValidationErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    job: int | Unset | UUID = UNSET,
    status: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_job: int | str | Unset
    if isinstance(job, Unset):
        json_job = UNSET
    elif isinstance(job, UUID):
        json_job = str(job)
    else:
        json_job = job
    params["job"] = json_job

    params["status"] = status

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/serve_applications/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody | None:
    if response.status_code == 200:
        response_200 = PaginatedServeApplicationList.from_dict(response.json())

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
) -> Response[ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody]:
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
    client: AuthenticatedClient | Client,
    job: int | Unset | UUID = UNSET,
    status: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> Response[ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody]:
    """List serve applications, filtered and paginated.

    Args:
        job (int | Unset | UUID): A job's id, an integer or (newer backends) a UUID string.
        status (str | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody]
    """

    kwargs = _get_kwargs(
        job=job,
        status=status,
        ordering=ordering,
        page=page,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    job: int | Unset | UUID = UNSET,
    status: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody | None:
    """List serve applications, filtered and paginated.

    Args:
        job (int | Unset | UUID): A job's id, an integer or (newer backends) a UUID string.
        status (str | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody
    """

    return sync_detailed(
        client=client,
        job=job,
        status=status,
        ordering=ordering,
        page=page,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    job: int | Unset | UUID = UNSET,
    status: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> Response[ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody]:
    """List serve applications, filtered and paginated.

    Args:
        job (int | Unset | UUID): A job's id, an integer or (newer backends) a UUID string.
        status (str | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody]
    """

    kwargs = _get_kwargs(
        job=job,
        status=status,
        ordering=ordering,
        page=page,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    job: int | Unset | UUID = UNSET,
    status: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody | None:
    """List serve applications, filtered and paginated.

    Args:
        job (int | Unset | UUID): A job's id, an integer or (newer backends) a UUID string.
        status (str | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | PaginatedServeApplicationList | ValidationErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            job=job,
            status=status,
            ordering=ordering,
            page=page,
            page_size=page_size,
        )
    ).parsed
