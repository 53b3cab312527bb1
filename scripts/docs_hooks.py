"""MkDocs hooks of the documentation site (mkdocs.yml `hooks:`).

- The HTTP API reference: openapi/openapi.yaml rendered by Redocly's `build-docs` (pinned in
  package.json, run from node_modules/.bin) into one self-contained page, `http-api.html`, with
  Redoc's script inlined (`--inlineBundle`) so the page needs no CDN when it is viewed. What is
  rendered is the document prepared for readers (`for_readers`), never a committed copy: an
  introduction for users and a way back to the site in place of the maintainers' description,
  server descriptions without Markdown (Redoc shows them as plain text), and a Python sample
  per operation (`x-codeSamples`) made from the operation's client method, so it cannot drift.
  Redoc 3 shows its "API docs by Redocly" badge as an image fetched from Redocly's CDN, with
  no option to turn it off; offline that fetch fails (a console error), so the badge's image
  is replaced by an inline SVG that says the same.
- Search from disk: Material's search runs in a web worker, which a browser will not start from
  a file:// page. Material's `offline` plugin inlines the index as a script and asks for the
  iframe-worker shim, whose URL (mkdocs.yml `extra.polyfills`) is the shim copied here from
  node_modules into the site, so nothing is fetched from a CDN.
"""

from __future__ import annotations

import copy
import inspect
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.synapse")

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "openapi" / "openapi.yaml"
HTTP_PAGE = "http-api.html"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_PAGE = "assets/javascripts/iframe-worker-shim.js"  # as named in mkdocs.yml extra.polyfills
REDOC_BADGES = ("https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg")
BADGE_SVG = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='60' height='14'%3E"
    "%3Ctext x='0' y='11' font-family='sans-serif' font-size='11' fill='%23333'%3ERedocly%3C/text%3E%3C/svg%3E"
)
BACK_TEXT = "← Synapse SDK documentation"
# Redoc's logo (info.x-logo) is the one link it offers above its menu: an image of the text.
BACK_LOGO = "data:image/svg+xml," + quote(
    "<svg xmlns='http://www.w3.org/2000/svg' width='260' height='28'>"
    "<text x='8' y='19' font-family='sans-serif' font-size='15' fill='#3f51b5'>" + BACK_TEXT + "</text></svg>"
)
INTRODUCTION = """\
Every endpoint the Python client `synapse-sdk-integration` calls, with its parameters, bodies,
answers and errors. Each operation shows how to call it from Python; the
[documentation site](index.html) explains the client: [configuration](configuration.html),
[errors](errors.html), [waiting for jobs and following their logs](jobs.html), and
[the local backend](local-backend.html) to try every call on your machine.

What to expect from the server: objects may carry fields not listed here, and job statuses,
storage providers and categories may take values not listed yet, so read them as open sets;
job ids are integers or UUIDs; answers carry every field their schema names, `null` where empty.
"""
# The client method of an operation whose name is not its operationId.
METHOD_FOR = {"tail_job_console_logs": "follow_job_console_logs"}
PACKAGE = "plugin_v2.zip"  # the package the samples upload, as on the method pages


# -- the document, prepared for readers ------------------------------------------------------


