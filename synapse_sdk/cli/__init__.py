"""The `synapse` command: the integration API from a terminal (install the `cli` extra).

One module per noun (`plugin`, `release`, `job`, `storage`, `agent`, `login`, `devserver`),
`factory` builds the client from flags, environment and profile (`config`), `output` prints
tables or the server's JSON, `progress` draws bars, `errors` holds the exit codes.
"""

from __future__ import annotations

__all__ = ["main"]


def main() -> None:
    """The console script's entry point."""
    from .app import app

    app(prog_name="synapse")
