"""`synapse doctor`: what is wrong between this machine and the server, each check one line.

`ok`, `warn` or `fail`, what was found, and for anything not ok a `fix:` line. The checks run in
order and a failure skips those that need it (no server: no token check). Exit 0 when nothing
failed (warnings allowed), 1 otherwise. Every request is bounded (`TIMEOUT` seconds) and goes
only to the configured server; the token goes only where `synapse` would send it.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import typer
from rich.text import Text

from synapse_sdk.clients import exceptions as exc
from synapse_sdk.clients._config import auth_headers
from synapse_sdk.clients.backend import BackendClient

from . import config, factory, output
from .errors import CliError, ExitCode, describe

TIMEOUT = 5.0  # seconds for each request of a check
MAX_SKEW = 30.0  # seconds of clock difference before a warning (tokens and `created_after` care)
STREAM_LINES = 50  # lines of the console-log stream read to tell its dialect
STYLES = {"ok": "green", "warn": "yellow", "fail": "red"}


@dataclass(frozen=True)
class Check:
    status: str  # ok, warn, fail
    name: str
    detail: str
    fix: str = ""


def _print(check: Check) -> None:
    line = Text(f"{check.status:<5}", style=STYLES[check.status])
    line.append(f"{check.name}: {check.detail}")
    output.render(line)
    if check.fix:
        output.render(Text(f"      fix: {check.fix}"))


def _loopback(url: httpx.URL) -> bool:
    if url.host == "localhost":
        return True
    try:
        return ipaddress.ip_address(url.host).is_loopback
    except ValueError:
        return False


def _configuration(settings: config.Settings) -> Iterator[Check]:
    sources = "; ".join(
        f"{key} from {settings.sources[key]}" if key in settings.sources else f"{key}: none"
        for key in config.KEYS
    )
    if not settings.base_url:
        yield Check(
            "fail",
            "configuration",
            f"no server ({sources})",
            "pass --base-url URL, set SYNAPSE_BASE_URL (or SYNAPSE_HOST), or run `synapse login --base-url URL`",
        )
        return
    yield Check("ok", "configuration", f"profile {settings.profile!r}; {sources}")
    if not settings.access_token:
        yield Check(
            "fail",
            "token",
            "no access token" + settings.withheld,
            "pass --token, set SYNAPSE_ACCESS_TOKEN, or run `synapse login`",
        )


def _reach(url: httpx.URL) -> tuple[list[Check], httpx.Response | None]:
    """Whether anything answers at the base URL (no credentials sent), and TLS."""
    started = time.monotonic()
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as http:
            response = http.get(url)
    except httpx.ConnectError as error:
        reason = str(error) or type(error).__name__
        if "ssl" in reason.lower() or "certificate" in reason.lower():
            return [
                Check("ok", "reachable", f"{url.host}:{url.port or 443} accepts connections"),
                Check(
                    "fail",
                    "tls",
                    reason,
                    "the server's certificate is not trusted: fix it, or point at the right host",
                ),
            ], None
        fix = "is the server up and the URL right? `synapse devserver` starts a local backend"
        return [Check("fail", "reachable", f"cannot connect to {url}: {reason}", fix)], None
    except httpx.HTTPError as error:
        return [
            Check("fail", "reachable", f"{url}: {type(error).__name__}: {error}", "is the URL right?")
        ], None
    elapsed = (time.monotonic() - started) * 1000
    checks = [Check("ok", "reachable", f"{url} answers (HTTP {response.status_code} in {elapsed:.0f} ms)")]
    if url.scheme == "https":
        checks.append(Check("ok", "tls", "certificate verified"))
    elif _loopback(url):
        checks.append(Check("ok", "tls", "plain HTTP on this machine (loopback)"))
    else:
        checks.append(
            Check(
                "warn", "tls", "plain HTTP to another machine: the token travels unencrypted", "use https://"
            )
        )
    return checks, response


def _clock(response: httpx.Response) -> Check:
    date = response.headers.get("date")
    if not date:
        return Check("warn", "clock", "the server sends no Date header; skew unknown")
    try:
        server = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError):
        return Check("warn", "clock", f"the server's Date header {date!r} is not a date")
    skew = (datetime.now(UTC) - server).total_seconds()
    detail = f"{abs(skew):.0f} s {'ahead of' if skew > 0 else 'behind'} the server"
    if abs(skew) > MAX_SKEW:
        return Check(
            "warn", "clock", detail, "set this machine's clock (NTP): times such as --created-after drift"
        )
    return Check("ok", "clock", detail)


def _token(client: BackendClient, settings: config.Settings) -> tuple[list[Check], list[Any]]:
    source = settings.sources.get("access_token", "?")
    try:
        jobs, _ = client.list_jobs({"page_size": 1})
    except (exc.AuthenticationError, exc.PermissionDeniedError) as error:
        fix = "get a valid token and run `synapse login`, or set SYNAPSE_ACCESS_TOKEN"
        return [Check("fail", "token", f"refused: {describe(error)}", fix)], []
    except exc.NotFoundError as error:
        fix = "the base URL must be the API root: the URL the local backend prints, or your Synapse host"
        return [Check("fail", "token", f"jobs/ not found: {describe(error)}", fix)], []
    except exc.ClientError as error:
        return [Check("fail", "token", describe(error), "see `synapse --verbose whoami`")], []
    checks = [
        Check("ok", "token", f"accepted (an access token, from {source}, sent as Synapse-Access-Token)")
    ]
    if settings.tenant:
        checks.append(
            Check("ok", "tenant", f"sent as Synapse-Tenant, from {settings.sources.get('tenant')}; accepted")
        )
    else:
        checks.append(Check("ok", "tenant", "none set (needed only where the server serves several tenants)"))
    return checks, list(jobs)


def _stream(url: httpx.URL, settings: config.Settings, job: Any) -> Check:
    """Open one job's console-log stream and tell its dialect from the first frames."""
    headers = auth_headers(
        {"access_token": (settings.access_token, "access_token"), "tenant": (settings.tenant, "tenant")}
    )
    headers["Accept"] = "text/event-stream"
    target = url.join(f"jobs/{job['id']}/tail_console_logs/")
    saw_id = False
    try:
        with (
            httpx.Client(timeout=httpx.Timeout(TIMEOUT, read=3.0), follow_redirects=False) as http,
            http.stream("GET", target, headers=headers) as response,
        ):
            kind = response.headers.get("content-type", "")
            if response.status_code != 200 or not kind.startswith("text/event-stream"):
                return Check(
                    "warn",
                    "stream",
                    f"the server answers the log stream with HTTP {response.status_code} {kind or 'no type'}",
                    "`job logs --follow` polls instead (slower, works)",
                )
            for count, line in enumerate(response.iter_lines()):
                if count >= STREAM_LINES:
                    break
                saw_id = saw_id or line.startswith("id:")
                if not line.startswith("data:"):
                    continue
                try:
                    frame = json.loads(line[5:].strip())
                except ValueError:
                    continue
                if isinstance(frame, dict) and frame.get("type") in {"connected", "log", "complete", "error"}:
                    return Check(
                        "ok",
                        "stream",
                        "server-sent events, production dialect (typed frames, no resume): "
                        "`--follow` skips what it already printed when it reconnects",
                    )
                if isinstance(frame, dict) and saw_id:
                    return Check(
                        "ok",
                        "stream",
                        "server-sent events with event ids and resume (the documented dialect)",
                    )
    except httpx.ReadTimeout:
        pass
    except httpx.HTTPError as error:
        return Check(
            "warn", "stream", f"{type(error).__name__}: {error}", "`job logs --follow` polls instead"
        )
    return Check("warn", "stream", f"no log frame from job {job['id']} within 3 s; dialect unknown")


