from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.plugin_release import PluginRelease
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pk: int | str,
    *,
    expand: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["expand"] = expand

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/plugin_releases/{pk}/".format(
            pk=quote(str(pk), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | PluginRelease | None:
    if response.status_code == 200:
        response_200 = PluginRelease.from_dict(response.json())

        return response_200

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
) -> Response[ErrorDetail | PluginRelease]:
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
    pk: int | str,
    *,
    client: AuthenticatedClient | Client,
    expand: str | Unset = UNSET,
) -> Response[ErrorDetail | PluginRelease]:
    """Get a plugin release.

    Args:
        pk (int | str): A plugin release, by its id or (production dialect) as `<plugin
            code>@<version>`.
        expand (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | PluginRelease]
    """

    kwargs = _get_kwargs(
        pk=pk,
        expand=expand,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pk: int | str,
    *,
    client: AuthenticatedClient | Client,
    expand: str | Unset = UNSET,
) -> ErrorDetail | PluginRelease | None:
    """Get a plugin release.

    Args:
        pk (int | str): A plugin release, by its id or (production dialect) as `<plugin
            code>@<version>`.
        expand (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | PluginRelease
    """

    return sync_detailed(
        pk=pk,
        client=client,
        expand=expand,
    ).parsed


async def asyncio_detailed(
    pk: int | str,
    *,
    client: AuthenticatedClient | Client,
    expand: str | Unset = UNSET,
) -> Response[ErrorDetail | PluginRelease]:
    """Get a plugin release.

    Args:
        pk (int | str): A plugin release, by its id or (production dialect) as `<plugin
            code>@<version>`.
        expand (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | PluginRelease]
    """

    kwargs = _get_kwargs(
        pk=pk,
        expand=expand,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pk: int | str,
    *,
    client: AuthenticatedClient | Client,
    expand: str | Unset = UNSET,
) -> ErrorDetail | PluginRelease | None:
    """Get a plugin release.

    Args:
        pk (int | str): A plugin release, by its id or (production dialect) as `<plugin
            code>@<version>`.
        expand (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | PluginRelease
    """

    return (
        await asyncio_detailed(
            pk=pk,
            client=client,
            expand=expand,
        )
    ).parsed
