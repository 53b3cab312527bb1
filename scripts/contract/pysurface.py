"""The Python surface as a check of its own: griffe's breaking-change finder between two git refs.

Compares the public API (what griffe counts as public: no leading underscore, `__all__` where a
module has one) of the hand-written `synapse_sdk` and the generated `synapse_api`
(generated/synapse_api). Each breakage becomes a row with an SDK verdict and no wire verdict:
nothing here travels over HTTP. The code is read, never imported (allow_inspection=False).
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from contract.model import Change
from contract.naming import ToolMissing

try:
    import griffe
except ImportError as error:  # pragma: no cover - the dev extra pins it
    raise ToolMissing(f"the Python surface check needs griffe ({error}); install the dev extra") from None

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# (package, the folder it is found in, relative to the repo root)
PACKAGES = (("synapse_sdk", "."), ("synapse_api", "generated"))


@dataclass(frozen=True)
class Surface:
    changes: list[Change]
    notes: list[str]  # packages that could not be compared, and why


def _load(package: str, folder: str, repo: Path, ref: str | None) -> griffe.Object | griffe.Alias | None:
    with contextlib.redirect_stderr(io.StringIO()):  # griffe logs parse warnings we do not act on
        try:
            if ref is None:
                return griffe.load(
                    package, search_paths=[repo / folder], try_relative_path=False, allow_inspection=False
                )
            return griffe.load_git(package, ref=ref, repo=repo, search_paths=[folder], allow_inspection=False)
        except (ImportError, ModuleNotFoundError):
            return None


def compare_surface(repo: Path, base: str, head: str | None) -> Surface:
    """Breakages from `base` to `head` (None: the working tree)."""
    changes: list[Change] = []
    notes: list[str] = []
    for package, folder in PACKAGES:
        old = _load(package, folder, repo, base)
        new = _load(package, folder, repo, head)
        if old is None or new is None:
            side = base if old is None else (head or "the working tree")
            notes.append(f"`{package}` not found at {side}: its Python surface was not compared")
            continue
        before = len(changes)
        for breakage in griffe.find_breaking_changes(old, new):
            path = breakage.obj.path
            try:  # relative to the package's parent: the same for a ref's temporary worktree
                file = str(breakage.obj.relative_package_filepath)
            except ValueError:
                file = str(breakage.obj.filepath)
            where = f"{file}:{breakage.obj.lineno}" if breakage.obj.lineno else file
            reason = _ANSI.sub("", breakage.explain(style=griffe.ExplanationStyle.ONE_LINE))
            kind = breakage.kind.value
            changes.append(
                Change(
                    wire=False,
                    operation="",
                    location=f"python `{path}`",
                    message=f"{kind}: `{path}`",
                    origin=None,
                    sdk_reason=f"griffe: {reason}",
                    pointer=str(where),
                )
            )
        found = len(changes) - before
        notes.append(
            f"Python surface of `{package}` compared with griffe: {found} breaking change{'s' * (found != 1)}"
        )
    return Surface(changes, notes)
