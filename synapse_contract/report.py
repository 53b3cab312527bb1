"""Render changes: a Markdown review for a pull request, JSON for tools (the terminal table is
terminal.py's), and what they share: the grouping of rows, the summary, the version bump."""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from synapse_contract.model import Change

Level = Literal["wire", "sdk", "all"]
_GroupKey = tuple[object, ...]
# Changes that only touch documentation: a patch release.
_DOCS = re.compile(
    r"(^|: )(description|summary|title|example|response description|request body description) changed$"
    r"|^`x-[^`]*` changed$|^API version "
)


def breaks(change: Change, level: Level) -> bool:
    if level == "wire":
        return change.wire
    if level == "sdk":
        return change.sdk
    return change.breaking


def semver(changes: list[Change]) -> str:
    """The version bump the package needs: major if anything breaks (wire or SDK), minor if the
    surface changed otherwise, patch if only documentation (or nothing) changed."""
    if any(change.breaking for change in changes):
        return "major"
    if any(not _DOCS.search(change.message) for change in changes):
        return "minor"
    return "patch"


def group(changes: list[Change]) -> list[list[Change]]:
    """One row per change; a change made in a shared component lists every place it reaches."""
    groups: dict[_GroupKey, list[Change]] = {}
    for change in changes:
        key: _GroupKey = (change.wire, change.sdk_reason, change.message, change.origin)
        if change.origin is None:
            key += (change.operation, change.location)
        groups.setdefault(key, []).append(change)
    rows = list(groups.values())
    return sorted(rows, key=lambda row: not row[0].breaking)  # stable: breaking first, then found order


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def place(change: Change) -> str:
    return f"`{change.operation}` {change.location}" if change.operation else change.location


def _counts(changes: list[Change]) -> tuple[int, int, int, int]:
    rows = group(changes)
    breaking = sum(1 for row in rows if row[0].breaking)
    wire = sum(1 for row in rows if row[0].wire)
    sdk = sum(1 for row in rows if row[0].sdk)
    return len(rows), breaking, wire, sdk


def summary(changes: list[Change]) -> str:
    total, breaking, wire, sdk = _counts(changes)
    if not total:
        return "API contract: no changes (0 breaking, 0 non-breaking)"
    return (
        f"API contract: {breaking} breaking, {total - breaking} non-breaking "
        f"(wire: {wire} breaking, SDK: {sdk} breaking; suggested version bump: {semver(changes)})"
    )


def _legend(level: Level) -> list[str]:
    gate = {"wire": "wire verdicts", "sdk": "SDK verdicts", "all": "either verdict"}[level]
    return [
        "**Wire**: does a client already deployed (any language) break? "
        "**SDK**: does Python code using `synapse_api` or `synapse_sdk` break after `make client`? "
        f"The exit status follows {gate} (`--level {level}`).",
        "",
    ]


# --- markdown (pull-request review) ---------------------------------------------------------


def _section(change: Change) -> str:
    if change.operation:
        return change.operation
    return "Python surface" if change.location.startswith("python ") else "Whole document"


def _md_line(change: Change) -> list[str]:
    wire = "🔴 wire: **breaking**" if change.wire else "🟢 wire: ok"
    sdk = "🔴 SDK: **breaking**" if change.sdk else "🟢 SDK: ok"
    where = f" — {_cell(change.location)}" if change.location else ""
    pointer = f" — `{change.pointer}`" if change.pointer else ""
    origin = f" (defined in `{change.origin}`)" if change.origin else ""
    lines = [f"- {wire} · {sdk} — {_cell(change.message)}{where}{pointer}{origin}"]
    if change.sdk_reason:
        lines.append(f"  - SDK: {_cell(change.sdk_reason)}")
    return lines


def render_markdown(changes: list[Change], old_label: str, new_label: str, level: Level = "all") -> str:
    total = len(changes)  # per place: the sections below list a shared component's change at each
    breaking = sum(change.breaking for change in changes)
    wire = sum(change.wire for change in changes)
    sdk = sum(change.sdk for change in changes)
    bump = semver(changes)
    lines = ["## API contract review", "", f"Compared {old_label} → {new_label}.", ""]
    if not changes:
        return "\n".join([*lines, "No change to the contract. Suggested version bump: **patch**.", ""])
    gate = any(breaks(change, level) for change in changes)
    lines += [
        f"**{breaking} breaking** of {total} changes — wire: {wire} breaking, SDK: {sdk} breaking. "
        f"Suggested version bump: **{bump}**." + (" This gate fails." if gate else " This gate passes."),
        "",
        *_legend(level),
    ]
    sections: dict[str, list[Change]] = {}
    for change in changes:
        sections.setdefault(_section(change), []).append(change)
    order = sorted(sections, key=lambda name: not any(c.breaking for c in sections[name]))  # stable
    for name in order:
        items = sorted(sections[name], key=lambda c: (not c.wire, not c.sdk))
        flag = " — breaking" if any(c.breaking for c in items) else ""
        title = f"`{name}`" if sections[name][0].operation else name
        lines += [f"### {title}{flag}", ""]
        for change in items:
            lines += _md_line(change)
        lines.append("")
    return "\n".join(lines)


# --- json -------------------------------------------------------------------------------------


def as_json(
    changes: list[Change],
    old_label: str,
    new_label: str,
    level: Level,
    status: int,
    notes: list[str] | None = None,
) -> str:
    total, breaking, wire, sdk = _counts(changes)
    document: dict[str, Any] = {
        "old": old_label,
        "new": new_label,
        "level": level,
        "exit_status": status,
        "semver": semver(changes),
        "summary": {"changes": len(changes), "rows": total, "breaking": breaking, "wire": wire, "sdk": sdk},
        "changes": [
            {
                "operation": change.operation,
                "location": change.location,
                "pointer": change.pointer,
                "message": change.message,
                "origin": change.origin,
                "wire": {"breaking": change.wire, "reason": change.message if change.wire else None},
                "sdk": {"breaking": change.sdk, "reason": change.sdk_reason},
            }
            for change in changes
        ],
        "notes": notes or [],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
