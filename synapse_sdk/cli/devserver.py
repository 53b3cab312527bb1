"""`synapse devserver`: the local backend, exactly `python -m synapse_sdk.devserver` (same options)."""

from __future__ import annotations

import typer

from .errors import ExitCode, fail

EPILOG = "Example: synapse devserver --port 8000 --db :memory: --job-duration 10"


def devserver(ctx: typer.Context) -> None:
    """Run the local Synapse backend until Ctrl-C; every option goes to `python -m synapse_sdk.devserver`."""
    try:
        from synapse_sdk.devserver.__main__ import main
    except ImportError as error:  # jsonschema comes with the devserver extra
        raise fail(
            f"the local backend needs the devserver extra ({error.name or error}): "
            "pip install 'synapse-sdk-integration[devserver]'",
            ExitCode.ERROR,
        ) from None
    args = list(ctx.args)
    if "-h" in args or "--help" in args:
        print(f"synapse devserver [OPTIONS]: {devserver.__doc__}\n{EPILOG}\n")
    try:
        code = main(args)
    except SystemExit as done:  # argparse: --help (0) or a bad option (2), its message printed already
        code = done.code if isinstance(done.code, int) else ExitCode.USAGE
    raise typer.Exit(int(code))
