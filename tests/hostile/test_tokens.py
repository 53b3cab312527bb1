"""Items 8 and 10 of issue 20: a token a header cannot carry (a pasted non-breaking space) is a
`ValueError` when the client is built, naming the setting, the header and the character, never
the token; before, the first call raised a raw UnicodeEncodeError whose repr held the token."""

from __future__ import annotations

import re

import pytest

from synapse_sdk.clients import AsyncBackendClient, BackendClient

SECRET = "tok-SECRET-9f8e7d"


@pytest.mark.parametrize(
    ("argument", "header"),
    [
        ("access_token", "Synapse-Access-Token"),
        ("authorization_token", "Authorization"),
        ("tenant", "Synapse-Tenant"),
        ("agent_token", "SYNAPSE-Agent"),
    ],
)
@pytest.mark.parametrize("cls", [BackendClient, AsyncBackendClient])
def test_a_pasted_non_breaking_space_is_named_not_echoed(cls: type, argument: str, header: str) -> None:
    with pytest.raises(ValueError) as caught:
        cls("http://127.0.0.1:9/", **{argument: SECRET + "\u00a0"})
    message = str(caught.value)
    assert message == (
        f"{argument} ({header} header): has U+00A0 NO-BREAK SPACE at position {len(SECRET) + 1}, "
        "which an HTTP header cannot carry; copy the token again"
    )
    assert SECRET not in repr(caught.value) and caught.value.__cause__ is None


def test_the_environment_variable_is_named_when_it_is_the_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNAPSE_ACCESS_TOKEN", "tök" + SECRET)
    with pytest.raises(
        ValueError, match=r"^SYNAPSE_ACCESS_TOKEN \(Synapse-Access-Token header\): has U\+00F6 "
    ):
        BackendClient("http://127.0.0.1:9/")


@pytest.mark.parametrize(
    ("char", "described"), [("\x00", "U+0000 a control character"), ("\t", "U+0009 a control")]
)
def test_control_characters_too_and_copies_are_checked(char: str, described: str) -> None:
    with (
        BackendClient("http://127.0.0.1:9/", access_token=SECRET) as client,
        pytest.raises(
            ValueError, match="^" + re.escape(f"tenant (Synapse-Tenant header): has {described}")
        ) as caught,
    ):
        client.with_options(tenant=SECRET + char)
    assert SECRET not in str(caught.value)
