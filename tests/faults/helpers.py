"""One face for the sync and async clients, and the 14 documented calls with sample arguments."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

import pytest

from synapse_sdk.clients._policy import RetryPolicy
from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient
from synapse_sdk.clients.exceptions import ClientError

# Waiting is not the point of most tests: backoff near zero, the retry count as the default.
FAST = RetryPolicy(initial_backoff=0.01, max_backoff=0.05)

ACCESS_TOKEN = "access-SECRET-1111"
AUTHORIZATION_TOKEN = "authz-SECRET-2222"
TENANT = "tenant-SECRET-3333"
AGENT_TOKEN = "agent-SECRET-4444"
PATH_AGENT_TOKEN = "path-agent-SECRET-5555"
STORAGE_SECRET = "s3-SECRET-key-6666"
SECRETS = (ACCESS_TOKEN, AUTHORIZATION_TOKEN, TENANT, AGENT_TOKEN, PATH_AGENT_TOKEN, STORAGE_SECRET)
CREDENTIALS = {
    "access_token": ACCESS_TOKEN,
    "authorization_token": AUTHORIZATION_TOKEN,
    "tenant": TENANT,
    "agent_token": AGENT_TOKEN,
}
PACKAGE = bytes(range(256)) * 512 + b"\r\n--not-a-boundary--\r\n"  # 128 KiB and a bit

STORAGE = {
    "name": "s3",
    "provider": "amazon_s3",
    "configuration": {"bucket": "b", "access_key_id": "AKIA", "secret_access_key": STORAGE_SECRET},
}

# method name -> (HTTP method, path on the wire, arguments)
CALLS: dict[str, tuple[str, str, tuple[Any, ...]]] = {
    "health_check_agent": ("POST", f"/agents/{PATH_AGENT_TOKEN}/connect/", (PATH_AGENT_TOKEN,)),
    "get_plugin": ("GET", "/plugins/1/", (1,)),
    "create_plugin": ("POST", "/plugins/", ({"name": "p"},)),
    "update_plugin": ("PUT", "/plugins/1/", (1, {"name": "p2"})),
    "run_plugin": ("POST", "/plugins/1/run/", (1, {"parameters": {"x": 1}, "context": {"project_id": 2}})),
    "get_plugin_release": ("GET", "/plugin_releases/3/", (3, {"expand": "plugin"})),
    "create_plugin_release": (
        "POST",
        "/plugin_releases/",
        ({"plugin": 1, "version": "1.0.0", "file": PACKAGE},),
    ),
    "get_job": ("GET", "/jobs/7/", (7, {"expand": "logs"})),
    "list_jobs": ("GET", "/jobs/", ({"status": "RUNNING", "page_size": 10},)),
    "update_job": ("PATCH", "/jobs/7/", (7, {"progress": 50, "status": "RUNNING"})),
    "list_job_console_logs": ("GET", "/jobs/7/console_logs/", (7,)),
    "list_storages": ("GET", "/storages/", ()),
    "get_storage": ("GET", "/storages/4/", (4,)),
    "create_storage": ("POST", "/storages/", (STORAGE,)),
}
NON_IDEMPOTENT = [name for name, (verb, _, _) in CALLS.items() if verb in ("POST", "PATCH")]
IDEMPOTENT = [name for name, (verb, _, _) in CALLS.items() if verb in ("GET", "PUT")]


class Api:
    """A BackendClient or an AsyncBackendClient behind one synchronous face:
    `api.call("get_plugin", 1)`. The async client runs on one event loop for its lifetime."""

    def __init__(self, client: BackendClient | AsyncBackendClient, runner: asyncio.Runner | None) -> None:
        self.client = client
        self.runner = runner

    @property
    def mode(self) -> str:
        return "sync" if self.runner is None else "async"

    def with_options(self, **options: Any) -> Api:
        return Api(self.client.with_options(**options), self.runner)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """The method's result; an iterator (`iter_jobs`, `follow_job_console_logs`) as a list."""
        result = getattr(self.client, name)(*args, **kwargs)
        if self.runner is None:
            return list(result) if isinstance(result, Iterator) else result
        if isinstance(result, AsyncIterator):
            return self.runner.run(_collect(result))
        return self.runner.run(result)

    def timed(self, name: str, *args: Any, **kwargs: Any) -> tuple[Any, float]:
        started = time.monotonic()
        result = self.call(name, *args, **kwargs)
        return result, time.monotonic() - started

    def fails(
        self, error: type[ClientError], name: str, *args: Any, **kwargs: Any
    ) -> tuple[ClientError, float]:
        """The error a call raised (it must be `error`), and the seconds it took."""
        started = time.monotonic()
        with pytest.raises(error) as info:
            self.call(name, *args, **kwargs)
        return info.value, time.monotonic() - started

    def close(self) -> None:
        if isinstance(self.client, BackendClient):
            self.client.close()
        elif self.runner is not None:
            self.runner.run(self.client.close())
            self.runner.close()


async def _collect(iterator: Any) -> list[Any]:
    return [item async for item in iterator]


def make_client(mode: str, url: str, **kwargs: Any) -> Api:
    kwargs.setdefault("retry_policy", FAST)
    if mode == "sync":
        return Api(BackendClient(url, **kwargs), None)
    return Api(AsyncBackendClient(url, **kwargs), asyncio.Runner())


def attempts(records: Sequence[logging.LogRecord]) -> list[str]:
    """The SDK's one-per-attempt DEBUG records, as messages."""
    return [r.getMessage() for r in records if r.name == "synapse_sdk" and "(attempt " in r.getMessage()]
