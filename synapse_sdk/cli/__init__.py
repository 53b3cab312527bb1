"""The `synapse` command: the integration API from a terminal (install the `cli` extra).

One module per noun (`plugin`, `release`, `job`, `storage`, `agent`, `login`, `devserver`),
`listing` makes the list commands from the document, `doctor` and `settings` look inside,
`factory` builds the client from flags, environment and profile (`config`), `output` prints
tables, JSON or YAML, `progress` draws bars, `errors` holds the exit codes, `group` what every
command shares (one-line usage errors, `--verbose`, redaction of everything printed).

This module imports nothing from typer or rich: the console script is installed without the
`cli` extra too, and must then say how to get it rather than fail with a traceback.
"""

from __future__ import annotations

import sys

__all__ = ["main"]

MISSING_EXTRA = (
    "error: the synapse command needs the cli extra ({missing} is not installed)\n"
    "hint: pip install 'synapse-sdk-integration[cli]'"
)


def main() -> None:
    """The console script's entry point."""
    try:
        import rich  # noqa: F401
        import typer  # noqa: F401
    except ImportError as error:
        print(MISSING_EXTRA.format(missing=error.name or "a dependency"), file=sys.stderr)
        raise SystemExit(1) from None
    from .app import app

    app(prog_name="synapse")
