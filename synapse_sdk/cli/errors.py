"""Exit codes of the `synapse` command, and the one place that turns failures into them.

Every failure ends as one line on stderr (`error: ...`) and one of these codes, never a
traceback. A `ClientError` keeps its own message (secrets are already redacted by the client).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum

import typer

from synapse_sdk.clients import exceptions as exc

from .redaction import without_echoed_secrets


class ExitCode(IntEnum):
    """The documented exit codes (`synapse --help` lists them)."""

    OK = 0
    ERROR = 1  # anything else: 409 conflict, an unexpected status, a reply that is not JSON
    USAGE = 2  # bad options or --data, missing configuration, or input the server rejected (400/422)
    NOT_FOUND = 3  # 404
    AUTH = 4  # 401/403: missing, wrong or insufficient credentials
    SERVER = 5  # 5xx, 429 after retries, or the server could not be reached
    TIMEOUT = 6  # no answer in time, or `job wait --timeout` ran out
    JOB_FAILED = 7  # `job wait` saw the job end in a failed status
    INTERRUPTED = 130  # Ctrl-C


EXIT_CODES_HELP = (
    "Exit codes: 0 ok, 1 other error, 2 usage or invalid input, 3 not found, "
    "4 authentication or permission, 5 server or connection, 6 timeout, 7 job failed, 130 interrupted."
)


class CliError(Exception):
    """A failure the command detected itself (bad input, missing configuration): no request sent."""

    def __init__(self, message: str, code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# Most specific first: APITimeoutError before the generic ClientError, and so on.
_CLIENT_ERROR_CODES: tuple[tuple[type[exc.ClientError], ExitCode], ...] = (
    (exc.ValidationError, ExitCode.USAGE),
    (exc.NotFoundError, ExitCode.NOT_FOUND),
    (exc.AuthenticationError, ExitCode.AUTH),
    (exc.PermissionDeniedError, ExitCode.AUTH),
    (exc.APITimeoutError, ExitCode.TIMEOUT),
    (exc.APIConnectionError, ExitCode.SERVER),
    (exc.ServerError, ExitCode.SERVER),
    (exc.RateLimitError, ExitCode.SERVER),
)


def exit_code_for(error: exc.ClientError) -> ExitCode:
    for cls, code in _CLIENT_ERROR_CODES:
        if isinstance(error, cls):
            return code
    return ExitCode.ERROR


def _one_line(text: str) -> str:
    return " ".join(text.split())


def describe(error: exc.ClientError) -> str:
    """The error's message, with the server's field errors spelled out for a 400."""
    message = str(error)
    if isinstance(error, exc.ValidationError) and isinstance(error.response, dict):
        fields = "; ".join(
            f"{key}: {' '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in error.response.items()
            if key != "detail"
        )
        if fields and fields not in message:
            message = f"{message} ({fields})"
    if error.response is not None:
        # A server may echo what it refused (DRF does): values under secret-named keys go.
        message = without_echoed_secrets(message, error.response)
    # The client's hints name its Python arguments; say the command's options instead.
    message = message.replace("pass it in extra_body={...}", "pass it in --extra '{...}'")
    message = message.replace(
        "pass timeout= to wait longer", "pass synapse --request-timeout SECONDS to wait longer"
    )
    message = message.replace("is base_url right?", "is the server URL (--base-url) right?")
    message = message.replace("is base_url (", "is the server URL --base-url (")
    return _one_line(message)


def fail(message: str, code: ExitCode) -> typer.Exit:
    """Print `error: message` on stderr; returns the `typer.Exit` to raise."""
    print(f"error: {_one_line(message)}", file=sys.stderr, flush=True)
    return typer.Exit(int(code))


@contextmanager
def handled() -> Iterator[None]:
    """Run a command body: failures become one stderr line and their exit code."""
    try:
        yield
    except CliError as error:
        raise fail(error.message, error.code) from None
    except exc.ClientError as error:
        raise fail(describe(error), exit_code_for(error)) from None
    except typer.Abort as error:  # a prompt (`synapse login`) met Ctrl-C or the end of input
        if isinstance(error.__cause__, EOFError):
            raise fail("no input for the prompt", ExitCode.USAGE) from None
        raise _interrupted() from None
    except KeyboardInterrupt:
        # Whatever was in flight (an upload, a wait) is abandoned: the client is closed on the
        # way out, which drops its connections.
        raise _interrupted() from None


# What Ctrl-C leaves behind, said by the command that was running (`interrupting`).
_state: list[Callable[[], str]] = []


@contextmanager
def interrupting(message: str | Callable[[], str]) -> Iterator[None]:
    """While the block runs, Ctrl-C reports `message` (what was and was not done); a callable
    is asked at the moment of the interruption."""
    _state.append(message if callable(message) else lambda: message)
    try:
        yield
    except KeyboardInterrupt:
        _said.append(_state[-1]())  # asked now: the block's resources are still open
        raise
    finally:
        _state.pop()


_said: list[str] = []


def interrupted_what() -> str:
    return _said.pop() if _said else "nothing more was done"


def _interrupted() -> typer.Exit:
    print(f"error: interrupted; {interrupted_what()}", file=sys.stderr, flush=True)
    return typer.Exit(int(ExitCode.INTERRUPTED))
