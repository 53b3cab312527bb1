"""Token authentication as the Synapse backend does it, driven by the operations' security requirements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .errors import INVALID_TOKEN, NOT_AUTHENTICATED, unauthorized
from .validation import Operation

# Schemes whose header selects something (the tenant) rather than proving who the caller is.
SELECTOR_SCHEMES = frozenset({"Tenant"})
# Schemes an agent authenticates with: a registered agent token is good there even in strict mode.
AGENT_SCHEMES = frozenset({"AgentToken"})
KEYWORD = "token"


class Headers(Protocol):
    """Case-insensitive header access, as ``email.message.Message`` offers it."""

    def get(self, name: str, /) -> str | None: ...


@dataclass(frozen=True)
class TokenPolicy:
    """Which tokens the server takes: ``tokens=None`` accepts any well-formed token (dev mode)."""

    tokens: frozenset[str] | None = None
    readonly: frozenset[str] = frozenset()

    def accepts(self, scheme: str, token: str, is_agent_token: Callable[[str], bool]) -> bool:
        if self.tokens is None or token in self.tokens or token in self.readonly:
            return True
        return scheme in AGENT_SCHEMES and is_agent_token(token)


@dataclass(frozen=True)
class Identity:
    can_write: bool


def _token(value: str) -> str:
    parts = value.split()
    if len(parts) != 2 or parts[0].lower() != KEYWORD:
        raise unauthorized(INVALID_TOKEN)
    return parts[1]


def authenticate(
    operation: Operation,
    headers: Headers,
    policy: TokenPolicy,
    is_agent_token: Callable[[str], bool],
) -> Identity:
    """The caller's identity, or ``HttpError`` 401 with DRF's message."""
    if operation.is_public:
        return Identity(can_write=True)
    present: dict[str, str] = {}
    for name in sorted(frozenset().union(*operation.security)):
        scheme = operation.schemes.get(name)
        value = headers.get(scheme.header) if scheme else None
        if value is None:
            continue
        present[name] = _token(value)
        if name not in SELECTOR_SCHEMES and not policy.accepts(name, present[name], is_agent_token):
            raise unauthorized(INVALID_TOKEN)
    satisfied = [req for req in operation.security if req and req <= present.keys()]
    if not satisfied:
        raise unauthorized(NOT_AUTHENTICATED)
    credentials = {present[name] for req in satisfied for name in req if name not in SELECTOR_SCHEMES}
    return Identity(can_write=any(token not in policy.readonly for token in credentials))
