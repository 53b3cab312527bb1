"""The `contract_diff` command line: load two documents (files, or `openapi/openapi.yaml` at git
refs), diff them, add the Python surface, render the report, set the exit status.

    contract_diff.py OLD NEW                 two entry files (JSON or YAML, bundled or split)
    contract_diff.py --base REF [--head REF]  openapi/openapi.yaml at REF vs the working tree
                                              (or vs --head), plus the public Python surface

Every change gets two verdicts: **wire** (does a client already deployed, in any language, break?)
and **SDK** (does Python code using the generated `synapse_api` or `synapse_sdk` break after
`make client`: a function, module, argument, model class, TypedDict key or enum member renamed
or gone?). `--level wire|sdk|all` (default all) picks the verdicts that make the exit status 1.
`--format terminal|markdown|json`: a table (the default), a review grouped by operation for a pull
request, or JSON for tools. With --base the public Python API of both packages is diffed with griffe
too (`--no-python` skips it). Every report suggests a version bump (major/minor/patch).
Exit status: 0 nothing breaks at the chosen level, 1 something does, 2 usage or input error
(unreadable file: its name, line and reason; not OpenAPI 3; unknown $ref; unknown git ref).

Policy differences with oasdiff at --level wire (the 14 scored corpus cases where we disagree on
purpose, and one warn case; docs/contract-review.md has the table):
  - removing a deprecated operation breaks: clients still calling it get 404;
  - a new security requirement or OAuth scope on an operation breaks: calls without them are rejected;
  - relaxed response bounds (maxLength up, minLength/minimum down) do not break: clients do not
    validate the bounds of what they receive;
  - a new `anyOf` variant in a response breaks: clients may receive a shape they do not know;
  - a type change in an XML body is judged like JSON (text content vs child elements);
  - a required property the schema does not describe is still required (JSON Schema);
  - constraints on `readOnly` properties do not bind requests (clients do not send them);
  - `required` on a `type: array` schema applies to no value;
  - an `allOf` member that adds no constraint rejects nothing (members are merged, then judged);
  - a new value in a response enum breaks when the document keeps the enum closed, not when it
    marks it open (`anyOf` the enum and `{type: string}`); oasdiff rates it WARN (unscored).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from synapse_contract import gitrefs
from synapse_contract.differ import diff_documents
from synapse_contract.errors import InputError, ToolMissing
from synapse_contract.loader import DocumentError, load_with_refs
from synapse_contract.model import Comparison
from synapse_contract.report import Level, as_json, breaks, render_markdown
from synapse_contract.spec import Spec

DEFAULT_SPEC = "openapi/openapi.yaml"
FORMATS = ("terminal", "markdown", "json")
LEVELS = ("wire", "sdk", "all")


def load(path: Path, label: str) -> Spec:
    try:
        document, refs = load_with_refs(path)
    except DocumentError as error:
        message = str(error)
        # The path is already in the message; say which side it was when that is not the path.
        raise InputError(message if label == str(path) else f"{label}: {message}") from None
    version = document.get("openapi")
    if not isinstance(version, str) or not version.startswith("3."):
        raise InputError(f"{label}: not an OpenAPI 3 document (no `openapi: 3.x` field)")
    try:
        spec = Spec(document, refs)
        spec.check()
    except ValueError as error:
        raise InputError(f"{label}: {error}") from None
    except RecursionError:
        raise InputError(f"{label}: nested too deeply to compare") from None
    return spec


def diff(old: Spec, new: Spec, comparison: Comparison) -> None:
    try:
        comparison.changes += diff_documents(old, new)
    except (AttributeError, TypeError, KeyError, ValueError) as error:
        # A document of the wrong shape (a list where a mapping belongs, ...): exit 2 with a hint,
        # rather than a traceback whose exit status 1 would read as "breaking".
        raise InputError(
            f"cannot compare {comparison.old_label} and {comparison.new_label}: "
            f"{type(error).__name__}: {error}; check both with `python -m openapi_spec_validator`"
        ) from None
    except RecursionError:
        raise InputError(f"cannot compare {comparison.old_label}: nested too deeply") from None


def _at_ref(repo: Path, ref: str, commit: str, spec: str, into: Path, option: str) -> Path:
    """The spec's whole folder at `commit` (split documents need their siblings)."""
    if not gitrefs.exists(repo, commit, spec):
        raise InputError(f"{option} {ref}: {spec} did not exist at {ref}; nothing to compare against")
    gitrefs.extract(repo, commit, [str(Path(spec).parent)], into)
    return into / spec


