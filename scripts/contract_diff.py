#!/usr/bin/env python3
"""Report every change to the API contract between two versions of the OpenAPI document.

    scripts/contract_diff.py OLD NEW                 two entry files (JSON or YAML, bundled or split)
    scripts/contract_diff.py --base REF [--head REF]  openapi/openapi.yaml at REF vs the working tree
                                                     (or vs --head), plus the Python surface

Every change gets two verdicts: **wire** (does a client already deployed, in any language, break?)
and **SDK** (does Python code using the generated `synapse_api` or `synapse_sdk` break after
`make client`: a function, module, argument, model class, TypedDict key or enum member renamed
or gone?). `--level wire|sdk|all` (default all) picks the verdicts that make the exit status 1.
`--format terminal|markdown|json`: a table (the default), a review grouped by operation for a pull
request, or JSON for tools. With --base the public Python API of both packages is diffed with griffe
too (`--no-python` skips it). Every report suggests a version bump (major/minor/patch).
Exit status: 0 nothing breaks at the chosen level, 1 something does, 2 usage or input error
(unreadable file: its name, line and reason; not OpenAPI 3; unknown $ref; unknown git ref).

Policy differences with oasdiff at --level wire (the 14 corpus cases where we disagree on
purpose; docs/contract-review.md has the table):
  - removing a deprecated operation breaks: clients still calling it get 404;
  - a new security requirement or OAuth scope on an operation breaks: calls without them are rejected;
  - relaxed response bounds (maxLength up, minLength/minimum down) do not break: clients do not
    validate the bounds of what they receive;
  - a new `anyOf` variant in a response breaks: clients may receive a shape they do not know;
  - a type change in an XML body is judged like JSON (text content vs child elements);
  - a required property the schema does not describe is still required (JSON Schema);
  - constraints on `readOnly` properties do not bind requests (clients do not send them);
  - `required` on a `type: array` schema applies to no value;
  - an `allOf` member that adds no constraint rejects nothing (members are merged, then judged).
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract import diff_documents
from contract.loader import DocumentError, load_with_refs
from contract.model import Comparison
from contract.naming import ToolMissing
from contract.report import Level, as_json, breaks, render, render_markdown
from contract.spec import Spec

DEFAULT_SPEC = "openapi/openapi.yaml"
FORMATS = ("terminal", "markdown", "json")
LEVELS = ("wire", "sdk", "all")


class InputError(Exception):
    """A problem with what we were asked to compare; reported on stderr, exit status 2."""


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


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def verify(repo: Path, ref: str, option: str) -> None:
    if git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise InputError(f"{option} {ref}: not a commit in {repo}")


def materialise(repo: Path, ref: str, spec: str, into: Path, option: str = "--base") -> Path:
    """Extract the spec's whole directory at `ref` into `into` (split documents need siblings)."""
    verify(repo, ref, option)
    if git(repo, "cat-file", "-e", f"{ref}:{spec}").returncode != 0:
        raise InputError(f"{option} {ref}: {spec} did not exist at {ref}; nothing to compare against")
    directory = str(Path(spec).parent)
    archive = git(repo, "archive", "--format=tar", ref, "--", directory)
    if archive.returncode != 0:
        raise InputError(
            f"{option} {ref}: git archive failed: {archive.stderr.decode(errors='replace').strip()}"
        )
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / spec


def repo_root() -> Path:
    found = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
    )
    if found.returncode != 0:
        raise InputError("--base needs to run inside a git work tree")
    return Path(found.stdout.strip())


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
    except ToolMissing as error:
        raise InputError(str(error)) from None


def compare_refs(base: str, head: str | None, spec: str, python: bool) -> Comparison:
    repo = repo_root()
    short = git(repo, "rev-parse", "--short", base).stdout.decode().strip()
    sha = len(base) == 40 and all(c in "0123456789abcdef" for c in base)  # a merge base, from CI
    old_label = f"`{spec}` at `{short}`" if sha else f"`{spec}` at `{base}` ({short})"
    with tempfile.TemporaryDirectory(prefix="contract-diff-") as tmp:
        old = load(materialise(repo, base, spec, Path(tmp) / "base"), f"{spec} at {base}")
        if head is None:
            new = load(repo / spec, f"{spec} (working tree)")
            new_label = f"`{spec}` in the working tree"
        else:
            new = load(materialise(repo, head, spec, Path(tmp) / "head", "--head"), f"{spec} at {head}")
            head_short = git(repo, "rev-parse", "--short", head).stdout.decode().strip()
            new_label = f"`{spec}` at `{head}` ({head_short})"
    comparison = Comparison(old_label, new_label)
    diff(old, new, comparison)
    if python:
        try:
            from contract.pysurface import compare_surface  # griffe: only needed here
        except ToolMissing as error:
            raise InputError(f"{error} (or pass --no-python)") from None
        surface = compare_surface(repo, base, head)
        comparison.changes += surface.changes
        comparison.notes += surface.notes
    return comparison


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
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
        help="with --base: skip the griffe diff of synapse_sdk and the generated package",
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


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    level: Level = args.level
    try:
        if args.base is not None:
            comparison = compare_refs(args.base, args.head, args.spec, args.python)
        else:
            old, new = load(args.old, str(args.old)), load(args.new, str(args.new))
            comparison = Comparison(f"`{args.old}`", f"`{args.new}`")
            diff(old, new, comparison)
    except InputError as error:
        print(f"contract_diff: error: {error}", file=sys.stderr)
        return 2
    changes = comparison.changes
    status = 1 if any(breaks(change, level) for change in changes) else 0
    if args.format == "json":
        text = as_json(changes, comparison.old_label, comparison.new_label, level, status, comparison.notes)
    elif args.format == "markdown":
        text = render_markdown(changes, comparison.old_label, comparison.new_label, level)
    else:
        text = render(changes, comparison.old_label, comparison.new_label, level)
    if comparison.notes and args.format != "json":
        text += "\n" + "\n".join(f"Note: {note}" for note in comparison.notes) + "\n"
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8", errors="backslashreplace")
    else:
        # A lone surrogate escape (valid JSON) must not crash the report.
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(errors="backslashreplace")
        print(text, end="")
    return status


if __name__ == "__main__":
    sys.exit(main())
