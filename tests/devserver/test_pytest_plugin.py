"""The fixtures that synapse_sdk.testing offers SDK users through the pytest11 entry point."""

from __future__ import annotations

import sys

import httpx

from synapse_sdk.devserver import DevServer

from .conftest import AUTH


def test_fixtures(synapse_devserver: DevServer, synapse_devserver_url: str) -> None:
    assert synapse_devserver_url == synapse_devserver.url
    assert httpx.get(f"{synapse_devserver_url}plugins/123/", headers=AUTH).json()["id"] == 123


def test_each_test_gets_a_fresh_database(synapse_devserver_url: str) -> None:
    response = httpx.put(f"{synapse_devserver_url}plugins/123/", json={"name": "changed"}, headers=AUTH)
    assert response.json()["name"] == "changed"


def test_fresh_again(synapse_devserver_url: str) -> None:
    assert (
        httpx.get(f"{synapse_devserver_url}plugins/123/", headers=AUTH).json()["name"] == "My Custom Plugin"
    )


def test_plugin_import_is_cheap() -> None:
    import subprocess

    code = "import sys, synapse_sdk.testing; print('synapse_sdk.devserver' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == "False", result.stderr
