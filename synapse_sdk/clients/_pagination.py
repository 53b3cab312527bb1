"""The I/O-free half of walking a list endpoint page by page, shared by the sync and async clients.

The client asks for page numbers (`page=1, 2, ...`) against its own base URL; it never follows
the server's `next` link, but reads it, with `count`, to know when to stop. Every walk ends:

- at the last page (`next` is null), at an empty page, or once `count` items were seen;
- with an `InvalidResponseError` when the pages do not advance (a `next` link that repeats an
  earlier one, as a mock server's `"next": "string"` does), when `next` points at another host
  (the backend builds its links from a Host header it should not trust), or after `MAX_PAGES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from . import _inputs
from .exceptions import InvalidResponseError

MAX_PAGES = 100_000


@dataclass
class PageWalk:
    """Where a walk is: the filters, the next page number, and what the pages said so far."""

    base_url: httpx.URL
    query: dict[str, Any]
    page: int
    seen: int = 0
    _links: set[str] = field(default_factory=set)
    _pages: int = 0

    @classmethod
    def start(cls, base_url: httpx.URL, params: object) -> PageWalk:
        query = _inputs.params(params)
        start = query.pop("page", None)
        return cls(base_url, query, 1 if start is None else _inputs.positive_int(start, "page"))

    def advance(self, items: list[Any], total: int, link: str | None) -> bool:
        """After a page: whether to fetch the next one (then `page` is its number)."""
        self.seen += len(items)
        self._pages += 1
        if link is None or not items or self.seen >= total:
            return False
        if link in self._links:
            raise self._invalid(f"the pages do not advance: page {self.page} links to {link!r} again")
        self._links.add(link)
        target = httpx.URL(link) if "://" in link else None
        if target is not None and (target.scheme, target.host, target.port) != (
            self.base_url.scheme,
            self.base_url.host,
            self.base_url.port,
        ):
            raise self._invalid(
                f"page {self.page} links to another host ({target.host}); the client only talks to "
                f"{self.base_url.host}. The backend builds its links from the Host header: check the "
                "proxy in front of it"
            )
        if self._pages >= MAX_PAGES:
            raise self._invalid(f"more than {MAX_PAGES} pages; narrow the filters")
        self.page += 1
        return True

    def _invalid(self, detail: str) -> InvalidResponseError:
        return InvalidResponseError(detail, status_code=200, method="GET")
