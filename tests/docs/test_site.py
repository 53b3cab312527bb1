"""The documentation site, built from the repo and opened in a real browser.

The site is built afresh (`mkdocs build --strict`, as `make docs` does) into a temporary
directory, served from loopback, and every page reachable from the landing page is opened in
headless Chromium: Debian's /usr/bin/chromium driven by Playwright's Python package (Playwright's
own browser download is never used). Any request that leaves loopback is blocked and counts as
a failure, so the site is proven to work offline. The site is also opened from disk (file://),
as `make docs` users do, where search must still work. Screenshots go to build/docs-screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml

from tests.docs.examples import ROOT

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "build" / "docs-screenshots"
HTTP_PAGE = "http-api.html"
# True once a heading with this text is rendered and scrolled into the viewport.
HEADING_IN_VIEW = """summary => Array.from(document.querySelectorAll("h1, h2, h3")).some(h => {
    const box = h.getBoundingClientRect();
    return h.textContent.trim() === summary && box.height > 0 && box.top >= 0 && box.top < innerHeight;
})"""
METHOD_PAGE = "jobs.html"


def operations() -> dict[str, tuple[str, str, str]]:
    """operationId -> (method, path, summary) of every operation of the document."""
    document = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text(encoding="utf-8"))
    found = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = (method.upper(), path, operation.get("summary", ""))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built now from the working tree (so the check never looks at a stale build)."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    assert (out / "index.html").is_file() and (out / HTTP_PAGE).is_file()
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does it)", pytrace=False)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


@dataclass
class Visit:
    """What one page did while it loaded."""

    problems: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def _sample_call(operation: str) -> str:
    """The call line of the operation's Python sample (scripts/docs_hooks.py makes them)."""
    from scripts.docs_hooks import DOCUMENT, for_readers, operations

    shown = for_readers(yaml.safe_load(DOCUMENT.read_text(encoding="utf-8")))
    for _, op in operations(shown):
        if op["operationId"] == operation:
            source: str = op["x-codeSamples"][0]["source"]
            return next(
                line for line in source.splitlines() if "client." in line and "BackendClient" not in line
            )
    raise KeyError(operation)


def _watch(page: Any, base: str, problems: list[str]) -> None:
    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith((base, "data:", "blob:")):
            route.continue_()
        else:
            problems.append(f"request leaves the site: {url}")
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))


def _open(browser: Any, base: str, url: str) -> tuple[Any, Visit]:
    visit = Visit()
    page = browser.new_page()
    _watch(page, base, visit.problems)
    response = page.goto(url, wait_until="networkidle")
    if response is None or response.status != 200:
        visit.problems.append(f"{url} answered {None if response is None else response.status}")
    visit.links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    return page, visit


def test_every_page_loads_cleanly_and_every_internal_link_resolves(browser: Any, base_url: str) -> None:
    """Crawl from the landing page: each page loads with no console error and no failed or
    outside request; each internal link reaches a page of the site, and its #anchor exists there
    (a link into the HTTP reference names an operation of the document)."""
    ops = operations()
    ids: dict[str, set[str]] = {}  # page -> the ids on it
    links: list[tuple[str, str]] = []  # (from page, to url)
    problems: list[str] = []
    queue = [urljoin(base_url, "index.html")]
    while queue:
        url = queue.pop()
        if url in ids:
            continue
        page, visit = _open(browser, base_url, url)
        problems += [f"{url}: {p}" for p in visit.problems]
        ids[url] = set(page.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)"))
        page.close()
        if url.endswith(HTTP_PAGE):
            continue  # Redoc's menu links are client-side routes: its operations are checked below
        for link in visit.links:
            target = urldefrag(link)[0]
            if target.startswith(base_url):  # links out of the site are not followed
                links.append((url, link))
                queue.append(target + "index.html" if target.endswith("/") else target)
    for source, link in links:
        target, fragment = urldefrag(link)
        target = target + "index.html" if target.endswith("/") else target
        if target not in ids:
            problems.append(f"{source}: broken link {link}")
        elif target.endswith(HTTP_PAGE):
            if fragment and fragment.removeprefix("operation/") not in ops:
                problems.append(f"{source}: {link} names no operation of the document")
        elif fragment and fragment not in ids[target]:
            problems.append(f"{source}: {link}: no anchor #{fragment} there")
    pages = {urlsplit(url).path for url in ids}
    assert len(pages) >= 18, sorted(pages)
    expected = {
        "/index.html",
        "/jobs.html",
        "/reference/python.html",
        f"/{HTTP_PAGE}",
        "/integration-mixin.ko.html",
    }
    assert expected <= pages, sorted(pages)
    assert not problems, "\n".join(problems)


