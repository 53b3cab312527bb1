"""MkDocs hooks of the documentation site (mkdocs.yml `hooks:`).

- The HTTP API reference: openapi/openapi.yaml rendered by Redocly's `build-docs` (pinned in
  package.json, run from node_modules/.bin) into one self-contained page, `http-api.html`, with
  Redoc's script inlined (`--inlineBundle`) so the page needs no CDN when it is viewed. It is
  added to the site as a generated file, so `mkdocs build --strict` checks the links to it.
  Redoc 3 shows its "API docs by Redocly" badge as an image fetched from Redocly's CDN, with
  no option to turn it off; offline that fetch fails (a console error), so the badge's image
  is replaced by an inline SVG that says the same.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.synapse")

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "openapi" / "openapi.yaml"
HTTP_PAGE = "http-api.html"
REDOC_BADGES = ("https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg")
BADGE_SVG = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='60' height='14'%3E"
    "%3Ctext x='0' y='11' font-family='sans-serif' font-size='11' fill='%23333'%3ERedocly%3C/text%3E%3C/svg%3E"
)


def redocly() -> str:
    local = ROOT / "node_modules" / ".bin" / "redocly"
    if local.exists():
        return str(local)
    raise FileNotFoundError(f"{local} is missing: run `make setup` (npm ci installs @redocly/cli)")


def render_http_reference(output: Path) -> None:
    """Render the OpenAPI document to one offline HTML page at `output`."""
    env = dict(os.environ)
    # No network at build time: no telemetry, no update check.
    env.update(REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true", NO_UPDATE_NOTIFIER="1")
    command = [
        redocly(),
        "build-docs",
        str(DOCUMENT),
        "--inlineBundle",
        "--title",
        "Synapse integration API: HTTP reference",
        "--output",
        str(output),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not output.exists():
        raise RuntimeError(f"redocly build-docs failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    html = output.read_text(encoding="utf-8")
    for badge in REDOC_BADGES:
        html = html.replace(badge, BADGE_SVG)
    output.write_text(html, encoding="utf-8")


_workdir: Path | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _workdir
    if _workdir is None:
        _workdir = Path(tempfile.mkdtemp(prefix="synapse-docs-"))
    page = _workdir / HTTP_PAGE
    render_http_reference(page)
    files.append(File.generated(config, HTTP_PAGE, abs_src_path=str(page)))
    return files


def on_shutdown() -> None:
    if _workdir is not None:
        shutil.rmtree(_workdir, ignore_errors=True)
