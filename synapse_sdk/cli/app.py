"""The root of the `synapse` command: global options, the nouns, the documented exit codes."""

from __future__ import annotations

from importlib import metadata
from typing import Annotated

import typer

from . import agent, devserver, doctor, job, login, plugin, release, settings, storage
from .errors import EXIT_CODES_HELP
from .factory import GlobalOptions
from .group import SynapseGroup

HELP = f"""The Synapse integration API from a terminal.

Settings come from flags, then SYNAPSE_BASE_URL (or SYNAPSE_HOST), SYNAPSE_ACCESS_TOKEN and SYNAPSE_TENANT, then the profile `synapse login` saved (--profile or SYNAPSE_PROFILE picks one; default "default"), then the production CLI's ~/.synapse/config.json. `synapse config show` shows what is in effect, `synapse doctor` checks it.

--verbose (-v) on any command prints each request on stderr (SYNAPSE_LOG=debug does the same for the Python client).

{EXIT_CODES_HELP}
"""

EPILOG = "Example: synapse login --host https://synapse.example.com -t YOUR_TOKEN && synapse job list --status running"

app = typer.Typer(
    name="synapse",
    cls=SynapseGroup,
    help=HELP,
    epilog=EPILOG,
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # a failure is one line on stderr, never a traceback
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(plugin.app, name="plugin")
app.add_typer(release.app, name="release")
app.add_typer(job.app, name="job")
app.add_typer(storage.app, name="storage")
app.add_typer(agent.app, name="agent")
app.add_typer(settings.app, name="config")
app.command("whoami", epilog="Example: synapse whoami")(settings.whoami)
app.command("doctor", epilog="Example: synapse doctor && synapse job list")(doctor.doctor)
app.command("login", epilog=login.LOGIN_EPILOG)(login.login)
app.command("logout", epilog="Example: synapse logout --profile staging")(login.logout)
app.command(
    "devserver",
    epilog=devserver.EPILOG,
    add_help_option=False,  # --help goes to the devserver's own options
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)(devserver.devserver)


def _version(value: bool) -> None:
    if value:
        print(f"synapse {metadata.version('synapse-sdk-integration')}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            "--host",
            metavar="URL",
            help="The backend's URL (env SYNAPSE_BASE_URL or SYNAPSE_HOST).",
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            "-t",
            metavar="TOKEN",
            help="The access token (env SYNAPSE_ACCESS_TOKEN).",
            show_default=False,
        ),
    ] = None,
    tenant: Annotated[str | None, typer.Option("--tenant", help="The tenant (env SYNAPSE_TENANT).")] = None,
    profile: Annotated[
        str | None,
        typer.Option("--profile", help="The profile of `synapse login` to use (env SYNAPSE_PROFILE)."),
    ] = None,
    request_timeout: Annotated[
        float | None,
        typer.Option(
            "--request-timeout",
            metavar="SECONDS",
            min=0.1,
            help="Seconds for each read or write of a request (default 15); --timeout is a wait's whole limit.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = GlobalOptions(
        base_url=base_url, token=token, tenant=tenant, profile=profile, timeout=request_timeout
    )
