"""Each known weakness of openapi-python-client 0.29, neutralised by openapi/templates/, proven
over real HTTP with the generated functions themselves. Each test fails on the stock templates."""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import os
import subprocess
import sys
import threading
import time

import httpx
import pytest
from synapse_api import Client
from synapse_api.api.jobs import get_job
from synapse_api.api.plugin_releases import create_plugin_release
from synapse_api.api.plugins import get_plugin
from synapse_api.api.storages import get_storage
from synapse_api.models import JobStatus, PluginReleaseCreate, StorageProvider
from synapse_api.types import UNSET, File

from tests.canned import Canned, CannedServer


def _json(status: int, body: object) -> Canned:
    return Canned(status=status, body=json.dumps(body).encode())


def test_unknown_enum_value_is_carried_through(canned: CannedServer) -> None:
    """A job status or storage provider the document does not list parses, and round-trips."""
    client = Client(base_url=canned.url)
    canned.reply = _json(200, {"id": 789, "status": "ARCHIVED"})
    job = get_job.sync_detailed(789, client=client).parsed
    assert job is not None and not isinstance(job, type(None))
    assert isinstance(job.status, JobStatus)
    assert job.status == "ARCHIVED" and job.status.value == "ARCHIVED"
    assert job.to_dict()["status"] == "ARCHIVED"

    canned.reply = _json(200, {"id": 1, "name": "nas", "provider": "backblaze_b2"})
    storage = get_storage.sync(1, client=client)
    assert storage is not None and hasattr(storage, "provider")
    assert isinstance(storage.provider, StorageProvider) and storage.provider.value == "backblaze_b2"
    # Known values are still the enum's own members.
    assert JobStatus("running") is JobStatus.RUNNING


def test_null_in_a_non_nullable_field_reads_as_absent(canned: CannedServer) -> None:
    """null where the document promises an object, an enum or a date-time does not fail parsing."""
    canned.reply = _json(
        200, {"id": 123, "name": "p", "configuration": None, "created": None, "description": "d"}
    )
    plugin = get_plugin.sync(123, client=Client(base_url=canned.url))
    assert plugin is not None and hasattr(plugin, "configuration")
    assert plugin.configuration is UNSET and plugin.created is UNSET
    assert plugin.description == "d"

    canned.reply = _json(200, {"id": 789, "status": None, "result": None, "metadata": None, "logs": None})
    job = get_job.sync(789, client=Client(base_url=canned.url))
    assert job is not None and hasattr(job, "status")
    assert job.status is UNSET and job.result is UNSET and job.logs is UNSET


@pytest.mark.parametrize(
    "wire",
    [
        "2025-01-15T09:30:00Z",
        "2025-01-15T09:30:00.000Z",
        "2025-01-15T18:30:00.123456+09:00",
        "2025-01-15T09:30:00",
    ],
)
def test_date_time_round_trips_byte_for_byte(canned: CannedServer, wire: str) -> None:
    """to_dict() gives back the exact date-time string the server sent, yet it is a datetime."""
    canned.reply = _json(200, {"id": 123, "name": "p", "created": wire, "modified": wire})
    plugin = get_plugin.sync(123, client=Client(base_url=canned.url))
    assert plugin is not None and hasattr(plugin, "created")
    assert plugin.to_dict()["created"] == wire
    assert plugin.created.year == 2025  # type: ignore[union-attr]
    assert plugin.created.isoformat(timespec="seconds").startswith("2025-01-15T")  # type: ignore[union-attr]


def _parts(content_type: str, body: bytes) -> dict[str, bytes]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    parts: dict[str, bytes] = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        parts[name] = part.get_payload(decode=True)
    return parts


def test_multipart_boundary_is_random_so_any_content_arrives_intact(
    canned: CannedServer, tmp_path: object
) -> None:
    """A package containing the generator's fixed boundary `+++` arrives byte for byte."""
    content = b"PK\x03\x04" + b"\r\n--+++\r\n" + os.urandom(4096) + b"\r\n--+++--\r\n" + b"tail"
    canned.reply = _json(201, {"id": 457})
    body = PluginReleaseCreate(
        plugin=123, version="2.0.0", file=File(payload=__import__("io").BytesIO(content), file_name="p.zip")
    )
    response = create_plugin_release.sync_detailed(client=Client(base_url=canned.url), body=body)
    assert response.status_code == 201
    _, _, headers, raw = canned.requests[-1]
    content_type = headers["Content-Type"]
    assert "boundary=+++" not in content_type
    parts = _parts(content_type, raw)
    assert hashlib.sha256(parts["file"]).hexdigest() == hashlib.sha256(content).hexdigest()
    assert parts["version"] == b"2.0.0" and parts["plugin"] == b"123"


