"""Errors that end a request with a JSON reply in the style of Django REST framework."""

from __future__ import annotations

from typing import Any

NOT_FOUND = "Not found."
NOT_AUTHENTICATED = "Authentication credentials were not provided."
INVALID_TOKEN = "Invalid token."
PERMISSION_DENIED = "You do not have permission to perform this action."


class HttpError(Exception):
    """Raised anywhere below the handler; the server turns it into the reply."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body
        self.headers = headers or {}


def detail(status: int, message: str, headers: dict[str, str] | None = None) -> HttpError:
    return HttpError(status, {"detail": message}, headers)


def not_found(message: str = NOT_FOUND) -> HttpError:
    return detail(404, message)


def field_errors(errors: dict[str, list[str]]) -> HttpError:
    return HttpError(400, errors)


def unauthorized(message: str) -> HttpError:
    # DRF's TokenAuthentication names its scheme so that 401 rather than 403 is sent.
    return detail(401, message, {"WWW-Authenticate": "Token"})
