"""Fixtures for the production dialect's tests: the local backend in either dialect, real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from synapse_sdk.devserver import DevServer

AUTH = {"Synapse-Access-Token": "Token production-tests"}
# The production SDK's update_job example names this job; the production seed has it.
EXAMPLE_JOB = "550e8400-e29b-41d4-a716-446655440000"


@pytest.fixture(scope="module")
def production_server() -> Iterator[DevServer]:
    with DevServer(dialect="production", job_duration=0.6, heartbeat=0.2) as running:
        yield running


@pytest.fixture
def production(production_server: DevServer) -> DevServer:
    production_server.reset()
    return production_server


@pytest.fixture
def http(production: DevServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=production.url, headers=AUTH, timeout=10) as client:
        yield client


@pytest.fixture(scope="module", params=["documented", "production"])
def any_server(request: pytest.FixtureRequest) -> Iterator[DevServer]:
    """The local backend in each dialect, in turn."""
    with DevServer(dialect=request.param, job_duration=0.6, heartbeat=0.2) as running:
        yield running
