"""Bounds on the shape of what the local backend accepts, and walks that never recurse.

A body nested thousands of levels deep would be stored and then break every later read that
walks it recursively (masking secrets, rendering, searching). So JSON bodies deeper than
``MAX_DEPTH`` are refused before anything is stored, and the walks over stored data here are
iterative, so that data written before this bound existed cannot break a read either.
"""

from __future__ import annotations

from typing import Any

# Objects and arrays within each other, the body itself counting as the first level. Real
# configurations use a handful; serde_json's default recursion limit is the same 128.
MAX_DEPTH = 128


def depth(value: Any, stop_above: int = MAX_DEPTH) -> int:
    """How many objects and arrays lie within each other in ``value`` (0 for a scalar).

    Stops counting once past ``stop_above``: the answer is then some depth greater than it.
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level)
        if deepest > stop_above:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


TOO_DEEP = (
    f"Nested too deeply: at most {MAX_DEPTH} levels of objects and lists are accepted. "
    "Flatten the data, or store deep structures as a string."
)


def too_deep(body: Any) -> dict[str, list[str]]:
    """DRF-style field errors for the parts of a decoded body nested past ``MAX_DEPTH``; empty if none."""
    message = TOO_DEEP
    if isinstance(body, dict):
        # The body is level 1, so each field may hold MAX_DEPTH - 1 levels.
        return {
            str(name): [message] for name, value in body.items() if depth(value, MAX_DEPTH - 1) >= MAX_DEPTH
        }
    return {"non_field_errors": [message]} if depth(body) > MAX_DEPTH else {}
