"""The client's credentials go to its base URL's origin only, whatever httpx client it is given.

An own `http_client=httpx.Client(follow_redirects=True)` (for proxies, certificates) would follow
a redirect to any host with every header of the request: httpx drops only `Authorization` on a
cross-origin hop, so `Synapse-Access-Token`, `Synapse-Tenant` and `SYNAPSE-Agent` would reach a
server the caller never named. So the client sends each hop itself (`follow_redirects=False`),
with the request httpx builds for the redirect (`response.next_request`: method, body and
`Host` as httpx decides), and strips the credentials from any hop whose origin (scheme, host,
port) is not the base URL's. Once stripped they stay stripped: a chain that comes back to the
base origin through another one is not trusted with them either. `http -> https` on the same
host is another origin too: give the `https://` base URL.

A client that does not follow redirects (the default) is sent to as it is: nothing to guard.
"""

from __future__ import annotations

import httpx

from ._config import HEADERS

__all__ = ["CREDENTIALS", "send", "send_async"]

CREDENTIALS = tuple(HEADERS.values())  # the headers the client's tokens travel in


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host, url.port or default


def _next_hop(response: httpx.Response, base_url: httpx.URL, hops: int, limit: int) -> httpx.Request | None:
    """The request a redirect leads to, with credentials only on the base URL's origin."""
    request = response.next_request
    if request is None:
        return None
    if hops >= limit:
        raise httpx.TooManyRedirects("Exceeded maximum allowed redirects.", request=request)
    if _origin(request.url) != _origin(base_url):
        for name in CREDENTIALS:
            request.headers.pop(name, None)
    return request


def send(
    http: httpx.Client, request: httpx.Request, base_url: httpx.URL, *, stream: bool = False
) -> httpx.Response:
    """`http.send(request)`, following redirects as `http` would, credentials kept to `base_url`'s origin."""
    if not http.follow_redirects:
        return http.send(request, stream=stream)
    history: list[httpx.Response] = []
    response = http.send(request, stream=stream, follow_redirects=False)
    try:
        while (hop := _next_hop(response, base_url, len(history), http.max_redirects)) is not None:
            response.close()
            history.append(response)
            response = http.send(hop, stream=stream, follow_redirects=False)
    except BaseException:
        response.close()
        raise
    response.history = history
    return response


async def send_async(
    http: httpx.AsyncClient, request: httpx.Request, base_url: httpx.URL, *, stream: bool = False
) -> httpx.Response:
    """`send` for an `httpx.AsyncClient`."""
    if not http.follow_redirects:
        return await http.send(request, stream=stream)
    history: list[httpx.Response] = []
    response = await http.send(request, stream=stream, follow_redirects=False)
    try:
        while (hop := _next_hop(response, base_url, len(history), http.max_redirects)) is not None:
            await response.aclose()
            history.append(response)
            response = await http.send(hop, stream=stream, follow_redirects=False)
    except BaseException:
        await response.aclose()
        raise
    response.history = history
    return response