def _resolve(document: dict[str, Any], node: Any) -> Any:
    """`node` with a local `$ref` followed (the document keeps everything in one file)."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _example(document: dict[str, Any], schema: Any) -> Any:
    """The schema's own example, or one built from its properties' examples."""
    ref = schema.get("$ref", "") if isinstance(schema, dict) else ""
    noun = re.sub(r"(Create|Update|Request)$", "", ref.rsplit("/", 1)[-1])
    schema = _resolve(document, schema)
    if not isinstance(schema, dict):
        return None
    if "example" in schema:
        return schema["example"]
    if schema.get("examples"):
        return schema["examples"][0]
    # allOf: any part's example; oneOf/anyOf (one entry or a list of them): the first variant's.
    for part in [*schema.get("allOf", []), *schema.get("oneOf", [])[:1], *schema.get("anyOf", [])[:1]]:
        found = _example(document, part)
        if found is not None:
            return found
    # No example of its own (an update, a multipart body): the properties' examples, and for the
    # required ones and the first, the value another schema's example gives that field.
    built = {}
    required = set(schema.get("required", []))
    for position, (name, prop) in enumerate((schema.get("properties") or {}).items()):
        prop = _resolve(document, prop)
        if prop.get("format") == "binary" or "contentMediaType" in prop:
            built[name] = PACKAGE  # a path: the client opens and closes it
            continue
        value = _example(document, prop)
        if value is None and (name in required or position == 0):
            value = _field_example(document, name, noun)
        if value is not None:
            built[name] = value
    return built or None


def _field_example(document: dict[str, Any], field: str, noun: str) -> Any:
    """The value the examples of the document give `field`: first those of the schemas named
    after `noun` (PluginUpdate borrows from Plugin), then any other (error bodies left out:
    their fields hold messages)."""
    schemas = document.get("components", {}).get("schemas", {})
    ordered = sorted(schemas.items(), key=lambda item: not (noun and item[0].startswith(noun)))
    for name, schema in ordered:
        if "Error" in name:
            continue
        example = schema.get("example") if isinstance(schema, dict) else None
        if isinstance(example, dict) and field in example:
            return example[field]
    return None


def _client_method(operation_id: str) -> Callable[..., Any] | None:
    from synapse_sdk.clients.integration import IntegrationClientMixin

    method = getattr(IntegrationClientMixin, METHOD_FOR.get(operation_id, operation_id), None)
    return method if callable(method) else None


def python_sample(
    document: dict[str, Any], path_item: dict[str, Any], operation: dict[str, Any]
) -> str | None:
    """A runnable Python call of the operation through the client: its method, with the
    document's examples for the path parameters, the first documented filter and the body.
    None when the client has no method for it."""
    method = _client_method(operation["operationId"])
    if method is None:
        return None
    parameters = [
        _resolve(document, p) for p in [*path_item.get("parameters", []), *operation.get("parameters", [])]
    ]
    in_path = {p["name"]: p.get("example", 1) for p in parameters if p["in"] == "path"}
    filters = [
        p
        for p in parameters
        if p["in"] == "query" and "example" in p and p["name"] not in ("page", "page_size")
    ]
    body = operation.get("requestBody")
    arguments = []
    for name, parameter in inspect.signature(method).parameters.items():
        if name in in_path:
            arguments.append(repr(in_path[name]))
        elif name == "data" and body is not None:
            content = next(iter(_resolve(document, body)["content"].values()))
            arguments.append(repr(_example(document, content.get("schema")) or {}))
        elif name == "params" and filters and parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            arguments.append(repr({filters[0]["name"]: filters[0]["example"]}))
    call = f"client.{method.__name__}({', '.join(arguments)})"
    returns = str(inspect.signature(method).return_annotation)
    if "Iterator" in returns:
        use = f"for entry in {call}:\n    print(entry)"
    elif returns.startswith("tuple"):
        use = f"items, total = {call}\nprint(total, items)"
    else:
        use = f"result = {call}\nprint(result)"
    return (
        "from synapse_sdk.clients.backend import BackendClient\n\n"
        "client = BackendClient()  # SYNAPSE_BASE_URL, SYNAPSE_ACCESS_TOKEN\n"
        f"{use}\n"
    )


def operations(document: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(path item, operation) of every operation of the document."""
    return [
        (item, operation)
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]


def for_readers(document: dict[str, Any]) -> dict[str, Any]:
    """The document as the HTTP reference shows it (the committed document is not changed)."""
    shown = copy.deepcopy(document)
    shown["info"]["description"] = INTRODUCTION
    shown["info"]["x-logo"] = {"url": BACK_LOGO, "href": "index.html", "altText": BACK_TEXT}
    for server in shown.get("servers", []):
        if "description" in server:
            server["description"] = server["description"].replace("`", "")
    for item, operation in operations(shown):
        sample = python_sample(shown, item, operation)
        if sample is not None:
            operation["x-codeSamples"] = [{"lang": "Python", "label": "Python", "source": sample}]
    return shown


# -- building ----------------------------------------------------------------------------------


def redocly() -> str:
    local = ROOT / "node_modules" / ".bin" / "redocly"
    if local.exists():
        return str(local)
    raise FileNotFoundError(f"{local} is missing: run `make setup` (npm ci installs @redocly/cli)")


def render_http_reference(output: Path) -> None:
    """Render the document, prepared for readers, to one offline HTML page at `output`."""
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    prepared = output.with_name("openapi.json")
    prepared.write_text(json.dumps(for_readers(document), ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ)
    # No network at build time: no telemetry, no update check.
    env.update(REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true", NO_UPDATE_NOTIFIER="1")
    command = [
        redocly(),
        "build-docs",
        str(prepared),
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
    if not SHIM.is_file():
        raise FileNotFoundError(f"{SHIM} is missing: run `make setup` (npm ci installs iframe-worker)")
    files.append(File.generated(config, SHIM_PAGE, abs_src_path=str(SHIM)))
    return files


def on_shutdown() -> None:
    if _workdir is not None:
        shutil.rmtree(_workdir, ignore_errors=True)


__all__ = ["for_readers", "operations", "python_sample", "render_http_reference"]
