"""Validation, authentication and routing errors, in Django REST framework's shapes."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from synapse_sdk.devserver import DevServer

from .conftest import AUTH


def _assert_json(response: httpx.Response) -> None:
    assert response.headers["content-type"] == "application/json"
    assert int(response.headers["content-length"]) == len(response.content)


@pytest.mark.parametrize(
    ("path", "params", "errors"),
    [
        ("jobs/", {"page": "abc"}, {"page": ["A valid integer is required."]}),
        ("jobs/", {"page": "0"}, {"page": ["Ensure this value is greater than or equal to 1."]}),
        (
            "jobs/",
            {"page_size": "10001"},
            {"page_size": ["Ensure this value is less than or equal to 10000."]},
        ),
        ("jobs/", {"plugin": "x"}, {"plugin": ["A valid integer is required."]}),
        ("jobs/", {"user": "-3"}, {"user": ["Ensure this value is greater than or equal to 1."]}),
        ("jobs/", {"created_after": "yesterday"}, {"created_after": ["Enter a valid date/time."]}),
        (
            "storages/",
            {"page_size": "0"},
            {"page_size": ["Ensure this value is greater than or equal to 1."]},
        ),
    ],
)
def test_query_parameter_errors(
    client: httpx.Client, path: str, params: dict[str, str], errors: object
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400
    assert response.json() == errors
    _assert_json(response)


def test_unknown_and_empty_query_parameters_are_ignored(client: httpx.Client) -> None:
    assert client.get("jobs/", params={"ordering": "x", "expand": ""}).status_code == 200
    assert client.get("jobs/", params={"page": ""}).json() == {"page": ["A valid integer is required."]}


@pytest.mark.parametrize(
    ("method", "path", "body", "errors"),
    [
        ("POST", "plugins/", {}, {"name": ["This field is required."]}),
        ("POST", "plugins/", {"name": ""}, {"name": ["This field may not be blank."]}),
        ("POST", "plugins/", {"name": None}, {"name": ["This field may not be null."]}),
        (
            "POST",
            "plugins/",
            {"name": "x", "configuration": []},
            {"configuration": ['Expected a dictionary of items but got type "list".']},
        ),
        (
            "POST",
            "plugins/",
            [],
            {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]},
        ),
        ("PUT", "plugins/123/", {"version": 2}, {"version": ["Not a valid string."]}),
        (
            "POST",
            "plugins/123/run/",
            {"context": 1},
            {"context": ['Expected a dictionary of items but got type "int".']},
        ),
        (
            "PATCH",
            "jobs/789/",
            {"progress": 101},
            {"progress": ["Ensure this value is less than or equal to 100."]},
        ),
        ("PATCH", "jobs/789/", {"progress": "1"}, {"progress": ["A valid integer is required."]}),
        ("PATCH", "jobs/789/", {"status": 3}, {"status": ["Not a valid string."]}),
        (
            "POST",
            "storages/",
            {"provider": "dropbox", "category": 7},
            {"name": ["This field is required."], "category": ["Not a valid string."]},
        ),
        ("POST", "storages/", {"name": "s"}, {"provider": ["This field is required."]}),
    ],
)
def test_body_errors(client: httpx.Client, method: str, path: str, body: object, errors: object) -> None:
    response = client.request(method, path, json=body)
    assert response.status_code == 400
    assert response.json() == errors
    _assert_json(response)


def test_invalid_json(client: httpx.Client) -> None:
    response = client.post("plugins/", content=b'{"name": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error - ")
    nan = client.post(
        "plugins/", content=b'{"name": "x", "n": NaN}', headers={"Content-Type": "application/json"}
    )
    assert nan.status_code == 400


def test_unsupported_media_type(client: httpx.Client) -> None:
    response = client.post("plugins/", content=b"name=x", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert response.json() == {"detail": 'Unsupported media type "text/plain" in request.'}
    upload_as_json = client.post("plugin_releases/", json={"plugin": 123, "version": "1"})
    assert upload_as_json.status_code == 415


def test_multipart_errors(client: httpx.Client) -> None:
    missing = client.post(
        "plugin_releases/", data={"plugin": "123", "version": "1.0"}, files={"x": ("a", b"a")}
    )
    assert missing.status_code == 400
    assert missing.json() == {"file": ["No file was submitted."]}
    not_a_file = client.post(
        "plugin_releases/", data={"plugin": "123", "version": "1.0", "file": "text"}, files={"x": ("a", b"a")}
    )
    assert not_a_file.json() == {
        "file": ["The submitted data was not a file. Check the encoding type on the form."]
    }
    fields = client.post(
        "plugin_releases/", data={"plugin": "a b", "is_stable": "maybe"}, files={"file": ("p.zip", b"zip")}
    )
    assert fields.status_code == 400
    assert fields.json() == {
        "plugin": ["A valid integer is required."],
        "is_stable": ["Must be a valid boolean."],
        "version": ["This field is required."],
    }
    unknown_plugin = client.post(
        "plugin_releases/", data={"plugin": "999", "version": "1"}, files={"file": b"z"}
    )
    assert unknown_plugin.json() == {"plugin": ['Invalid pk "999" - object does not exist.']}


def test_unknown_fields_are_stored_and_echoed(client: httpx.Client) -> None:
    plugin = client.post(
        "plugins/", json={"name": "n", "homepage": "https://x", "id": 5, "created": 1}
    ).json()
    assert plugin["homepage"] == "https://x"
    assert plugin["id"] != 5 and isinstance(plugin["created"], str)  # read-only fields ignored
    assert client.get(f"plugins/{plugin['id']}/").json()["homepage"] == "https://x"
    job = client.patch("jobs/789/", json={"eta_seconds": 30, "plugin": 1}).json()
    assert (job["eta_seconds"], job["plugin"]) == (30, 123)
    storage = client.post("storages/", json={"name": "s", "provider": "minio", "region_hint": "eu"}).json()
    assert storage["region_hint"] == "eu"
    assert storage["category"] == "external"


@pytest.mark.parametrize(
    "path",
    [
        "plugins/abc/",
        "plugins/0/",
        "plugins/99999/",
        "jobs/12.5/",
        "jobs/not-a-uuid/",
        "storages/-1/",
        "plugin_releases/9999999999999999999999/",
        "jobs/00000000-0000-4000-8000-000000000000/",
        "plugins/123",
        "nowhere/",
        "",
    ],
)
def test_not_found(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    _assert_json(response)


def test_unknown_agent(anonymous: httpx.Client) -> None:
    response = anonymous.post("agents/unknown-token/connect/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_uuid_job(client: httpx.Client) -> None:
    uuid = "3f2b8c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d"
    job = client.get(f"jobs/{uuid.upper()}/").json()
    assert job["id"] == uuid
    assert client.get(f"jobs/{uuid}/console_logs/").json()
    assert client.patch(f"jobs/{uuid}/", json={"status": "FAILED"}).json()["status"] == "FAILED"


def test_method_not_allowed(client: httpx.Client) -> None:
    response = client.delete("plugins/123/")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "DELETE" not allowed.'}
    assert response.headers["allow"] == "GET, PUT, HEAD, OPTIONS"
    assert client.get("plugins/123/run/").status_code == 405  # (GET plugins/ lists them since WIRE-8)
    assert client.get("agents/agent-token-123/connect/").status_code == 405


def test_head_and_options(client: httpx.Client) -> None:
    head = client.head("plugins/123/")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(client.get("plugins/123/").content)
    options = client.options("storages/")
    assert options.status_code == 200
    assert options.headers["allow"] == "GET, POST, HEAD, OPTIONS"


# --- authentication ---


def test_missing_credentials(anonymous: httpx.Client) -> None:
    response = anonymous.get("plugins/123/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response.headers["www-authenticate"] == "Token"
    # The tenant selects, it does not authenticate; agent tokens only count on jobs endpoints.
    assert anonymous.get("plugins/123/", headers={"Synapse-Tenant": "Token t"}).status_code == 401
    assert (
        anonymous.get("plugins/123/", headers={"SYNAPSE-Agent": "Token agent-token-123"}).status_code == 401
    )


@pytest.mark.parametrize("value", ["Bearer abc", "Token", "Token a b", "abc"])
def test_malformed_header(anonymous: httpx.Client, value: str) -> None:
    response = anonymous.get("plugins/123/", headers={"Synapse-Access-Token": value})
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


@pytest.mark.parametrize(
    "headers",
    [
        {"Synapse-Access-Token": "Token abc"},
        {"Synapse-Access-Token": "token abc", "Synapse-Tenant": "Token my-tenant"},
        {"Authorization": "Token abc"},
    ],
)
def test_dev_mode_accepts_any_well_formed_token(anonymous: httpx.Client, headers: dict[str, str]) -> None:
    assert anonymous.get("plugins/123/", headers=headers).status_code == 200


def test_agent_header_on_jobs(anonymous: httpx.Client) -> None:
    headers = {"SYNAPSE-Agent": "Token agent-token-123"}
    assert anonymous.get("jobs/789/", headers=headers).status_code == 200
    assert anonymous.patch("jobs/789/", headers=headers, json={"progress": 50}).status_code == 200


@pytest.fixture
def strict() -> Iterator[httpx.Client]:
    with (
        DevServer(tokens=["good"], readonly_tokens=["viewer"]) as running,
        httpx.Client(base_url=running.url, timeout=10) as http,
    ):
        yield http


def test_configured_tokens(strict: httpx.Client) -> None:
    def status(method: str, path: str, header: str, token: str) -> int:
        body = {"name": "p"} if method == "POST" else None
        return strict.request(method, path, headers={header: f"Token {token}"}, json=body).status_code

    assert status("GET", "plugins/123/", "Synapse-Access-Token", "good") == 200
    assert status("GET", "plugins/123/", "Authorization", "good") == 200
    assert status("POST", "plugins/", "Synapse-Access-Token", "good") == 201
    assert status("GET", "plugins/123/", "Synapse-Access-Token", "bad") == 401
    assert status("GET", "plugins/123/", "Synapse-Access-Token", "viewer") == 200
    assert status("POST", "plugins/", "Synapse-Access-Token", "viewer") == 403
    assert status("GET", "jobs/789/", "SYNAPSE-Agent", "my-agent-token") == 200
    assert status("GET", "jobs/789/", "SYNAPSE-Agent", "unknown-agent") == 401
    denied = strict.post("plugins/", headers={"Synapse-Access-Token": "Token viewer"}, json={"name": "p"})
    assert denied.json() == {"detail": "You do not have permission to perform this action."}
    invalid = strict.get("plugins/123/", headers={"Synapse-Access-Token": "Token bad"})
    assert invalid.json() == {"detail": "Invalid token."}
    # The agent endpoint needs no header: the token in the path is the credential.
    assert strict.post("agents/my-agent-token/connect/").status_code == 200


# --- pagination ---


def test_pagination(client: httpx.Client, server: DevServer) -> None:
    first = client.get("jobs/", params={"page_size": 2, "plugin": 123}).json()
    total = first["count"]
    assert total >= 5 and len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"] == f"{server.url}jobs/?page_size=2&plugin=123&page=2"
    second = client.get(first["next"]).json()
    assert second["previous"] == f"{server.url}jobs/?page_size=2&plugin=123"
    seen = first["results"] + second["results"]
    page = second
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += page["results"]
    assert len(seen) == total and len({str(job["id"]) for job in seen}) == total
    assert page["next"] is None


def test_page_beyond_the_end(client: httpx.Client) -> None:
    response = client.get("storages/", params={"page": 99})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}
    # An empty first page is fine, as in DRF.
    empty = client.get("jobs/", params={"plugin": 424242}).json()
    assert empty == {"count": 0, "next": None, "previous": None, "results": []}


def test_next_link_uses_the_host_header(client: httpx.Client) -> None:
    page = client.get("storages/", params={"page_size": 1}, headers={"Host": "synapse.example:8443"}).json()
    assert page["next"] == "http://synapse.example:8443/storages/?page_size=1&page=2"


# --- secrets ---


def test_storage_secrets_are_masked(client: httpx.Client) -> None:
    configuration = {
        "bucket_name": "b",
        "access_key_id": "AKIA",
        "secret_access_key": "s3cr3t",
        "password": "pw",
        "token": "tk",
        "private_key": "pk",
        "account_key": "ak",
        "credentials": {"type": "service_account"},
        "nested": {"client_secret": "cs", "port": 22},
        "connection_string": "DefaultEndpointsProtocol=https;AccountKey=abc",
        "servers": [{"host": "h", "api_key": "k"}],
    }
    created = client.post("storages/", json={"name": "s", "provider": "sftp", "configuration": configuration})
    masked = {
        "bucket_name": "b",
        "access_key_id": "********",
        "secret_access_key": "********",
        "password": "********",
        "token": "********",
        "private_key": "********",
        "account_key": "********",
        "credentials": "********",
        "nested": {"client_secret": "********", "port": 22},
        "connection_string": "********",
        "servers": [{"host": "h", "api_key": "********"}],
    }
    assert created.json()["configuration"] == masked
    pk = created.json()["id"]
    assert client.get(f"storages/{pk}/").json()["configuration"] == masked
    listed = {s["id"]: s for s in client.get("storages/").json()["results"]}
    assert listed[pk]["configuration"] == masked
    assert listed[123]["configuration"]["secret_access_key"] == "********"
    assert "s3cr3t" not in client.get("storages/").text


def test_stored_secrets_are_kept(client: httpx.Client, server: DevServer) -> None:
    pk = client.post(
        "storages/", json={"name": "s", "provider": "gcp", "configuration": {"secret": "x"}}
    ).json()["id"]
    stored = server.store.get_storage(pk)
    assert stored is not None and stored["configuration"] == {"secret": "x"}


def test_access_log_hides_tokens(capsys: pytest.CaptureFixture[str]) -> None:
    with DevServer(quiet=False) as running, httpx.Client(base_url=running.url) as http:
        http.post("agents/agent-token-123/connect/")
        http.get("plugins/123/", headers=AUTH)
    log = capsys.readouterr().err
    assert "/agents/***/connect/" in log and "/plugins/123/" in log
    assert "agent-token-123" not in log and "test-token" not in log


def test_method_not_allowed_without_credentials(anonymous: httpx.Client) -> None:
    response = anonymous.request("QUERY", "jobs/")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "QUERY" not allowed.'}
    assert anonymous.options("jobs/").status_code == 401


def test_required_bodies_left_out_are_400(client: httpx.Client) -> None:
    # The document marks these bodies required (WIRE-8): DRF's required-field errors, or its
    # "No data provided." when the schema requires no field.
    assert client.post("plugins/", headers={"Content-Type": "application/json"}).json() == {
        "name": ["This field is required."]
    }
    no_data = {"non_field_errors": ["No data provided."]}
    for method, path in [("POST", "plugins/123/run/"), ("PUT", "plugins/123/"), ("PATCH", "jobs/789/")]:
        response = client.request(method, path)
        assert (response.status_code, response.json()) == (400, no_data), (method, path)
    assert client.post("storages/").json() == {
        "name": ["This field is required."],
        "provider": ["This field is required."],
    }
    release = client.post("plugin_releases/", headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert release.status_code == 400
    assert release.json() == {
        "plugin": ["This field is required."],
        "version": ["This field is required."],
        "file": ["No file was submitted."],
    }
    # An empty object is data: validated as such.
    assert client.post("plugins/123/run/", json={}).status_code == 200
    assert client.put("plugins/123/", json={}).json()["name"] == "My Custom Plugin"


def test_every_documented_operation_is_implemented() -> None:
    from synapse_sdk.devserver.api import HANDLERS
    from synapse_sdk.devserver.validation import operations

    documented = {op.operation_id for ops in operations().values() for op in ops.values()}
    assert documented == set(HANDLERS)


def test_concurrent_requests(client: httpx.Client) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def create(index: int) -> int:
        job_id = client.post("plugins/123/run/", json={"context": {"i": index}}).json()["job_id"]
        assert client.get(f"jobs/{job_id}/").status_code == 200
        return int(client.post("plugins/", json={"name": f"p{index}"}).json()["id"])

    with ThreadPoolExecutor(max_workers=16) as pool:
        ids = list(pool.map(create, range(64)))
    assert len(set(ids)) == 64


def test_keep_alive_survives_errors_with_bodies(client: httpx.Client) -> None:
    # Each error reply must leave the connection ready for the next request.
    assert client.post("nowhere/", json={"a": 1}).status_code == 404
    assert client.put("plugins/abc/", json={"a": 1}).status_code == 404
    assert client.request("DELETE", "plugins/123/", json={"a": 1}).status_code == 405
    assert (
        client.post("plugins/", content=b"x" * 5000, headers={"Content-Type": "text/plain"}).status_code
        == 415
    )
    assert client.get("plugins/123/").status_code == 200


def test_json_body_size_limit(client: httpx.Client) -> None:
    from synapse_sdk.devserver.server import MAX_JSON_BYTES

    huge = b'{"name": "' + b"x" * MAX_JSON_BYTES + b'"}'
    response = client.post("plugins/", content=huge, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body is too large."}


def test_options_with_a_body_keeps_the_connection_in_step(server: DevServer) -> None:
    # The body of an OPTIONS request looks like a request: a server that left it unread would
    # answer it next (404) instead of the real second request on the same connection.
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(server.url)
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=10)
    try:
        smuggled = b"GET /nowhere/ HTTP/1.1\r\nHost: x\r\n\r\n"
        for method in ("OPTIONS", "GET", "DELETE"):
            connection.request(method, "/storages/", body=smuggled, headers=AUTH)
            first = connection.getresponse()
            first.read()
            assert first.status in (200, 405)
            sock = connection.sock
            connection.request("GET", "/plugins/123/", headers=AUTH)
            second = connection.getresponse()
            assert (second.status, json.loads(second.read())["id"]) == (200, 123), method
            assert connection.sock is sock  # the same keep-alive connection
    finally:
        connection.close()
