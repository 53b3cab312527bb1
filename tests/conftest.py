"""Fixtures shared by the whole suite."""

from collections.abc import Iterator

import pytest

from synapse_sdk.clients._config import ENV
from tests.canned import canned

__all__ = ["canned"]


@pytest.fixture(autouse=True)
def _no_synapse_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Clients read SYNAPSE_* variables when arguments are left out: a developer's own
    SYNAPSE_ACCESS_TOKEN must not change what the suite sends. Tests that want them set them."""
    for name in ENV.values():
        monkeypatch.delenv(name, raising=False)
    yield