def test_multipart_form_fields_are_sent_as_the_documents_types_say(canned: CannedServer) -> None:
    """A boolean goes out as `true`/`false` and an object or array extra field as JSON, not as
    Python's `str()` (`True`, `{'debug': False}`); strings go as they are."""
    canned.reply = _json(201, {"id": 457})
    body = PluginReleaseCreate(
        plugin=123,
        version="2.0.0",
        file=File(payload=__import__("io").BytesIO(b"PK"), file_name="p.zip"),
        changelog="새로운 기능 {'x'}",
        is_stable=True,
    )
    body.additional_properties = {
        "config": {"name": "bench", "debug": False},
        "requirements": ["numpy>=1.26"],
        "debug": False,
        "note": "plain",
        "retries": 3,
    }
    response = create_plugin_release.sync_detailed(client=Client(base_url=canned.url), body=body)
    assert response.status_code == 201
    _, _, headers, raw = canned.requests[-1]
    parts = _parts(headers["Content-Type"], raw)
    assert parts["is_stable"] == b"true" and parts["debug"] == b"false"
    assert json.loads(parts["config"]) == {"name": "bench", "debug": False}
    assert json.loads(parts["requirements"]) == ["numpy>=1.26"]
    assert parts["changelog"].decode() == "새로운 기능 {'x'}" and parts["note"] == b"plain"
    assert parts["retries"] == b"3" and parts["plugin"] == b"123" and parts["version"] == b"2.0.0"
    body.is_stable = False
    create_plugin_release.sync_detailed(client=Client(base_url=canned.url), body=body)
    assert _parts(canned.requests[-1][2]["Content-Type"], canned.requests[-1][3])["is_stable"] == b"false"


def test_a_form_field_that_is_not_json_is_refused_by_name() -> None:
    body = PluginReleaseCreate(plugin=1, version="1", file=File(payload=__import__("io").BytesIO(b"")))
    body.additional_properties = {"tags": {"a", "b"}}
    with pytest.raises(TypeError, match=r"form field 'tags'.*JSON"):
        body.to_multipart()


# The generated `sync`/`sync_detailed` are the generator's own (the SDK never calls them: it
# sends every request through its own boundary), so these two weaknesses are proven where they
# are neutralised now: in the SDK, over the same canned server.


@pytest.mark.parametrize("status", [499, 299, 599, 418])
def test_non_standard_status_does_not_raise(canned: CannedServer, status: int) -> None:
    """A status code that http.HTTPStatus does not know (nginx's 499) is the SDK's answer or
    ClientError with that status, never a ValueError."""
    from synapse_sdk.clients.backend import BackendClient
    from synapse_sdk.clients.exceptions import ClientError

    canned.reply = _json(status, {"detail": "client closed request"})
    with BackendClient(canned.url, access_token=None, max_retries=0) as client:
        if 200 <= status < 300:
            assert client.get_plugin(123) == {"detail": "client closed request"}
        else:
            with pytest.raises(ClientError) as caught:
                client.get_plugin(123)
            assert caught.value.status_code == status


@pytest.mark.parametrize("status", [502, 503, 504, 404])
def test_error_answered_in_html_by_a_proxy_does_not_raise(canned: CannedServer, status: int) -> None:
    """The document allows HTML for 5xx; the stock generated code calls response.json() on it
    and fails, the SDK raises the status's ClientError with the page's text."""
    from synapse_sdk.clients.backend import BackendClient
    from synapse_sdk.clients.exceptions import ClientError

    canned.reply = Canned(
        status=status, body=b"<html><body><h1>Bad Gateway</h1></body></html>", content_type="text/html"
    )
    with BackendClient(canned.url, access_token=None, max_retries=0) as client:
        with pytest.raises(ClientError) as caught:
            client.get_plugin(123)
    assert caught.value.status_code == status and "Bad Gateway" in str(caught.value.response)


def test_default_timeout_is_finite(canned: CannedServer) -> None:
    """With no timeout given, a server that never answers fails after 15 s instead of hanging."""
    client = Client(base_url=canned.url)
    timeout = client.get_httpx_client().timeout
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (5.0, 15.0, 15.0, 15.0)
    canned.reply = Canned(hang=threading.Event())
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        get_plugin.sync_detailed(123, client=client)
    assert 14.0 <= time.monotonic() - started < 25.0


def test_models_package_imports_lazily(canned: CannedServer) -> None:
    """Importing synapse_api.models loads no model module; a call loads only what it needs."""
    canned.reply = _json(200, {"id": 123, "name": "p"})
    script = f"""
import sys
import synapse_api.models as models
before = sorted(m for m in sys.modules if m.startswith("synapse_api.models."))
from synapse_api import Client
from synapse_api.api.plugins import get_plugin
plugin = get_plugin.sync(123, client=Client(base_url={canned.url!r}))
assert type(plugin).__name__ == "Plugin", plugin
assert models.Plugin is type(plugin)
after = sorted(m for m in sys.modules if m.startswith("synapse_api.models."))
print(before, len(after), len(models.__all__))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    before, loaded, total = out.rsplit(" ", 2)
    assert before == "[]"
    assert int(loaded) < int(total) // 2
    assert "Plugin" in dir(models_module())


def models_module() -> object:
    import synapse_api.models

    return synapse_api.models
