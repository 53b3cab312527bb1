"""The root command's group: what every command shares, applied once to the whole tree.

- A usage error (an unknown option, a bad value, a missing argument) is one `error:` line on
  stderr in the command's words, plus a `hint:` line, exit 2, and nothing is sent: typer's
  boxed errors and click's phrasing ("'abc' is not a valid int") never reach the user.
- `--verbose`/`-v` on every command (see `verbose`).
- Every option that takes a value shows a name for it in `--help` (`--page PAGE`), never a
  type placeholder such as `<int>`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer import _click
from typer.core import TyperGroup, TyperOption

from . import verbose
from .errors import ExitCode
from .redaction import clean, redacting_streams

# click's phrasing of a bad value -> ours.
_REWORDS = (
    (re.compile(r"^'(.*)' is not a valid int(eger)?( range)?\.?$"), r"'\1' is not a whole number"),
    (re.compile(r"^Option '(.*)' requires an argument\.?$"), r"option \1 needs a value"),
    (re.compile(r"^'(.*)' is not a valid float( range)?\.?$"), r"'\1' is not a number"),
    (re.compile(r"^(.*) is not in the range x>=(\S+?)\.?$"), r"\1 is too small: at least \2"),
    (re.compile(r"^(.*) is not in the range x<=(\S+?)\.?$"), r"\1 is too large: at most \2"),
    (re.compile(r"^(.*) is not in the range (\S+)<=x<=(\S+?)\.?$"), r"\1 is not between \2 and \3"),
)


def _reword(message: str) -> str:
    for pattern, replacement in _REWORDS:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message.rstrip(".")


def describe_usage_error(error: _click.exceptions.UsageError) -> tuple[str, str]:
    """`(error, hint)` for a usage error, both one line."""
    ctx = error.ctx
    path = ctx.command_path if ctx is not None else "synapse"
    hint = f"`{path} --help` lists its options and arguments"
    if isinstance(error, _click.exceptions.NoSuchOption):
        message = f"{path}: unknown option {error.option_name}"
        if error.possibilities:
            hint = f"did you mean {' or '.join(sorted(error.possibilities))}? " + hint
    elif isinstance(error, _click.exceptions.MissingParameter):
        name = error.param.get_error_hint(ctx) if error.param is not None and ctx is not None else "a value"
        message = f"{path}: missing {name.replace(chr(39), '')}"
    elif isinstance(error, _click.exceptions.BadParameter):
        name = error.param.get_error_hint(ctx) if error.param is not None and ctx is not None else "a value"
        message = f"{path} {name.replace(chr(39), '')}: {_reword(error.message)}"
    elif "No such command" in error.message:
        message = f"{path}: {error.message.rstrip('.').replace('No such command', 'no such command')}"
    else:
        message = f"{path}: {_reword(error.message)}"
    return " ".join(message.split()), hint


def _usage_failure(error: _click.exceptions.UsageError) -> NoReturn:
    if isinstance(error, _click.exceptions.NoArgsIsHelpError):
        # `synapse plugin` alone: its help is the answer (rich has printed it already).
        if error.message.strip():
            print(error.message, file=sys.stderr)
        sys.exit(int(ExitCode.USAGE))
    message, hint = describe_usage_error(error)
    print(f"error: {clean(message)}", file=sys.stderr)
    print(f"hint: {clean(hint)}", file=sys.stderr, flush=True)
    sys.exit(int(ExitCode.USAGE))


def _verbose_option() -> TyperOption:
    return TyperOption(
        param_decls=["--verbose", "-v"],
        is_flag=True,
        default=False,
        expose_value=False,
        is_eager=True,
        callback=verbose.enable_from_option,
        help="Print each request on stderr: method, URL, status, time, attempt, request id (redacted).",
    )


def prepare(command: _click.Command) -> None:
    """Add `--verbose` to a command and its sub-commands, and name every option's value."""
    if getattr(command, "_synapse_prepared", False):
        return
    command._synapse_prepared = True  # type: ignore[attr-defined]
    own_args = bool((command.context_settings or {}).get("ignore_unknown_options"))
    if not own_args and not any("--verbose" in getattr(p, "opts", ()) for p in command.params):
        command.params.append(_verbose_option())
    for param in command.params:
        flag = getattr(param, "is_flag", False)
        if param.param_type_name == "option" and not flag and param.metavar is None and param.name:
            param.metavar = param.name.upper()
    for sub in getattr(command, "commands", {}).values():
        prepare(sub)


class SynapseGroup(TyperGroup):
    """The `synapse` group; see the module's docstring."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        prepare(self)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        with redacting_streams():
            self._run(args, prog_name, complete_var, **extra)

    def _run(
        self, args: Sequence[str] | None, prog_name: str | None, complete_var: str | None, **extra: Any
    ) -> NoReturn:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _click.exceptions.UsageError as error:
            _usage_failure(error)
        except _click.exceptions.ClickException as error:  # a bad file argument and the like
            print(f"error: {clean(' '.join(error.format_message().split()))}", file=sys.stderr, flush=True)
            sys.exit(error.exit_code)
        except typer.Abort:
            print("error: interrupted; nothing more was done", file=sys.stderr, flush=True)
            sys.exit(int(ExitCode.INTERRUPTED))
        finally:
            verbose.disable()
        sys.exit(code if isinstance(code, int) else 0)
