"""Credentials in stored configurations, masked on the way out with the client's own list of keys."""

from __future__ import annotations

from typing import Any

from synapse_sdk.clients._redact import SECRET_KEY_PATTERN

MASK = "********"


def is_secret(key: object) -> bool:
    """Whether a configuration key names a credential (the client's redaction decides, one list)."""
    return isinstance(key, str) and SECRET_KEY_PATTERN.search(key) is not None


def mask_secrets(value: Any) -> Any:
    """A copy of ``value`` with credential-looking values replaced by a fixed mask.

    Iterative, so that however deep the stored data, reading it cannot exhaust the stack.
    """
    holder: list[Any] = [None]
    # (the copy being built, where the node goes in it, the original node)
    stack: list[tuple[Any, Any, Any]] = [(holder, 0, value)]
    while stack:
        parent, slot, node = stack.pop()
        if isinstance(node, dict):
            copy: dict[Any, Any] = {}
            parent[slot] = copy
            for key, item in node.items():
                if is_secret(key) and item not in (None, ""):
                    copy[key] = MASK
                else:
                    copy[key] = None  # keeps the key order; filled in below
                    stack.append((copy, key, item))
        elif isinstance(node, list):
            items: list[Any] = [None] * len(node)
            parent[slot] = items
            stack.extend((items, index, item) for index, item in enumerate(node))
        else:
            parent[slot] = node
    return holder[0]