def test_http_reference_shows_every_operation(browser: Any, base_url: str) -> None:
    """Each operationId of openapi/openapi.yaml opens in the HTTP reference (the links of the
    method pages have this form), showing its summary, method and path."""
    missing = []
    problems: list[str] = []
    for operation, (method, path, summary) in operations().items():
        page = browser.new_page()
        _watch(page, base_url, problems)
        page.goto(f"{base_url}{HTTP_PAGE}#operation/{operation}", wait_until="networkidle")
        try:
            page.wait_for_function(HEADING_IN_VIEW, arg=summary, timeout=15_000)
            text = page.inner_text("body")
            if path not in text or method not in text:
                missing.append(f"{operation}: {method} {path} not shown")
            call = _sample_call(operation).split("(")[0].split("= ")[-1].removeprefix("for entry in ")
            if call + "(" not in text:
                missing.append(f"{operation}: no Python sample calling {call}")
        except Exception as error:
            missing.append(f"{operation}: no heading {summary!r} in view ({type(error).__name__})")
        finally:
            page.close()
    assert not missing, "\n".join(missing)
    assert not problems, "\n".join(problems)


def test_screenshots(browser: Any, base_url: str) -> None:
    """The landing page, a method page and the HTTP reference, kept as artefacts for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = {
        "landing.png": "index.html",
        "method-jobs.png": f"{METHOD_PAGE}#wait_for_job",
        "http-api-get_job.png": f"{HTTP_PAGE}#operation/get_job",
    }
    written = []
    for name, target in shots.items():
        page = browser.new_page()
        page.goto(base_url + target, wait_until="networkidle")
        if target.startswith(HTTP_PAGE):
            page.wait_for_function(HEADING_IN_VIEW, arg=operations()["get_job"][2])
        path = SCREENSHOTS / name
        # Redoc paints a moment after its heading is laid out, and a shot taken in between is
        # blank white (seen on a loaded machine): take it again, a bounded number of times.
        for _ in range(20):
            page.screenshot(path=str(path))
            if path.stat().st_size > 10_000:
                break
            page.wait_for_timeout(250)
        page.close()
        assert path.stat().st_size > 10_000, f"{path} looks empty"
        written.append(path)
    sys.__stdout__.write("\ndocs screenshots: " + ", ".join(str(p) for p in written) + "\n")


def test_http_reference_speaks_to_users_and_links_back_to_the_site(browser: Any, base_url: str) -> None:
    """The reference opens with an introduction for users (no maintainers' notes, no literal
    Markdown), and its logo link leads back to the site's home page."""
    problems: list[str] = []
    page = browser.new_page()
    _watch(page, base_url, problems)
    page.goto(base_url + HTTP_PAGE, wait_until="networkidle")
    page.wait_for_selector("a[href='index.html'] img", timeout=15_000)
    text = page.inner_text("body")
    assert "single source of truth" not in text and "generated/" not in text
    assert "Every endpoint the Python client" in text
    assert "`" not in text, [line for line in text.splitlines() if "`" in line]
    page.click("a[href='index.html']")
    page.wait_for_url(base_url + "index.html")
    assert "Synapse SDK" in page.title()
    page.close()
    assert not problems, "\n".join(problems)


def test_the_korean_guide_is_reachable_from_the_home_page(browser: Any, base_url: str) -> None:
    """A link in the home page's own text, and a place in the navigation before "About"."""
    page, visit = _open(browser, base_url, base_url + "index.html")
    links = page.eval_on_selector_all(".md-content a[href]", "links => links.map(a => a.href)")
    page.close()
    assert base_url + "integration-mixin.ko.html" in links, links
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    sections = [next(iter(entry)) for entry in nav]
    where = next(i for i, entry in enumerate(nav) if "integration-mixin.ko.md" in str(entry))
    assert where <= 1, sections  # Home or Getting started
    assert not visit.problems, visit.problems


def test_search_works_on_the_site_opened_from_disk(browser: Any, site: Path) -> None:
    """Opened as file:// (no server), as `make docs` users do: typing in the search box lists
    the pages that match, and nothing is fetched from anywhere else."""
    base = site.as_uri() + "/"
    problems: list[str] = []
    page = browser.new_page()
    _watch(page, base, problems)
    page.goto(base + "index.html", wait_until="load")
    page.click("input[data-md-component=search-query]")
    page.keyboard.type("wait_for_job", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    found = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    page.close()
    assert any(link.startswith(base + "jobs.html") and link.endswith("#wait_for_job") for link in found), (
        found
    )
    assert not problems, "\n".join(problems)
