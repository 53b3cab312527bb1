"""The public Python surface between two git refs, compared with griffe's breaking-change finder.

The SDK verdict is about what users import (docs/contract-review.md, "The public Python surface"):

- the modules in `PUBLIC_MODULES` (the documented import paths of `synapse_sdk`) and every module of
  the generated `synapse_api` whose dotted path has no `_`-prefixed part;
- of each, the names in its `__all__`, or, without one, the classes and functions it defines
  itself (not names it imports, not module-level variables) that do not start with `_`;
- each such name is compared as griffe compares an object: a function's parameters, a class's
  public members, its own and inherited (so a method moved to a private base class is no change).
  A pytest fixture (`@pytest.fixture`) is compared by name only: pytest fills its parameters.

Everything else (private modules such as `synapse_sdk.clients._base`, the local backend's internals
under `synapse_sdk.devserver`, the CLI's modules, test helpers) is reported as one note, never as a
breaking change. Each side is read from `git archive` output in the caller's temporary directory
(nothing in the repository changes); the code is parsed, never imported.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from synapse_contract import gitrefs
from synapse_contract.errors import ToolMissing
from synapse_contract.model import Change

try:
    import griffe
except ImportError as error:  # pragma: no cover - the dev extra pins it
    raise ToolMissing(f"the Python surface check needs griffe ({error}); install the dev extra") from None

Member = griffe.Object | griffe.Alias

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# (package, the folder it is found in, relative to the repo root)
PACKAGES = (("synapse_sdk", "."), ("synapse_api", "generated"))
# The documented import paths of the hand-written package (docs/reference/python.md, the guides and
# README import from these; tests/contract/test_surface.py keeps the list in step with the docs).
PUBLIC_MODULES = (
    "synapse_sdk",
    "synapse_sdk.clients",
    "synapse_sdk.clients.backend",
    "synapse_sdk.clients.exceptions",
    "synapse_sdk.clients.integration",
    "synapse_sdk.clients.jobs",
    "synapse_sdk.clients.types",
    "synapse_sdk.devserver",
    "synapse_sdk.testing",
)
_INTERNAL_SHOWN = 5  # internal changes named in the note; the rest are counted


@dataclass(frozen=True)
class Surface:
    changes: list[Change]
    notes: list[str]  # packages that could not be compared, internal changes left out


def _load(package: str, folder: Path) -> Member | None:
    if not (folder / package).exists():
        return None
    with contextlib.redirect_stderr(io.StringIO()):  # griffe logs parse warnings we do not act on
        try:
            return griffe.load(
                package, search_paths=[folder], try_relative_path=False, allow_inspection=False
            )
        except (ImportError, ModuleNotFoundError):
            return None


def _side(repo: Path, commit: str | None, tmp: Path, name: str) -> Path:
    """The folder the packages are read from: the working tree, or `commit` unpacked under tmp."""
    if commit is None:
        return repo
    into = tmp / name
    wanted = [f"{folder}/{package}".removeprefix("./") for package, folder in PACKAGES]
    present = [path for path in wanted if gitrefs.exists(repo, commit, path)]
    if present:
        gitrefs.extract(repo, commit, present, into)
    return into


def public_modules(root: Member) -> dict[str, Member]:
    """Dotted path -> module, for the modules of `root`'s package that are public surface."""
    found: dict[str, Member] = {}
    stack = [root]
    while stack:
        module = stack.pop()
        path = module.path
        if root.path == "synapse_api":
            if any(part.startswith("_") for part in path.split(".")):
                continue
        elif path not in PUBLIC_MODULES:
            if not any(public.startswith(f"{path}.") for public in PUBLIC_MODULES):
                continue
            stack += [m for m in module.modules.values() if not m.is_alias]
            continue
        found[path] = module
        stack += [m for m in module.modules.values() if not m.is_alias]
    return found


def public_names(module: Member) -> dict[str, Member | None]:
    """Name -> object of what a public module exports (None: in `__all__` but not visible to a
    reader of the code, e.g. made by a module `__getattr__`: compared by presence only)."""
    exports = module.exports
    if exports is not None:
        names = [getattr(item, "name", str(item)) for item in exports]
        return {name: module.members.get(name) for name in names}
    # Without `__all__`, the classes and functions the module defines. Module-level variables (a
    # logger, a TypeVar, a type alias, a constant) count only when `__all__` lists them: a module
    # exports those on purpose, and a module without `__all__` keeps its own helpers in them.
    return {
        name: member
        for name, member in module.members.items()
        if not name.startswith("_") and not member.is_alias and (member.is_class or member.is_function)
    }


