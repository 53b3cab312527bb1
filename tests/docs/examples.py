"""The Python examples of the documentation site and the README, extracted and run.

Every fenced ```python block of README.md and docs/*.md is an example. The blocks of one page run
in order, in one namespace (a later block may use what an earlier one made), as a reader pasting
them into one session would, against a fresh local backend whose URL and token are in
SYNAPSE_BASE_URL / SYNAPSE_ACCESS_TOKEN, in a working directory that holds a real plugin package
`plugin_v2.zip`. A marker comment on the line just before a block changes how it is used:

    <!-- docs-test: skip: why -->   not run (a deliberately partial snippet); the reason is required
    <!-- docs-test: pytest -->      run as a test module by pytest in a child process (the fixtures
                                    of synapse_sdk.testing are there, as in a user's project)

Each page runs in a child process of its own (`python -m tests.docs.examples PAGE`), so what an
example changes (logging, the environment, modules) never leaks into another page or the suite.
The Korean page (docs/integration-mixin.ko.md) is run as written by tests/test_seed_examples.py.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import textwrap
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
RUN_ELSEWHERE = {DOCS / "integration-mixin.ko.md"}
PACKAGE = "plugin_v2.zip"

_FENCE = re.compile(
    r"^(?P<indent>[ ]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<code>.*?)^(?P=indent)```[ ]*$", re.M | re.S
)
_MARKER = re.compile(r"<!--\s*docs-test:\s*(?P<mode>[\w-]+)\s*(?::\s*(?P<reason>[^>]*?))?\s*-->\s*$")
MODES = ("run", "skip", "pytest")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int  # of the first line of code, 1-based, in the markdown file
    code: str
    mode: str
    reason: str = ""

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def pages() -> list[Path]:
    """The markdown files whose examples this runner owns."""
    found = [ROOT / "README.md", *sorted(DOCS.glob("**/*.md"))]
    return [page for page in found if page not in RUN_ELSEWHERE]


def extract(path: Path) -> list[Block]:
    """The python blocks of one markdown file, with their markers."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        if match["lang"] != "python":
            continue
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        marker = _MARKER.match(before)
        mode, reason = ("run", "") if marker is None else (marker["mode"], (marker["reason"] or "").strip())
        if mode not in MODES or (mode == "skip" and not reason):
            raise ValueError(
                f"{path.relative_to(ROOT)}: bad marker {before!r}: use <!-- docs-test: skip: reason --> "
                "or <!-- docs-test: pytest -->"
            )
        line = text.count("\n", 0, match.start("code")) + 1
        blocks.append(Block(path, line, textwrap.dedent(match["code"]), mode, reason))
    return blocks


def compiled(block: Block) -> object:
    """The block's code, compiled so that tracebacks name the markdown file and its line."""
    return compile("\n" * (block.line - 1) + block.code, str(block.path), "exec")


def run_module(block: Block) -> str | None:
    """Run a `pytest` block as a test module in a child pytest; its report when it fails."""
    path = Path.cwd() / f"test_docs_example_{block.line}.py"
    path.write_text(block.code, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode == 0 and " passed" in done.stdout:
        return None
    return f"pytest failed:\n{done.stdout}\n{done.stderr}"


def run_page(path: Path) -> int:
    """Run the page's blocks in order in one namespace; report the first failure on stderr."""
    namespace: dict[str, object] = {"__name__": "__docs_example__"}
    for block in extract(path):
        if block.mode == "skip":
            continue
        print(f"== {block.where} ({block.mode})", flush=True)
        if block.mode == "pytest":
            problem = run_module(block)
        else:
            out = io.StringIO()
            problem = None
            try:
                with contextlib.redirect_stdout(out):
                    exec(compiled(block), namespace)
            except Exception:
                problem = f"raised:\n{traceback.format_exc()}"
            printed = out.getvalue()
            sys.stdout.write(printed)
            if problem is None and "print(" in block.code and not printed.strip():
                problem = "prints, but printed nothing"
        if problem is not None:
            sys.stderr.write(f"{block.where}: the example {problem}\n--- the example:\n{block.code}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(run_page(Path(sys.argv[1]).resolve()))
