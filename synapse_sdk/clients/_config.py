"""Where a client's settings come from: arguments first, then `SYNAPSE_*` environment variables.

Explicit arguments always win, `None` included (`access_token=None` sends no token even when
`SYNAPSE_ACCESS_TOKEN` is set); an argument left out (`NOT_GIVEN`) falls back to its variable.
An empty variable counts as unset, and surrounding whitespace (`$(cat token-file)`) is dropped.

The production SDK's variables are read too, after ours (ours win when both are set):
`SYNAPSE_HOST` for the base URL, and inside a plugin run on the platform the pair
`SYNAPSE_PLUGIN_RUN_USER_TOKEN` (sent as `Authorization`) and `SYNAPSE_PLUGIN_RUN_TENANT`.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Any, Final

import httpx

from ._redact import redact

__all__ = ["ENV", "ENV_FALLBACKS", "NOT_GIVEN", "NotGiven", "auth_headers", "base_url", "env_value", "token"]


class NotGiven:
    """The type of `NOT_GIVEN`: an argument that was left out. Distinct from `None`, which
    may mean something (no token, the default timeout)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

# argument -> environment variable, in the order of the constructor
ENV: Final = {
    "base_url": "SYNAPSE_BASE_URL",
    "access_token": "SYNAPSE_ACCESS_TOKEN",
    "authorization_token": "SYNAPSE_AUTHORIZATION_TOKEN",
    "tenant": "SYNAPSE_TENANT",
    "agent_token": "SYNAPSE_AGENT_TOKEN",
}
# argument -> the production SDK's variables, read when ours is unset (see
# synapse_sdk/utils/auth.py of synapse-sdk 2026.2.17: its plugin runs carry these).
ENV_FALLBACKS: Final = {
    "base_url": ("SYNAPSE_HOST",),
    "authorization_token": ("SYNAPSE_PLUGIN_RUN_USER_TOKEN",),
    "tenant": ("SYNAPSE_PLUGIN_RUN_TENANT",),
}
# argument -> header; each is sent as `Token <value>`, only when there is a value
HEADERS: Final = {
    "access_token": "Synapse-Access-Token",
    "authorization_token": "Authorization",
    "tenant": "Synapse-Tenant",
    "agent_token": "SYNAPSE-Agent",
}
_SCHEMES = ("token ", "bearer ")

MISSING_BASE_URL = (
    "no base URL: pass base_url, as in {owner}('https://synapse.example.com/api/'), or set "
    "SYNAPSE_BASE_URL (or the production SDK's SYNAPSE_HOST; tokens likewise: access_token= or SYNAPSE_ACCESS_TOKEN, tenant= or "
    "SYNAPSE_TENANT, authorization_token= or SYNAPSE_AUTHORIZATION_TOKEN, agent_token= or SYNAPSE_AGENT_TOKEN)"
)


def env_value(name: str) -> tuple[str | None, str]:
    """The value of an argument's variable (ours first, then the production SDK's) and the
    variable it came from; `(None, ours)` when none is set."""
    for variable in (ENV[name], *ENV_FALLBACKS.get(name, ())):
        value = os.environ.get(variable, "").strip()
        if value:
            return value, variable
    return None, ENV[name]


def base_url(value: object, owner: str = "BackendClient") -> tuple[httpx.URL, str]:
    """The base URL (ending in `/`) and where it came from, or ValueError saying how to give one."""
    source = "base_url"
    if value is None or isinstance(value, NotGiven):
        value, source = env_value("base_url")
        if value is None:
            raise ValueError(MISSING_BASE_URL.format(owner=owner))
    if not isinstance(value, str | httpx.URL) or not str(value).startswith(("http://", "https://")):
        raise ValueError(
            f"{source} must be an http(s) URL such as https://synapse.example.com/api/, got {redact(repr(value))}"
        )
    return httpx.URL(str(value).rstrip("/") + "/"), source


def token(name: str, value: Any) -> tuple[str | None, str]:
    """A token argument or, when it was left out, its variable; and the name to blame."""
    if isinstance(value, NotGiven):
        return env_value(name)
    return value, name


def _unsendable(value: str) -> str | None:
    """The first character a header value cannot carry (printable ASCII only), described without
    the rest of the value: a pasted non-breaking space is `U+00A0 NO-BREAK SPACE at position 41`."""
    for position, char in enumerate(value, 1):
        if not " " <= char <= "~":
            name = unicodedata.name(char, "a control character")
            return f"has U+{ord(char):04X} {name} at position {position}"
    return None


def auth_headers(tokens: dict[str, tuple[str | None, str]]) -> dict[str, str]:
    """`{header: 'Token <value>'}` for each token that has a value. A malformed value is refused
    naming the argument (or variable) and the header, never echoing the value."""
    headers = {}
    for name, (value, source) in tokens.items():
        if value is None:
            continue
        header = HEADERS[name]
        where = f"{source} ({header} header)"
        if not isinstance(value, str) or not value or any(ch in value for ch in "\r\n"):
            raise ValueError(f"{where}: the token must be a non-empty string on one line")
        if bad := _unsendable(value):
            raise ValueError(f"{where}: {bad}, which an HTTP header cannot carry; copy the token again")
        if value.lower().startswith(_SCHEMES):
            scheme = value.split(" ", 1)[0]
            raise ValueError(
                f"{where}: starts with {scheme!r}; pass the token alone, the client sends 'Token <token>' itself"
            )
        headers[header] = f"Token {value}"
    return headers
