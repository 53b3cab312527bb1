"""Render changes as a markdown report for pull-request review."""

from __future__ import annotations

from contract.model import Change

_GroupKey = tuple[object, ...]


def _group(changes: list[Change]) -> list[list[Change]]:
    """One row per change; a change made in a shared component lists every place it reaches."""
    groups: dict[_GroupKey, list[Change]] = {}
    for change in changes:
        key: _GroupKey = (change.breaking, change.message, change.origin)
        if change.origin is None:
            key += (change.operation, change.location)
        groups.setdefault(key, []).append(change)
    rows = list(groups.values())
    return sorted(rows, key=lambda row: not row[0].breaking)  # stable: breaking first, then found order


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _place(change: Change) -> str:
    return f"`{change.operation}` {change.location}" if change.operation else change.location


def _row(number: int, group: list[Change]) -> str:
    first = group[0]
    verdict = "**breaking**" if first.breaking else "non-breaking"
    places = "<br>".join(_place(change) for change in group)
    origin = f"`{first.origin}`" if first.origin else ""
    return f"| {number} | {verdict} | {_cell(first.message)} | {_cell(places)} | {origin} |"


def summary(changes: list[Change]) -> str:
    rows = _group(changes)
    breaking = sum(1 for row in rows if row[0].breaking)
    if not rows:
        return "API contract: no changes (0 breaking, 0 non-breaking)"
    return f"API contract: {breaking} breaking, {len(rows) - breaking} non-breaking"


def render(changes: list[Change], old_label: str, new_label: str) -> str:
    lines = [f"## {summary(changes)}", "", f"Compared {old_label} → {new_label}.", ""]
    rows = _group(changes)
    if not rows:
        return "\n".join([*lines, "The contract is unchanged.", ""])
    if any(row[0].breaking for row in rows):
        lines += ["**Breaking** rows break existing clients (the generated one included).", ""]
    lines += [
        "| # | Verdict | Change | Where | Defined in |",
        "|---|---------|--------|-------|------------|",
    ]
    lines += [_row(i, row) for i, row in enumerate(rows, 1)]
    return "\n".join([*lines, ""])
