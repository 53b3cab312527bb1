"""`Limits`: the settings themselves (what a reply may cost is tested beside the hostile servers)."""

from __future__ import annotations

import pytest

import synapse_sdk
from synapse_sdk.clients import BackendClient, Limits


def test_defaults_and_where_users_import_them() -> None:
    limits = Limits()
    assert synapse_sdk.Limits is Limits
    assert limits.max_body_size == 128 * 1024 * 1024
    assert limits.max_event_id == 2**63 - 1
    with BackendClient("http://127.0.0.1:9/api/") as client:
        assert client.limits == limits


def test_a_client_and_its_copies_keep_their_own_limits() -> None:
    small = Limits(max_body_size=1024)
    with BackendClient("http://127.0.0.1:9/api/", limits=small) as client:
        assert client.limits is small
        copy = client.with_options(limits=small.evolve(max_body_size=2048))
        assert copy.limits.max_body_size == 2048
        assert client.limits.max_body_size == 1024
        assert client.with_options(max_retries=0).limits is small


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"max_body_size": 0}, "Limits.max_body_size must be a positive int"),
        ({"max_line_size": 1.5}, "Limits.max_line_size must be a positive int"),
        ({"max_event_id": True}, "Limits.max_event_id must be a positive int"),
        ({"stream_idle_timeout": float("nan")}, "Limits.stream_idle_timeout must be a positive number"),
        ({"stream_idle_timeout": -1}, "Limits.stream_idle_timeout must be a positive number"),
    ],
)
def test_a_bad_limit_is_refused_naming_it(changes: dict[str, object], named: str) -> None:
    with pytest.raises(ValueError, match=named):
        Limits(**changes)  # type: ignore[arg-type]


def test_limits_must_be_a_limits() -> None:
    with pytest.raises(TypeError, match=r"limits must be a synapse_sdk\.clients\.Limits, got dict"):
        BackendClient("http://127.0.0.1:9/api/", limits={"max_body_size": 1})  # type: ignore[arg-type]
