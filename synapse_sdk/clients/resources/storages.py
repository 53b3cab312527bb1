"""Storage configurations: where plugins read and write data."""

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
    body_model,
    filters,
    page_of,
    types_module,
    with_extra_params,
)
from .._redact import secrets_in

if TYPE_CHECKING:
    from ..types import (
        ListStoragesParams,
        Storage,
        StorageCreate,
    )


def storages_page_operation(params: object, extra: Extra = None) -> Operation[Page[Storage]]:
    from synapse_api.api.storages import list_storages as op

    arguments, extra_query = filters(params, types_module().ListStoragesParams, extra)
    return Operation(with_extra_params(op.request_kwargs(**arguments), extra_query), page_of)


def get_storage_operation(pk: object) -> Operation[Storage]:
    from synapse_api.api.storages import get_storage as op

    # As the production SDK asks: a production server leaves the configuration out otherwise.
    return Operation(op.request_kwargs(pk=_inputs.positive_int(pk, "pk"), with_configuration=True), as_is)


def create_storage_operation(data: object, extra: Extra = None) -> Operation[Storage]:
    from synapse_api.api.storages import create_storage as op
    from synapse_api.models import StorageCreate

    body = body_model(StorageCreate, data, types_module().StorageCreate, extra)
    return Operation(op.request_kwargs(body=body), as_is, secrets=tuple(secrets_in(body.to_dict())))


class StoragesMixin(SyncAPIClient):
    """Storage configurations: where plugins read and write data."""

    def list_storages(self, params: ListStoragesParams | Params | None = None) -> list[Storage]:
        """Every storage configuration, across all pages.

        Args:
            params: `page_size`, how many a request fetches.

        Returns:
            The storages: `id`, `name`, `provider`, `category`, `configuration` (credentials
            masked by the server), `created`.

        Example:
            ```python
            for storage in client.list_storages():
                print(storage['name'], storage['provider'])
            ```
        """
        return list(self._walk(storages_page_operation, params, None))

    def get_storage(self, pk: int) -> Storage:
        """Get a storage configuration.

        Args:
            pk: the storage's id.

        Raises:
            NotFoundError: no storage has this id.

        Example:
            ```python
            storage = client.get_storage(123)
            print(storage['name'], storage['provider'], storage['configuration'])
            ```
        """
        return self._call(get_storage_operation(pk))

    def create_storage(self, data: StorageCreate | Params, *, extra_body: Extra = None) -> Storage:
        """Create a storage configuration.

        Args:
            data: `name` and `provider` (required; `amazon_s3`, `azure`, `gcp`, `file_system`,
                `ftp`, `sftp`, `minio`, or any other the backend knows), `category`
                (`internal` or `external`) and `configuration` (provider-specific, free-form).
                Credentials in `configuration` are redacted from logs and errors.
            extra_body: fields the document does not list, sent as given.

        Returns:
            The created storage.

        Raises:
            ValidationError: `name` or `provider` is missing (both named at once), a key is
                unknown, or the server refused a value.

        Example:
            ```python
            storage = client.create_storage({'name': 'Scratch', 'provider': 'file_system',
                                             'configuration': {'base_path': '/tmp/scratch'}})
            print(storage['id'])
            ```
        """
        return self._call(create_storage_operation(data, extra_body))


class AsyncStoragesMixin(AsyncAPIClient):
    """Storage configurations: where plugins read and write data. Awaitable."""

    async def list_storages(self, params: ListStoragesParams | Params | None = None) -> list[Storage]:
        """Every storage configuration, across all pages.

        The awaitable twin of `BackendClient.list_storages`: the same arguments, result and errors."""
        return [storage async for storage in self._walk(storages_page_operation, params, None)]

    async def get_storage(self, pk: int) -> Storage:
        """Get a storage configuration.

        The awaitable twin of `BackendClient.get_storage`: the same arguments, result and errors."""
        return await self._call(get_storage_operation(pk))

    async def create_storage(self, data: StorageCreate | Params, *, extra_body: Extra = None) -> Storage:
        """Create a storage configuration.

        The awaitable twin of `BackendClient.create_storage`: the same arguments, result and errors."""
        return await self._call(create_storage_operation(data, extra_body))
