"""Bad input is refused before any request, with an error that names what is wrong."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.clients.exceptions import ClientError, ValidationError
from tests.canned import Canned, CannedServer

BAD_IDS: list[Any] = [
    "../admin",
    "7?page=2",
    None,
    -1,
    0,
    True,
    False,
    1.5,
    "12abc",
    "",
    " 7",
    "%2e%2e",
    [1],
    "١٢",
]


@pytest.mark.parametrize("bad", BAD_IDS, ids=repr)
@pytest.mark.parametrize(
    "call",
    [
        lambda c, pk: c.get_plugin(pk),
        lambda c, pk: c.update_plugin(pk, {"version": "2"}),
        lambda c, pk: c.get_plugin_release(pk),
        lambda c, pk: c.get_job(pk),
        lambda c, pk: c.update_job(pk, {"progress": 1}),
        lambda c, pk: c.list_job_console_logs(pk),
        lambda c, pk: c.get_storage(pk),
    ],
    ids=[
        "get_plugin",
        "update_plugin",
        "get_plugin_release",
        "get_job",
        "update_job",
        "logs",
        "get_storage",
    ],
)
def test_invalid_ids_never_reach_the_server(canned: CannedServer, call: Any, bad: Any) -> None:
    with BackendClient(canned.url) as client, pytest.raises(ValidationError) as info:
        call(client, bad)
    assert canned.requests == []
    assert info.value.status_code == 400 and "pk" in info.value.response
    assert str(info.value).startswith("not sent: pk: ") and info.value.local and info.value.source == "local"


# run_plugin takes a plugin's code too (the production dialect): '12abc' is one, so it is not here.
BAD_PLUGIN_REFS = [bad for bad in BAD_IDS if bad != "12abc"] + ["a b", "../x", "yolo/v8", "-x", "12"[:0]]


@pytest.mark.parametrize("bad", BAD_PLUGIN_REFS, ids=repr)
def test_invalid_plugin_refs_never_reach_the_server(canned: CannedServer, bad: Any) -> None:
    with BackendClient(canned.url) as client, pytest.raises(ValidationError) as info:
        client.run_plugin(bad, {})
    assert canned.requests == []
    assert str(info.value).startswith("not sent: pk: ") and "plugin code" in str(info.value)


@pytest.mark.parametrize("token", ["a/b", "a?b=c", "..", "../../plugins/1", "x#frag", "%2F", "a b"])
def test_agent_tokens_stay_inside_their_path_segment(canned: CannedServer, token: str) -> None:
    canned.reply = Canned(body=b'{"status": "healthy"}')
    with BackendClient(canned.url) as client:
        try:
            client.health_check_agent(token)
        except ValidationError as error:
            assert token not in str(error)  # refused, without echoing the token
            assert token in ("..",)
            return
    path = canned.requests[-1][1]
    assert path.startswith("/agents/") and path.endswith("/connect/")
    segment = path[len("/agents/") : -len("/connect/")]
    assert "/" not in segment and "?" not in segment and "#" not in segment and segment not in (".", "..")


@pytest.mark.parametrize("token", ["", None, 123, ".", "...", "a\nb"])
def test_agent_token_must_be_a_plain_string(canned: CannedServer, token: Any) -> None:
    with BackendClient(canned.url) as client, pytest.raises(ValidationError, match="token"):
        client.health_check_agent(token)
    assert canned.requests == []


@pytest.mark.parametrize(
    ("method", "args", "field"),
    [
        ("create_plugin", ({"description": "x"},), "name"),
        ("create_storage", ({"name": "s"},), "provider"),
        ("create_storage", ({"provider": "amazon_s3"},), "name"),
        ("create_plugin_release", ({"version": "1", "file": b"x"},), "plugin"),
        ("create_plugin_release", ({"plugin": 1, "file": b"x"},), "version"),
        ("create_plugin_release", ({"plugin": 1, "version": "1"},), "file"),
        ("create_plugin_release", ({"plugin": 1, "version": "1", "file": None},), "file"),
        ("update_job", (789, {"status": None}), "status"),
        ("create_plugin", ({"name": "x", "configuration": None},), "configuration"),
    ],
)
def test_missing_required_field_is_named(
    canned: CannedServer, method: str, args: tuple[Any, ...], field: str
) -> None:
    with BackendClient(canned.url) as client, pytest.raises(ValidationError) as info:
        getattr(client, method)(*args)
    assert canned.requests == []
    assert field in info.value.response and info.value.detail.startswith(f"{field}: ")


@pytest.mark.parametrize("data", [None, [], "name=x", 42])
def test_data_must_be_a_dict(canned: CannedServer, data: Any) -> None:
    with BackendClient(canned.url) as client, pytest.raises(ValidationError, match="data: expected a dict"):
        client.create_plugin(data)


def test_package_problems_are_named(canned: CannedServer, tmp_path: Path) -> None:
    with BackendClient(canned.url) as client:
        with pytest.raises(ValidationError, match="file: cannot open"):
            client.create_plugin_release({"plugin": 1, "version": "1", "file": tmp_path / "missing.zip"})
        with pytest.raises(ValidationError, match="text mode"):
            client.create_plugin_release({"plugin": 1, "version": "1", "file": io.StringIO("x")})
        closed = io.BytesIO(b"x")
        closed.close()
        with pytest.raises(ValidationError, match="closed"):
            client.create_plugin_release({"plugin": 1, "version": "1", "file": closed})
        with pytest.raises(ValidationError, match="file: expected"):
            client.create_plugin_release({"plugin": 1, "version": "1", "file": 3.14})
    assert canned.requests == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"plugin": "abc"}, "plugin"),
        ({"page": 0}, "page"),
        ({"created_after": "last tuesday"}, "created_after"),
        ({"user": -3}, "user"),
        ({"page_size": True}, "page_size"),
    ],
)
def test_bad_filters_are_named(canned: CannedServer, params: dict[str, Any], field: str) -> None:
    with BackendClient(canned.url) as client, pytest.raises(ValidationError) as info:
        client.list_jobs(params)
    assert field in info.value.response and canned.requests == []


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"base_url": "ftp://x"}, "base_url"),
        ({"base_url": "localhost:8000"}, "base_url"),
        ({"base_url": "http://x", "timeout": -1}, "timeout"),
        ({"base_url": "http://x", "timeout": "10"}, "timeout"),
        ({"base_url": "http://x", "max_retries": -1}, "max_retries"),
        ({"base_url": "http://x", "access_token": "a\r\nX-Evil: 1"}, "Synapse-Access-Token"),
        ({"base_url": "http://x", "tenant": ""}, "Synapse-Tenant"),
    ],
)
def test_constructor_arguments_are_checked(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match) as info:
        BackendClient(**kwargs)
    assert "X-Evil" not in str(info.value)


def test_every_failure_is_a_client_error(canned: CannedServer) -> None:
    """Local checks raise ValidationError, which is a ClientError, as the page's handlers expect."""
    with BackendClient(canned.url) as client, pytest.raises(ClientError):
        client.get_plugin("../admin")


