"""The one place the commands get a `BackendClient`: settings resolved here, passed explicitly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import typer

from synapse_sdk.clients.backend import BackendClient

from . import config
from .errors import CliError


@dataclass(frozen=True)
class GlobalOptions:
    """The root command's options (`synapse --profile prod job list`)."""

    base_url: str | None = None
    token: str | None = None
    tenant: str | None = None
    profile: str | None = None
    timeout: float | None = None


def options(ctx: typer.Context) -> GlobalOptions:
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, GlobalOptions) else GlobalOptions()


def settings(ctx: typer.Context) -> config.Settings:
    given = options(ctx)
    return config.resolve(
        base_url=given.base_url, access_token=given.token, tenant=given.tenant, profile=given.profile
    )


@contextmanager
def client(ctx: typer.Context, *, need_token: bool = True) -> Iterator[BackendClient]:
    """A client for this invocation, closed afterwards (also on Ctrl-C, dropping any upload)."""
    resolved = settings(ctx)
    base_url = resolved.require_base_url()
    token = resolved.require_token() if need_token else resolved.access_token
    try:
        backend = BackendClient(
            base_url, access_token=token, tenant=resolved.tenant, timeout=options(ctx).timeout
        )
    except ValueError as error:  # a URL that is not http(s), a token with a line break
        raise CliError(str(error)) from None
    with backend:
        yield backend