def compare_refs(base: str, head: str | None, spec: str, python: bool) -> Comparison:
    repo = gitrefs.repo_root()
    base_commit = gitrefs.verify(repo, base, "--base")
    head_commit = None if head is None else gitrefs.verify(repo, head, "--head")
    sha = len(base) == 40 and all(c in "0123456789abcdef" for c in base)  # a merge base, from CI
    base_short = gitrefs.short(repo, base_commit)
    old_label = f"`{spec}` at `{base_short}`" if sha else f"`{spec}` at `{base}` ({base_short})"
    # A private temporary directory per run: concurrent runs never share a path.
    with tempfile.TemporaryDirectory(prefix="contract-diff-") as tmp:
        old = load(_at_ref(repo, base, base_commit, spec, Path(tmp) / "base", "--base"), f"{spec} at {base}")
        if head is None or head_commit is None:
            new = load(repo / spec, f"{spec} (working tree)")
            new_label = f"`{spec}` in the working tree"
        else:
            new = load(
                _at_ref(repo, head, head_commit, spec, Path(tmp) / "head", "--head"), f"{spec} at {head}"
            )
            new_label = f"`{spec}` at `{head}` ({gitrefs.short(repo, head_commit)})"
        comparison = Comparison(old_label, new_label)
        diff(old, new, comparison)
        if python:
            _python_surface(repo, base_commit, head_commit, Path(tmp), comparison)
    return comparison


def _python_surface(repo: Path, base: str, head: str | None, tmp: Path, comparison: Comparison) -> None:
    try:
        from synapse_contract.pysurface import compare_surface  # griffe: only needed here
    except ToolMissing as error:
        raise ToolMissing(f"{error} (or pass --no-python)") from None
    try:
        surface = compare_surface(repo, base, head, tmp)
    except (InputError, ToolMissing):
        raise
    except Exception as error:  # griffe on code it cannot read: one line, not a traceback
        raise InputError(
            f"the Python-surface step failed: {type(error).__name__}: {error} (pass --no-python to skip it)"
        ) from None
    comparison.changes += surface.changes
    comparison.notes += surface.notes


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="contract_diff",
        description="Report changes to the API contract; exit 1 if any of them breaks clients or SDK code.",
    )
    parser.add_argument("old", nargs="?", type=Path, help="the old OpenAPI entry file (JSON or YAML)")
    parser.add_argument("new", nargs="?", type=Path, help="the new OpenAPI entry file (JSON or YAML)")
    parser.add_argument(
        "--base", metavar="REF", help=f"compare {DEFAULT_SPEC} at this git ref with the working tree"
    )
    parser.add_argument(
        "--head", metavar="REF", help="with --base: compare with this ref, not the working tree"
    )
    parser.add_argument(
        "--spec", default=DEFAULT_SPEC, help="entry file, relative to the repo root (with --base)"
    )
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default="all",
        help="which verdicts make the exit status 1: wire (deployed clients), sdk (Python code), all (default)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="terminal", help="report format (default terminal)"
    )
    parser.add_argument(
        "--no-python",
        dest="python",
        action="store_false",
        help="with --base: skip the griffe diff of the public Python surface",
    )
    parser.add_argument("--output", type=Path, help="write the report to this file instead of stdout")
    args = parser.parse_args(argv)
    if args.base is not None and (args.old or args.new):
        parser.error("give either OLD NEW or --base REF, not both")
    if args.base is None and not (args.old and args.new):
        parser.error("give OLD and NEW files, or --base REF")
    if args.head is not None and args.base is None:
        parser.error("--head needs --base")
    return args


def run(args: argparse.Namespace) -> Comparison:
    if args.base is not None:
        return compare_refs(args.base, args.head, args.spec, args.python)
    old, new = load(args.old, str(args.old)), load(args.new, str(args.new))
    comparison = Comparison(f"`{args.old}`", f"`{args.new}`")
    diff(old, new, comparison)
    return comparison


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    level: Level = args.level
    try:
        comparison = run(args)
    except (InputError, ToolMissing) as error:
        print(f"contract_diff: error: {error}", file=sys.stderr)
        return 2
    changes = comparison.changes
    status = 1 if any(breaks(change, level) for change in changes) else 0
    if args.format == "json":
        text = as_json(changes, comparison.old_label, comparison.new_label, level, status, comparison.notes)
    elif args.format == "markdown":
        text = render_markdown(changes, comparison.old_label, comparison.new_label, level)
    else:
        # rich (about 0.1 s to import) only when the table is wanted.
        from synapse_contract.terminal import colour_wanted, render_terminal, width_of

        to_terminal = args.output is None
        text = render_terminal(
            changes,
            comparison.old_label,
            comparison.new_label,
            level,
            comparison.notes,
            width=width_of(sys.stdout) if to_terminal else width_of(io.StringIO()),
            colour=to_terminal and colour_wanted(sys.stdout),
        )
    if comparison.notes and args.format == "markdown":
        text += "\n" + "\n".join(f"Note: {note}" for note in comparison.notes) + "\n"
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8", errors="backslashreplace")
    else:
        # A lone surrogate escape (valid JSON) must not crash the report.
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(errors="backslashreplace")
        print(text, end="")
    return status
