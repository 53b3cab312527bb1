"""Where the `synapse` command finds its server and credentials.

Each setting comes from the first of: a flag (`--base-url`/`--host`, `--token`/`-t`,
`--tenant`), the environment (the Python client's variables, `synapse_sdk/clients/_config.py`:
`SYNAPSE_BASE_URL`, `SYNAPSE_ACCESS_TOKEN`, `SYNAPSE_TENANT`, then the production SDK's
`SYNAPSE_HOST` and `SYNAPSE_PLUGIN_RUN_TENANT`), a profile of the file `synapse login` writes:
`$XDG_CONFIG_HOME/synapse/config.toml` (default `~/.config/synapse/config.toml`)::

    [profiles.default]
    base_url = "https://synapse.example.com/api/"
    access_token = "..."
    tenant = "..."

and last the production CLI's `~/.synapse/config.json` (`host`, `access_token`, `tenant`), read
only, as the default profile when ours has none: where ours and theirs differ, ours wins.

The profile is `--profile`, else `SYNAPSE_PROFILE`, else `default`; naming one that the file
does not have is an error. Decision: a stored token (and tenant) is only sent to the server
stored beside it; when the URL comes from a flag or the environment, so must the token.
The file is written atomically (a temporary file in the same folder, renamed) with mode 0600.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synapse_sdk.clients._config import ENV, ENV_FALLBACKS

from .errors import CliError

DEFAULT_PROFILE = "default"
KEYS = ("base_url", "access_token", "tenant")
PRODUCTION_FILE = "~/.synapse/config.json"
# The production CLI's names for our keys in its config.json.
PRODUCTION_KEYS = {"base_url": "host", "access_token": "access_token", "tenant": "tenant"}


def variables(key: str) -> tuple[str, ...]:
    """The environment variables of a setting, in the order they are read."""
    return (ENV[key], *ENV_FALLBACKS.get(key, ()))


def from_environment(key: str, environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """`(variable, value)` of the first of a setting's variables that is set (empty counts as unset)."""
    env = os.environ if environ is None else environ
    return next(((v, env[v].strip()) for v in variables(key) if env.get(v, "").strip()), None)


def production_path() -> Path:
    return Path(os.path.expanduser(PRODUCTION_FILE))


def read_production_file(path: Path | None = None) -> dict[str, str]:
    """The production CLI's `~/.synapse/config.json` in our keys; absent or unreadable: empty.

    It is the production CLI's file, read only: a broken one is its business, so it is skipped
    (as the production SDK does) rather than failing every command."""
    path = path or production_path()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict):
        return {}
    return {
        key: document[theirs].strip()
        for key, theirs in PRODUCTION_KEYS.items()
        if isinstance(document.get(theirs), str) and document[theirs].strip()
    }


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "synapse" / "config.toml"


