"""Walking a list endpoint page by page (the decisions are `PageWalk`'s, in `_pagination`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from .._operation import Extra, Operation, Page
from .._pagination import PageWalk
from .actions import Call, Emit, Flow

T = TypeVar("T")
PageOperation = Callable[[dict[str, Any], Extra], Operation[Page[T]]]


def walk(base_url: httpx.URL, operation: PageOperation[T], params: object, extra: Extra) -> Flow[None]:
    """Emit every item of every page, one page in memory at a time."""
    state = PageWalk.start(base_url, params)
    while True:
        page: Page[T] = yield Call(operation({**state.query, "page": state.page}, extra))
        more = state.advance(page.items, page.total, page.next)
        yield Emit(page.items)
        if not more:
            return


def collect(
    base_url: httpx.URL, operation: Callable[[int], Operation[list[Any] | Page[Any]]]
) -> Flow[list[Any]]:
    """All the items of an endpoint that answers a plain list or, on a server that paginates
    it, pages (`operation(page_number)`); a server that stops paginating midway ends the walk
    with its list."""
    first: list[Any] | Page[Any] = yield Call(operation(1))
    if isinstance(first, list):
        return first
    state, page, items = PageWalk(base_url, {}, 1), first, list(first.items)
    while state.advance(page.items, page.total, page.next):
        following: list[Any] | Page[Any] = yield Call(operation(state.page))
        if isinstance(following, list):
            return items + following
        items.extend(following.items)
        page = following
    return items
