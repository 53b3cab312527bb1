"""Where the `synapse` command finds its server and credentials.

Each setting comes from the first of: a flag (`--base-url`, `--token`, `--tenant`), the
environment (`SYNAPSE_BASE_URL`, `SYNAPSE_ACCESS_TOKEN`, `SYNAPSE_TENANT`, as the Python client
reads them), then a profile of the file `synapse login` writes:
`$XDG_CONFIG_HOME/synapse/config.toml` (default `~/.config/synapse/config.toml`)::

    [profiles.default]
    base_url = "https://synapse.example.com/api/"
    access_token = "..."
    tenant = "..."

The profile is `--profile`, else `SYNAPSE_PROFILE`, else `default`; naming one that the file
does not have is an error. Decision: a profile's token is only sent to that profile's own
`base_url`; when the URL comes from a flag or the environment, so must the token.
The file is written atomically (a temporary file in the same folder, renamed) with mode 0600.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CliError

DEFAULT_PROFILE = "default"
KEYS = ("base_url", "access_token", "tenant")
ENVIRONMENT = {
    "base_url": "SYNAPSE_BASE_URL",
    "access_token": "SYNAPSE_ACCESS_TOKEN",
    "tenant": "SYNAPSE_TENANT",
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
    """What a command connects with, and where each value came from (for `login --show`)."""

    base_url: str | None
    access_token: str | None
    tenant: str | None
    profile: str
    sources: Mapping[str, str]
    withheld: str = ""  # why a profile's token was not used, for the error message

    def require_base_url(self) -> str:
        if not self.base_url:
            raise CliError(
                "no server: pass --base-url, set SYNAPSE_BASE_URL, or run `synapse login --base-url URL`"
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
) -> Settings:
    """Flags, then the environment, then the profile file."""
    env = os.environ if environ is None else environ
    name = profile or env.get("SYNAPSE_PROFILE") or DEFAULT_PROFILE
    profiles = read_profiles(path)
    if name not in profiles and (profile or env.get("SYNAPSE_PROFILE")):
        known = ", ".join(sorted(profiles)) or "none"
        raise CliError(
            f"unknown profile {name!r} in {path or config_path()} (profiles: {known}); "
            f"create it with `synapse login --profile {name}`"
        )
    stored = profiles.get(name, {})
    flags: dict[str, str | None] = {"base_url": base_url, "access_token": access_token, "tenant": tenant}
    values: dict[str, str | None] = {}
    sources: dict[str, str] = {}
    for key in KEYS:
        if flags[key]:
            values[key], sources[key] = flags[key], "flag"
        elif env.get(ENVIRONMENT[key]):
            values[key], sources[key] = env[ENVIRONMENT[key]], ENVIRONMENT[key]
        elif stored.get(key):
            values[key], sources[key] = stored[key], f"profile {name}"
        else:
            values[key] = None
    # A profile's token (and tenant) belong to the profile's server: never send them elsewhere.
    profile_url = stored.get("base_url")
    from_profile = f"profile {name}"
    withheld = ""
    if values["base_url"] and _norm(profile_url) != _norm(values["base_url"]):
        for key in ("access_token", "tenant"):
            if sources.get(key) == from_profile:
                values[key] = None
                del sources[key]
                if key == "access_token":
                    withheld = (
                        f" (profile {name!r} holds a token for {profile_url}, not for {values['base_url']})"
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
