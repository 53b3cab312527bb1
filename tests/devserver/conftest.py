"""Fixtures for the local backend's tests: real HTTP over loopback with plain httpx."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from synapse_sdk.devserver import DevServer

TOKEN = "test-token"
AUTH = {"Synapse-Access-Token": f"Token {TOKEN}"}


@pytest.fixture
def server() -> Iterator[DevServer]:
    with DevServer(job_duration=1.0) as running:
        yield running


@pytest.fixture
def client(server: DevServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as http:
        yield http


@pytest.fixture
def anonymous(server: DevServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        yield http