def run_checks(ctx: typer.Context) -> list[Check]:
    try:
        settings = factory.settings(ctx)
    except CliError as error:
        return [Check("fail", "configuration", error.message, "fix or remove the file it names")]
    checks = list(_configuration(settings))
    if not settings.base_url:
        return checks
    try:
        url = httpx.URL(settings.base_url.rstrip("/") + "/")
        if url.scheme not in ("http", "https"):
            raise ValueError
    except (ValueError, httpx.InvalidURL):
        return [
            *checks,
            Check(
                "fail",
                "reachable",
                f"{settings.base_url!r} is not an http(s) URL",
                "pass --base-url https://...",
            ),
        ]
    reached, response = _reach(url)
    checks += reached
    if response is None:
        return checks
    checks.append(_clock(response))
    if not settings.access_token:
        return checks
    try:
        with factory.client(ctx) as client:
            found, jobs = _token(client.with_options(timeout=TIMEOUT, max_retries=0), settings)
    except CliError as error:
        return [*checks, Check("fail", "token", error.message)]
    checks += found
    if any(check.status == "fail" for check in found):
        return checks
    if not jobs:
        return [*checks, Check("warn", "stream", "no job to open a log stream on; dialect unknown")]
    return [*checks, _stream(url, settings, jobs[0])]


def doctor(ctx: typer.Context) -> None:
    """Check the configuration, the server, the token, the clock and the log stream; exit 1 if any fails."""
    checks = run_checks(ctx)
    for check in checks:
        _print(check)
    if any(check.status == "fail" for check in checks):
        raise typer.Exit(int(ExitCode.ERROR))
