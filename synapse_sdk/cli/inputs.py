"""Request bodies from the command line: `--data` (inline JSON, `@file.json` or `-` for stdin)
merged with the command's own options, which win over keys of `--data`."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import CliError

DATA_HELP = "The body as JSON: inline '{...}', @file.json, or - to read stdin. Options override its keys."


def _read(source: str) -> tuple[str, str]:
    """The text of `--data` and a name for it in messages."""
    if source == "-":
        return sys.stdin.read(), "--data from stdin"
    if source.startswith("@"):
        path = Path(source[1:])
        try:
            return path.read_text(encoding="utf-8"), f"--data file {str(path)!r}"
        except OSError as error:
            raise CliError(f"cannot read --data file {str(path)!r}: {error.strerror or error}") from None
        except UnicodeDecodeError:
            raise CliError(f"--data file {str(path)!r} is not UTF-8 text") from None
    return source, "--data"


def parse_json(source: str, name: str) -> Any:
    try:
        return json.loads(source)
    except json.JSONDecodeError as error:
        raise CliError(
            f"{name} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None


def parse_object(source: str, name: str) -> dict[str, Any]:
    value = parse_json(source, name)
    if not isinstance(value, dict):
        raise CliError(f"{name} must be a JSON object {{...}}, got {type(value).__name__}")
    return value


def body(data: str | None, **options: Any) -> dict[str, Any]:
    """`--data` as a dict, updated with every option that was given (not None)."""
    result: dict[str, Any] = {}
    if data is not None:
        text, name = _read(data)
        result = parse_object(text, name)
    result.update({key: value for key, value in options.items() if value is not None})
    return result


def json_option(value: str | None, option: str) -> dict[str, Any] | None:
    """An option whose value is a JSON object (`--configuration '{...}'`)."""
    return None if value is None else parse_object(value, option)


def key_values(pairs: list[str] | None, option: str) -> dict[str, Any]:
    """`--param key=value` pairs; a value that reads as JSON (1, true, [..]) is taken as JSON."""
    result: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise CliError(f"{option} {pair!r}: expected KEY=VALUE")
        try:
            result[key] = json.loads(raw)
        except json.JSONDecodeError:
            result[key] = raw
    return result


def merged(base: Mapping[str, Any] | None, extra: Mapping[str, Any]) -> dict[str, Any] | None:
    if base is None and not extra:
        return None
    return {**(base or {}), **extra}
