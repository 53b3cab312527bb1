from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.plugin_run import PluginRun
from ...models.plugin_run_request import PluginRunRequest
from ...models.validation_error_body import ValidationErrorBody
from ...types import Response


def _get_kwargs(
    pk: int | str,
    *,
    body: PluginRunRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/plugins/{pk}/run/".format(
            pk=quote(str(pk), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | PluginRun | ValidationErrorBody | None:
    if response.status_code == 200:
        response_200 = PluginRun.from_dict(response.json())

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
) -> Response[ErrorDetail | PluginRun | ValidationErrorBody]:
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
    body: PluginRunRequest,
) -> Response[ErrorDetail | PluginRun | ValidationErrorBody]:
    """Run a plugin; the run is a job.

    Args:
        pk (int | str): A plugin, by its id or (production dialect) by its code.
        body (PluginRunRequest): How to run a plugin: the page's `parameters` and `context`, or
            the production SDK's `agent`, `action`, `params`, `storage_id`, `job_id`, `debug`,
            `version`, `language`. Example: {'parameters': {'threshold': 0.8, 'max_items': 150,
            'input_path': '/data/input/', 'output_path': '/data/output/'}, 'context': {'project_id':
            123, 'user_id': 456, 'execution_mode': 'batch'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | PluginRun | ValidationErrorBody]
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
    pk: int | str,
    *,
    client: AuthenticatedClient | Client,
    body: PluginRunRequest,
) -> ErrorDetail | PluginRun | ValidationErrorBody | None:
    """Run a plugin; the run is a job.

    Args:
        pk (int | str): A plugin, by its id or (production dialect) by its code.
        body (PluginRunRequest): How to run a plugin: the page's `parameters` and `context`, or
            the production SDK's `agent`, `action`, `params`, `storage_id`, `job_id`, `debug`,
            `version`, `language`. Example: {'parameters': {'threshold': 0.8, 'max_items': 150,
            'input_path': '/data/input/', 'output_path': '/data/output/'}, 'context': {'project_id':
            123, 'user_id': 456, 'execution_mode': 'batch'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | PluginRun | ValidationErrorBody
    """

    return sync_detailed(
        pk=pk,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    pk: int | str,
    *,
    client: AuthenticatedClient | Client,
    body: PluginRunRequest,
) -> Response[ErrorDetail | PluginRun | ValidationErrorBody]:
    """Run a plugin; the run is a job.

    Args:
        pk (int | str): A plugin, by its id or (production dialect) by its code.
        body (PluginRunRequest): How to run a plugin: the page's `parameters` and `context`, or
            the production SDK's `agent`, `action`, `params`, `storage_id`, `job_id`, `debug`,
            `version`, `language`. Example: {'parameters': {'threshold': 0.8, 'max_items': 150,
            'input_path': '/data/input/', 'output_path': '/data/output/'}, 'context': {'project_id':
            123, 'user_id': 456, 'execution_mode': 'batch'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | PluginRun | ValidationErrorBody]
    """

    kwargs = _get_kwargs(
        pk=pk,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pk: int | str,
    *,
    client: AuthenticatedClient | Client,
    body: PluginRunRequest,
) -> ErrorDetail | PluginRun | ValidationErrorBody | None:
    """Run a plugin; the run is a job.

    Args:
        pk (int | str): A plugin, by its id or (production dialect) by its code.
        body (PluginRunRequest): How to run a plugin: the page's `parameters` and `context`, or
            the production SDK's `agent`, `action`, `params`, `storage_id`, `job_id`, `debug`,
            `version`, `language`. Example: {'parameters': {'threshold': 0.8, 'max_items': 150,
            'input_path': '/data/input/', 'output_path': '/data/output/'}, 'context': {'project_id':
            123, 'user_id': 456, 'execution_mode': 'batch'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | PluginRun | ValidationErrorBody
    """

    return (
        await asyncio_detailed(
            pk=pk,
            client=client,
            body=body,
        )
    ).parsed