def read_profiles(path: Path | None = None) -> dict[str, dict[str, str]]:
    """Every profile of the file; an absent file has none."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise CliError(f"cannot read the configuration file {path}: {error.strerror or error}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CliError(f"the configuration file {path} is not valid TOML: {error}") from None
    profiles = document.get("profiles", {})
    if not isinstance(profiles, dict):
        raise CliError(f"the configuration file {path}: [profiles] must be a table")
    out: dict[str, dict[str, str]] = {}
    for name, values in profiles.items():
        if not isinstance(values, dict):
            raise CliError(f"the configuration file {path}: [profiles.{name}] must be a table")
        out[name] = {key: str(values[key]) for key in KEYS if isinstance(values.get(key), str)}
    return out


def _toml_string(value: str) -> str:
    # A TOML basic string: escape what TOML requires (quote, backslash, control characters).
    escaped = []
    for char in value:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _toml_key(name: str) -> str:
    return (
        name if name and all(c.isascii() and (c.isalnum() or c in "-_") for c in name) else _toml_string(name)
    )


def render(profiles: Mapping[str, Mapping[str, str]]) -> str:
    lines = ["# Written by `synapse login`. Holds access tokens: keep it private (mode 0600)."]
    for name in sorted(profiles):
        lines += ["", f"[profiles.{_toml_key(name)}]"]
        lines += [f"{key} = {_toml_string(profiles[name][key])}" for key in KEYS if key in profiles[name]]
    text = "\n".join(lines) + "\n"
    expected = {
        name: {key: values[key] for key in KEYS if key in values} for name, values in profiles.items()
    }
    if tomllib.loads(text).get("profiles", {}) != expected:  # a bug here must not write a broken file
        raise AssertionError("the configuration did not survive a round trip through TOML")
    return text


def write_profiles(profiles: Mapping[str, Mapping[str, str]], path: Path | None = None) -> Path:
    """Replace the file with these profiles: all or nothing, readable by its owner only."""
    path = path or config_path()
    text = render(profiles)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temporary = tempfile.mkstemp(prefix=".config.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)  # before any secret is written
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        # Ctrl-C or a full disk: the old file stays as it was and no temporary is left behind.
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


@dataclass(frozen=True)
class Settings:
    """What a command connects with, and where each value came from (`config show`, `doctor`)."""

    base_url: str | None
    access_token: str | None
    tenant: str | None
    profile: str
    sources: Mapping[str, str]
    withheld: str = ""  # why a stored token was not used, for the error message

    def require_base_url(self) -> str:
        if not self.base_url:
            raise CliError(
                "no server: pass --base-url URL (or --host), set SYNAPSE_BASE_URL, "
                "or run `synapse login --base-url URL`"
            )
        return self.base_url

    def require_token(self) -> str:
        if not self.access_token:
            raise CliError(
                "no access token: pass --token, set SYNAPSE_ACCESS_TOKEN, or run `synapse login`"
                + self.withheld
            )
        return self.access_token


def resolve(
    *,
    base_url: str | None = None,
    access_token: str | None = None,
    tenant: str | None = None,
    profile: str | None = None,
    environ: Mapping[str, str] | None = None,
    path: Path | None = None,
    production: Path | None = None,
) -> Settings:
    """Flags, then the environment, then our profile, then the production CLI's file."""
    env = os.environ if environ is None else environ
    named = profile or env.get("SYNAPSE_PROFILE")
    name = named or DEFAULT_PROFILE
    profiles = read_profiles(path)
    stored, stored_source = profiles.get(name, {}), f"profile {name}"
    if name not in profiles:
        if named:
            known = ", ".join(sorted(profiles)) or "none"
            raise CliError(
                f"unknown profile {name!r} in {path or config_path()} (profiles: {known}); "
                f"create it with `synapse login --profile {name}`"
            )
        stored, stored_source = read_production_file(production), PRODUCTION_FILE
    flags: dict[str, str | None] = {"base_url": base_url, "access_token": access_token, "tenant": tenant}
    values: dict[str, str | None] = {}
    sources: dict[str, str] = {}
    for key in KEYS:
        from_env = from_environment(key, env)
        if flags[key]:
            values[key], sources[key] = flags[key], "flag"
        elif from_env is not None:
            sources[key], values[key] = from_env
        elif stored.get(key):
            values[key], sources[key] = stored[key], stored_source
        else:
            values[key] = None
    # A stored token (and tenant) belong to the server stored with them: never send them elsewhere.
    stored_url = stored.get("base_url")
    withheld = ""
    if values["base_url"] and _norm(stored_url) != _norm(values["base_url"]):
        for key in ("access_token", "tenant"):
            if sources.get(key) == stored_source:
                values[key] = None
                del sources[key]
                if key == "access_token":
                    withheld = (
                        f" ({stored_source} holds a token for {stored_url or 'no server'}, "
                        f"not for {values['base_url']})"
                    )
    return Settings(
        base_url=values["base_url"],
        access_token=values["access_token"],
        tenant=values["tenant"],
        profile=name,
        sources=sources,
        withheld=withheld,
    )


def _norm(url: str | None) -> str:
    return (url or "").rstrip("/") + "/"


def same_url(one: str | None, other: str | None) -> bool:
    """Whether two base URLs name the same server (a trailing `/` aside)."""
    return bool(one and other) and _norm(one) == _norm(other)


def mask(secret: str) -> str:
    """A token as `login --show` prints it: never more than its last 4 characters."""
    return "****" + secret[-4:] if len(secret) >= 12 else "****"


def as_table(settings: Settings) -> list[tuple[str, Any, str]]:
    rows: list[tuple[str, Any, str]] = []
    for key in KEYS:
        value = getattr(settings, key)
        shown = mask(value) if key == "access_token" and value else value
        rows.append((key, shown if shown is not None else "-", settings.sources.get(key, "")))
    return rows