def _is_fixture(member: Member) -> bool:
    with contextlib.suppress(griffe.AliasResolutionError, griffe.CyclicAliasError):
        target = member.final_target if member.is_alias else member  # type: ignore[union-attr]
        if target.is_function:
            return any("fixture" in str(decorator.value) for decorator in target.decorators)  # type: ignore[union-attr]
    return False


def _breakages(old: Member, new: Member) -> Iterator[griffe.Breakage]:
    """griffe's finder on one public name: both objects put under the same name in a module of
    their own, so their paths (wherever they are defined now) play no part."""
    old_holder, new_holder = griffe.Module("surface"), griffe.Module("surface")
    for holder, member in ((old_holder, old), (new_holder, new)):
        holder.set_member("name", griffe.Alias("name", target=member, parent=holder))
        holder.exports = ["name"]
    yield from griffe.find_breaking_changes(old_holder, new_holder)


def _change(public: str, message: str, reason: str, where: str = "") -> Change:
    return Change(
        wire=False,
        operation="",
        location=f"python `{public}`",
        message=message,
        origin=None,
        sdk_reason=reason,
        pointer=where,
    )


def _explain(breakage: griffe.Breakage) -> tuple[str, str]:
    try:  # relative to the package's parent: the same for a ref's temporary folder
        file = str(breakage.obj.relative_package_filepath)
    except ValueError:
        file = str(breakage.obj.filepath)
    where = f"{file}:{breakage.obj.lineno}" if breakage.obj.lineno else file
    return where, _ANSI.sub("", breakage.explain(style=griffe.ExplanationStyle.ONE_LINE))


def compare_package(old: Member, new: Member) -> list[Change]:
    """SDK-breaking changes to the public surface of one package."""
    changes: list[Change] = []
    new_modules = public_modules(new)
    for path, old_module in public_modules(old).items():
        new_module = new_modules.get(path)
        if new_module is None:
            changes.append(_change(path, f"public module removed: `{path}`", f"`import {path}` fails"))
            continue
        new_names = public_names(new_module)
        for name, old_member in public_names(old_module).items():
            public = f"{path}.{name}"
            if name not in new_names:
                reason = f"`from {path} import {name}` fails"
                changes.append(_change(public, f"public name removed: `{public}`", reason))
                continue
            new_member = new_names[name]
            if old_member is None or new_member is None or _is_fixture(old_member):
                continue
            for breakage in _breakages(old_member, new_member):
                where, reason = _explain(breakage)
                kind = breakage.kind.value
                changes.append(_change(public, f"{kind}: `{public}`", f"griffe: {reason}", where))
    return changes


def _internal(old: Member, new: Member, public: list[Change]) -> list[str]:
    """Breakages griffe finds in the whole package that are not public surface: for the note."""
    counted = {change.pointer for change in public}
    found = []
    for breakage in griffe.find_breaking_changes(old, new):
        where, _ = _explain(breakage)
        if where not in counted:
            found.append(f"`{breakage.obj.path}` ({breakage.kind.value.lower()})")
    return list(dict.fromkeys(found))


def compare_surface(repo: Path, base: str, head: str | None, tmp: Path) -> Surface:
    """Breakages of the public surface from `base` to `head` (None: the working tree)."""
    old_root, new_root = _side(repo, base, tmp, "python-base"), _side(repo, head, tmp, "python-head")
    changes: list[Change] = []
    notes: list[str] = []
    for package, folder in PACKAGES:
        old, new = _load(package, old_root / folder), _load(package, new_root / folder)
        if old is None or new is None:
            side = base[:12] if old is None else (head[:12] if head else "the working tree")
            notes.append(f"`{package}` not found at {side}: its Python surface was not compared")
            continue
        found = compare_package(old, new)
        changes += found
        internal = _internal(old, new, found)
        note = f"public Python surface of `{package}` compared with griffe: {len(found)} breaking change{'s' * (len(found) != 1)}"
        if internal:
            shown = ", ".join(internal[:_INTERNAL_SHOWN]) + (
                ", ..." if len(internal) > _INTERNAL_SHOWN else ""
            )
            note += f"; {len(internal)} change{'s' * (len(internal) != 1)} to internals not counted: {shown}"
        notes.append(note)
    return Surface(changes, notes)
