"""The README is also the package's long description on PyPI: it must render there."""

from __future__ import annotations

import re
import tomllib

import readme_renderer.markdown

from tests.docs.examples import ROOT

README = ROOT / "README.md"


def test_readme_is_the_long_description_and_renders_as_pypi_does() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["readme"] == "README.md"  # hatchling sends it as text/markdown
    html = readme_renderer.markdown.render(README.read_text(encoding="utf-8"), variant="GFM")
    assert html is not None, "readme_renderer could not render README.md"
    headings = re.findall(r"<h2[^>]*>(.*?)<a ", html)
    assert {"Install", "Quickstart", "Configuration", "Errors", "Async"} <= set(headings)
    assert html.count("<table>") >= 3 and "<pre" in html and "synapse-sdk-integration[devserver]" in html


def test_readme_begins_with_the_demo_and_test_commands() -> None:
    """CI runs the README's first commands: `make demo`, then `make test`."""
    first_block = README.read_text(encoding="utf-8").split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make demo", "make test"]