class _FailingPackage(io.BytesIO):
    """A package whose disk fails after the first chunk."""

    def read(self, size: int | None = -1) -> bytes:
        if self.tell() > 0:
            raise OSError(5, "Input/output error")
        return super().read(size)


def test_a_package_that_cannot_be_read_is_a_validation_error(canned: CannedServer) -> None:
    package = _FailingPackage(b"x" * 500_000)
    with BackendClient(canned.url, max_retries=0) as client, pytest.raises(ValidationError) as info:
        client.create_plugin_release({"plugin": 1, "version": "1", "file": package})
    assert info.value.response == {"file": ["could not read the package: Input/output error"]}
    assert info.value.method == "POST" and isinstance(info.value.__cause__, OSError)


def test_integer_like_ids_are_accepted(canned: CannedServer) -> None:
    """Anything with __index__ (numpy and pandas integers) is an id; a digit string too."""

    class Index:
        def __index__(self) -> int:
            return 42

    canned.reply = Canned(body=b'{"id": 42, "name": "p"}')
    with BackendClient(canned.url) as client:
        client.get_plugin(Index())  # type: ignore[arg-type]
        client.get_plugin("42")  # type: ignore[arg-type]
    assert [request[1] for request in canned.requests] == ["/plugins/42/", "/plugins/42/"]
