"""A client's settings: base URL, tokens, timeout, retry policy, its pool and its limiter.

`ClientSettings` is what `BackendClient(...)` and `with_options(...)` set up; the boundary that
sends requests with them (`_base`) builds on it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Self

import httpx

from . import _config, _deadline, _errors, _limit, _limits, _policy
from ._config import NOT_GIVEN, NotGiven
from ._limits import Limits
from ._policy import RetryPolicy
from ._redact import install_log_filters, register_secrets
from ._responses import RawResponseView


class _Lifetime:
    """Whether a client (and every `with_options` copy sharing its pool) has been closed."""

    __slots__ = ("closed",)

    def __init__(self) -> None:
        self.closed = False


class ClientSettings:
    _plumbing = True  # not an API method: `with_raw_response` leaves these out
    # Set on the copies `with_raw_response` makes: every final answer of the call is noted.
    _recorder: list[httpx.Response] | None = None
    _http: httpx.Client | httpx.AsyncClient
    _limiter: _limit.SyncLimiter | _limit.AsyncLimiter

    def __init__(
        self,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        access_token: str | NotGiven | None = NOT_GIVEN,
        *,
        authorization_token: str | NotGiven | None = NOT_GIVEN,
        tenant: str | NotGiven | None = NOT_GIVEN,
        agent_token: str | NotGiven | None = NOT_GIVEN,
        timeout: float | httpx.Timeout | Mapping[str, float] | None = None,
        attempt_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_policy: RetryPolicy | None = None,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        max_concurrency: int | NotGiven | None = NOT_GIVEN,
        limits: Limits | None = None,
    ) -> None:
        """Args:
        base_url: the backend's URL, e.g. `https://synapse.example.com/api/`; default: the
            environment variable `SYNAPSE_BASE_URL`.
        access_token, authorization_token, tenant, agent_token: sent as
            `Synapse-Access-Token`, `Authorization`, `Synapse-Tenant` and `SYNAPSE-Agent`
            headers (`Token <value>`: pass the token alone), each only when it has a value.
            Left out, each is read from `SYNAPSE_ACCESS_TOKEN`, `SYNAPSE_AUTHORIZATION_TOKEN`,
            `SYNAPSE_TENANT` and `SYNAPSE_AGENT_TOKEN`; `None` sends none whatever the
            environment says.
        timeout: seconds for each connect/read/write (connect at most 5 s), an
            `httpx.Timeout`, or the production SDK's `{'connect': 5, 'read': 15}`; default 5 s
            to connect and 15 s to read.
        attempt_timeout: seconds one attempt may take in all (connecting, sending, the whole
            answer), however the server trickles it; default 120, an upload's grows with its
            package (docs/limits.md); None: no bound beyond `timeout`'s per-read ones.
        max_retries: retries after the first attempt for failures that are safe to retry
            (see `RetryPolicy`); default 3, 0 turns retries off.
        retry_policy: the full `RetryPolicy`, for finer control; `max_retries`, if given,
            overrides its count.
        http_client: an httpx client of your own (proxies, certificates, event hooks). It is
            never changed: the base URL, tokens and timeout go on each request, and `close()`
            leaves it open (it is yours to close).
        max_concurrency: the most attempts this client (and its `with_options` copies) has in
            flight at once; more calls wait their turn. Default: the connection pool's size
            (httpx's 100 unless `http_client` says otherwise); None: no limit.
        limits: a `Limits`: how large a reply, a stream line or event may be, how long a stream
            may idle; default `Limits()` (docs/limits.md).
        """
        from synapse_api import Client

        install_log_filters()
        self.base_url, _ = _config.base_url(base_url, type(self).__name__)
        self._base = str(self.base_url)
        self._tokens = {
            "access_token": _config.token("access_token", access_token),
            "authorization_token": _config.token("authorization_token", authorization_token),
            "tenant": _config.token("tenant", tenant),
            "agent_token": _config.token("agent_token", agent_token),
        }
        register_secrets((*(value for value, _ in self._tokens.values()), self.base_url.password))
        self._headers = _config.auth_headers(self._tokens)
        self._timeout = _policy.make_timeout(timeout)
        self._limits = _limits.check(limits)
        self._attempt_timeout = (
            _deadline.DEFAULT_ATTEMPT_TIMEOUT
            if isinstance(attempt_timeout, NotGiven)
            else _deadline.check_setting(attempt_timeout)
        )
        policy = retry_policy or RetryPolicy()
        self._retry = policy if isinstance(max_retries, NotGiven) else policy.evolve(max_retries=max_retries)
        # Tokens are not the pool's: `with_options` copies share it and send other headers.
        self._api = Client(base_url=self._base, timeout=self._timeout)
        self._owns_http = http_client is None
        self._lifetime = _Lifetime()
        # Made now, not on first use: threads sharing a new client must share one pool.
        self._attach_http(http_client)
        limit = _limit.pool_size(self._http) if isinstance(max_concurrency, NotGiven) else max_concurrency
        self._attach_limiter(_limit.check_limit(limit))

    def _attach_http(self, http_client: httpx.Client | httpx.AsyncClient | None) -> None:
        raise NotImplementedError

    def _attach_limiter(self, limit: int | None) -> None:
        raise NotImplementedError

    @property
    def max_concurrency(self) -> int | None:
        return self._limiter.limit

    @property
    def max_retries(self) -> int:
        return self._retry.max_retries

    @property
    def timeout(self) -> httpx.Timeout:
        return self._timeout

    @property
    def retry_policy(self) -> RetryPolicy:
        return self._retry

    @property
    def limits(self) -> Limits:
        return self._limits

    @property
    def attempt_timeout(self) -> float | None:
        return self._attempt_timeout

    def with_options(
        self,
        *,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        access_token: str | NotGiven | None = NOT_GIVEN,
        authorization_token: str | NotGiven | None = NOT_GIVEN,
        tenant: str | NotGiven | None = NOT_GIVEN,
        agent_token: str | NotGiven | None = NOT_GIVEN,
        timeout: float | httpx.Timeout | Mapping[str, float] | NotGiven | None = NOT_GIVEN,
        attempt_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_policy: RetryPolicy | NotGiven = NOT_GIVEN,
        limits: Limits | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A client that shares this one's connection pool, with the settings given changed and
        the others kept: `client.with_options(max_retries=0).update_job(...)`,
        `client.with_options(tenant='other').list_jobs()`. A token given as None is dropped.
        Nothing is read from the environment here. Closing either closes both."""
        clone = copy.copy(self)
        if not isinstance(base_url, NotGiven):
            if base_url is None:
                raise ValueError("base_url: a copy needs a URL; leave base_url out to keep this client's")
            clone.base_url, _ = _config.base_url(base_url)
            clone._base = str(clone.base_url)
            register_secrets((clone.base_url.password,))
        given = {
            "access_token": access_token,
            "authorization_token": authorization_token,
            "tenant": tenant,
            "agent_token": agent_token,
        }
        changed = {name: (value, name) for name, value in given.items() if not isinstance(value, NotGiven)}
        if changed:
            clone._tokens = {**self._tokens, **changed}
            register_secrets(value for value, _ in changed.values())
            clone._headers = _config.auth_headers(clone._tokens)
        if not isinstance(timeout, NotGiven):
            clone._timeout = _policy.make_timeout(timeout)
        if not isinstance(attempt_timeout, NotGiven):
            clone._attempt_timeout = _deadline.check_setting(attempt_timeout)
        if not isinstance(retry_policy, NotGiven):
            if not isinstance(retry_policy, RetryPolicy):
                raise TypeError(f"retry_policy must be a RetryPolicy, got {type(retry_policy).__name__}")
            clone._retry = retry_policy
        if not isinstance(max_retries, NotGiven):
            clone._retry = clone._retry.evolve(max_retries=max_retries)
        if not isinstance(limits, NotGiven):
            clone._limits = _limits.check(limits)
        return clone

    @property
    def with_raw_response(self) -> RawResponseView:
        """The same methods, each returning a `RawResponse`: the result (`.parsed`) with the
        answer's `.status_code`, `.headers` and `.request_id`:
        `client.with_raw_response.get_job(789).request_id`."""
        return RawResponseView(self)

    def _recording(self) -> tuple[Self, list[httpx.Response]]:
        """A copy of this client that notes each final answer in the list returned with it."""
        clone = copy.copy(self)
        clone._recorder = []
        return clone, clone._recorder

    def __repr__(self) -> str:
        # Never the headers (they hold the tokens), nor a password in the URL.
        return f"{type(self).__name__}(base_url={_errors.safe_url(self.base_url)!r})"

    # -- I/O-free steps of a call -------------------------------------------------------------
