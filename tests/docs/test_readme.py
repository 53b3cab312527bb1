"""The README (and the site's home page) lead a new user: commands that can work today, a
Quickstart that runs as pasted, and a page short enough to read in five minutes. The README is
also the package's long description: it must render as PyPI renders it.

(The README's Python blocks are run by tests/docs/test_examples.py; this file runs its shell.)
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import readme_renderer.markdown

from tests.docs.examples import DOCS, ROOT

README = ROOT / "README.md"
LEADING_PAGES = [README, DOCS / "index.md"]
_SECTION = re.compile(r"^## (?P<title>[^\n]+)\n(?P<body>.*?)(?=^## |\Z)", re.M | re.S)
_BLOCK = re.compile(r"^```(?P<lang>\w*)\n(?P<code>.*?)^```", re.M | re.S)


def _section(page: Path, title: str) -> str:
    for match in _SECTION.finditer(page.read_text(encoding="utf-8")):
        if match["title"].strip() == title:
            return match["body"]
    raise AssertionError(f"{page.name} has no section {title!r}")


def _blocks(text: str, lang: str) -> list[str]:
    return [m["code"] for m in _BLOCK.finditer(text) if m["lang"] == lang]


def test_readme_renders_as_pypi_does_and_leads() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["readme"] == "README.md"  # hatchling sends it as text/markdown
    text = README.read_text(encoding="utf-8")
    html = readme_renderer.markdown.render(text, variant="GFM")
    assert html is not None, "readme_renderer could not render README.md"
    headings = re.findall(r"<h2[^>]*>(.*?)<a ", html) or re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    # What the package is comes first, then how to install it, then the Quickstart.
    assert headings[:3] == ["Install", "Quickstart", "The job workflow, and the lists"], headings
    assert text.index("Synapse ML platform") < text.index("## Install")
    assert len(text.splitlines()) <= 200, "a page a newcomer reads in five minutes"
    assert " FAIL " not in text and "TIMING_" not in text
    assert "(CONTRIBUTING.md)" in text and (ROOT / "CONTRIBUTING.md").is_file()


@pytest.mark.parametrize("page", LEADING_PAGES, ids=lambda p: p.name)
def test_every_pip_install_names_something_that_exists_today(page: Path) -> None:
    """The package is not on PyPI: each install command names the checkout, a path or a wheel."""
    commands = re.findall(r"pip install ([^`\n#]+)", page.read_text(encoding="utf-8"))
    assert commands, f"{page.name} says nothing about installing"
    for command in commands:
        target = command.split()[-1].strip("'\"")
        assert target.startswith((".", "/", "dist/")), f"{page.name}: `pip install {command.strip()}`"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.parametrize("page", LEADING_PAGES, ids=lambda p: p.name)
def test_quickstart_runs_as_pasted(page: Path, tmp_path: Path) -> None:
    """The Quickstart's shell lines, then its first Python block, in one bash session in an
    empty directory, as a reader pastes them (only the port is changed: 8000 may be taken on a
    shared machine). bash waits for the backend the way a reader does, by trying it."""
    quickstart = _section(page, "Quickstart")
    shell, python = _blocks(quickstart, "sh")[0], _blocks(quickstart, "python")[0]
    assert "8000" in shell and shell.count("\n") == 2, shell
    port = str(_free_port())
    script = "\n".join(
        [
            "set -e",
            "trap 'kill $(jobs -p) 2>/dev/null' EXIT",  # the backend ends with the session
            shell.replace("8000", port),
            f"until python -c 'import socket; socket.create_connection((\"127.0.0.1\", {port}))' 2>/dev/null;"
            " do sleep 0.1; done",
            "python - <<'PASTED'",
            python + "PASTED",
        ]
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNAPSE_")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^\S.* \d+\.\d+\.\d+$", done.stdout, re.M), done.stdout  # "<name> <version>"
