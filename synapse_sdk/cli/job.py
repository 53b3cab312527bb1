"""`synapse job ...`: get, list, update, wait for and read the logs of jobs."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Annotated, Any

import typer

from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.clients.jobs import is_success

from . import factory, listing, output
from .errors import CliError, ExitCode, fail, handled, interrupting
from .inputs import body, json_option
from .output import Format
from .params import Data, Extra, Fields, Json, Output, Quiet
from .progress import JobProgress

app = typer.Typer(help="Jobs: get, list, update, wait, logs.", no_args_is_help=True)

COLUMNS = ("id", "plugin", "status", "progress", "user", "created")

JobId = Annotated[str, typer.Argument(metavar="JOB", help="The job's id (an integer or a UUID).")]


def job_id(value: str) -> int | str:
    """Integer ids as ints (as the documentation writes them), UUIDs as they are."""
    return int(value) if value.isdecimal() else value


@app.command("get", epilog="Example: synapse job get 789 --expand logs,metrics --json")
def get(
    ctx: typer.Context,
    pk: JobId,
    expand: Annotated[
        str | None,
        typer.Option("--expand", metavar="logs,metrics,result", help="Include logs, metrics, result."),
    ] = None,
    as_json: Json = False,
    output_kind: Output = None,
    pick: Fields = None,
) -> None:
    """Show a job: status, progress, result."""
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, False)
        with factory.client(ctx) as client:
            output.show(client.get_job(job_id(pk), {"expand": expand} if expand else None), fmt)


listing.command(
    app,
    listing.ListSpec(
        "list_jobs",
        COLUMNS,
        page=lambda client, params: client.list_jobs(params),
        every=lambda client, params: client.iter_jobs(params),
    ),
    help="List jobs (one page unless --all); each flag narrows the list.",
    epilog="Example: synapse job list --status running --plugin 123 --ordering -created",
)


@app.command("update", epilog="Example: synapse job update 789 --status completed --progress 100")
def update(
    ctx: typer.Context,
    pk: JobId,
    status: Annotated[str | None, typer.Option("--status", help="The new status.")] = None,
    progress: Annotated[
        int | None, typer.Option("--progress", min=0, max=100, help="Progress, 0-100.")
    ] = None,
    result: Annotated[
        str | None, typer.Option("--result", metavar="JSON", help="The result, a JSON object.")
    ] = None,
    metadata: Annotated[
        str | None, typer.Option("--metadata", metavar="JSON", help="Metadata, a JSON object.")
    ] = None,
    data: Data = None,
    extra: Extra = None,
    as_json: Json = False,
    output_kind: Output = None,
    pick: Fields = None,
    quiet: Quiet = False,
) -> None:
    """Update a job's status, progress, result or metadata."""
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, quiet)
        fields = body(
            data,
            status=status,
            progress=progress,
            result=json_option(result, "--result"),
            metadata=json_option(metadata, "--metadata"),
        )
        if not fields and extra is None:
            raise CliError("nothing to update: give --status, --progress, --result, --metadata or --data")
        with factory.client(ctx) as client:
            output.show(
                client.update_job(job_id(pk), fields, extra_body=json_option(extra, "--extra")),
                fmt,
            )


# Someone watching a bar wants it to move: polls at most this far apart unless --max-interval.
MAX_INTERVAL = 3.0


def wait(
    client: BackendClient,
    pk: int | str,
    *,
    timeout: float | None,
    interval: float,
    show_progress: bool,
    max_interval: float = MAX_INTERVAL,
) -> Mapping[str, Any]:
    """Wait for the job to end; a failed job is returned (the caller picks the exit code)."""
    if interval <= 0:
        raise CliError("--interval must be more than 0 seconds")
    stopped = f"stopped waiting; job {pk} goes on on the server, unchanged (`synapse job get {pk}`)"
    with interrupting(stopped), JobProgress(str(pk), enabled=show_progress) as bar:
        return client.wait_for_job(
            pk,
            timeout=timeout,
            poll_interval=interval,
            max_poll_interval=max(interval, max_interval),
            on_update=bar,
        )


def finished(job: Mapping[str, Any], fmt: Format) -> None:
    """Show the ended job (nothing with --quiet); exit 7 unless it succeeded."""
    if not fmt.quiet:
        output.show(job, fmt)
    if not is_success(str(job.get("status"))):
        if fmt.quiet:
            raise typer.Exit(int(ExitCode.JOB_FAILED))
        raise fail(f"job {job.get('id')} ended {job.get('status')}", ExitCode.JOB_FAILED)


@app.command("wait", epilog="Example: synapse job wait 790 --timeout 600 && echo done")
def wait_command(
    ctx: typer.Context,
    pk: JobId,
    timeout: Annotated[
        float | None, typer.Option("--timeout", min=0, help="Give up after this many seconds (exit 6).")
    ] = None,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between the first polls.")] = 1.0,
    max_interval: Annotated[
        float,
        typer.Option("--max-interval", min=0.1, help="The polls grow 1.5x apart up to this many seconds."),
    ] = MAX_INTERVAL,
    as_json: Json = False,
    output_kind: Output = None,
    pick: Fields = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing but errors; use the exit code.")
    ] = False,
) -> None:
    """Wait until a job ends: exit 0 if it succeeded, 7 if it failed, 6 on --timeout."""
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, quiet)
        with factory.client(ctx) as client:
            job = wait(
                client,
                job_id(pk),
                timeout=timeout,
                interval=interval,
                max_interval=max_interval,
                show_progress=not quiet,
            )
            finished(job, fmt)


@app.command("logs", epilog="Example: synapse job logs 789 --follow")
def logs(
    ctx: typer.Context,
    pk: JobId,
    follow: Annotated[
        bool, typer.Option("--follow", "-f", help="Keep printing new lines until the job ends.")
    ] = False,
    since: Annotated[int, typer.Option("--since", min=0, help="Skip the first N entries.")] = 0,
    as_json: Annotated[
        bool, typer.Option("--json", help="The entries as JSON (with --follow: one JSON object per line).")
    ] = False,
) -> None:
    """Print a job's console log: TIMESTAMP LEVEL MESSAGE per line."""
    with handled(), factory.client(ctx) as client:
        print_logs(client, job_id(pk), follow=follow, since=since, as_json=as_json)


def print_logs(client: BackendClient, pk: int | str, *, follow: bool, since: int, as_json: bool) -> None:
    """The console log, each entry a line (its level coloured on a terminal) or a JSON object."""
    if not follow:
        entries = client.list_job_console_logs(pk, since=since or None)
        if as_json:
            output.emit_json(entries)
        else:
            for entry in entries:
                output.log_line(entry)
        return
    stopped = f"stopped following the log; job {pk} goes on on the server, unchanged"
    with interrupting(stopped):
        _follow(client, pk, since=since, as_json=as_json)


def _follow(client: BackendClient, pk: int | str, *, since: int, as_json: bool) -> None:
    for entry in client.follow_job_console_logs(pk, since=since):
        # Flushed line by line: a pipe (`| grep`) sees each line as it arrives.
        if as_json:
            sys.stdout.write(json.dumps(entry, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            output.log_line(entry)
