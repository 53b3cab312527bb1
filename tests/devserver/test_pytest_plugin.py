"""The fixtures that synapse_sdk.testing offers SDK users through the pytest11 entry point."""

from __future__ import annotations

import sys

import httpx
import pytest

from synapse_sdk.devserver import DevServer
from synapse_sdk.devserver.switches import Switches

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


_URLS: list[str] = []


@pytest.mark.parametrize("run", [1, 2])
def test_one_server_per_session(synapse_devserver: DevServer, run: int) -> None:
    # Two tests, one server: the reset keeps it (and its port) running.
    _URLS.append(synapse_devserver.url)
    assert len(_URLS) == run and len(set(_URLS)) == 1


def test_reset_starts_ids_over_and_drops_uploads(synapse_devserver: DevServer) -> None:
    url = synapse_devserver.url
    assert httpx.post(f"{url}plugins/", json={"name": "n"}, headers=AUTH).json()["id"] == 124
    release = httpx.post(
        f"{url}plugin_releases/", data={"plugin": "123", "version": "9"}, files={"file": b"z"}, headers=AUTH
    ).json()
    synapse_devserver.reset()
    assert httpx.get(f"{url}plugin_releases/{release['id']}/", headers=AUTH).status_code == 404
    assert not synapse_devserver.store.release_path(release["id"], "upload").parent.exists()
    assert httpx.post(f"{url}plugins/", json={"name": "n"}, headers=AUTH).json()["id"] == 124
    assert httpx.get(f"{url}plugin_releases/456/", headers=AUTH).status_code == 200


def test_switches_fixture_sets_a_switch_for_this_test(
    synapse_devserver_switches: Switches, synapse_devserver_url: str
) -> None:
    synapse_devserver_switches.status(503, "plugins/123/", times=None)
    assert httpx.get(f"{synapse_devserver_url}plugins/123/", headers=AUTH).status_code == 503


def test_switches_are_cleared_before_the_next_test(
    synapse_devserver_switches: Switches, synapse_devserver_url: str
) -> None:
    assert synapse_devserver_switches.list() == []
    assert httpx.get(f"{synapse_devserver_url}plugins/123/", headers=AUTH).status_code == 200


def test_the_fixture_url_is_the_api_url(synapse_devserver_url: str) -> None:
    assert synapse_devserver_url.endswith("/api/")
