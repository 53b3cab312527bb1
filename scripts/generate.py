"""`make client`: regenerate everything that is made from openapi/openapi.yaml.

1. generated/synapse_api: openapi-python-client (pinned) with the repo's custom templates;
   any generator warning fails the run.
2. synapse_sdk/clients/types.py: TypedDicts of the response and request bodies.
3. synapse_sdk/devserver/openapi.json: the bundled document the local backend validates against.

Output is written to a temporary directory first, so a failed run leaves the tree untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.typeddicts import render_typeddicts
from synapse_contract.loader import load_document

ROOT = Path(__file__).resolve().parent.parent

SPEC = ROOT / "openapi" / "openapi.yaml"
CONFIG = ROOT / "openapi" / "generator.yaml"
TEMPLATES = ROOT / "openapi" / "templates"
PACKAGE = ROOT / "generated" / "synapse_api"
TYPES = ROOT / "synapse_sdk" / "clients" / "types.py"
BUNDLED = ROOT / "synapse_sdk" / "devserver" / "openapi.json"


def generate_package(workdir: Path) -> Path:
    out = workdir / "synapse_api"
    bindir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [
        str(bindir / "openapi-python-client"),
        "generate",
        "--path",
        str(SPEC),
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--meta",
        "none",
        "--output-path",
        str(out),
        "--fail-on-warning",
    ]
    proc = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    # The generator reports some problems (a failed post hook, say) as warnings with exit 0.
    if proc.returncode != 0 or "Warning" in output or "Error" in output:
        sys.stderr.write(output)
        raise SystemExit(f"openapi-python-client failed (exit {proc.returncode}); nothing was written")
    # PEP 561 marker, so type checkers read the package (the generator writes it only with --meta).
    (out / "py.typed").write_text("")
    return out


def replace_tree(src: Path, dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"))


def write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def main() -> None:
    document = load_document(SPEC)
    with tempfile.TemporaryDirectory(prefix="synapse-gen-") as tmp:
        package = generate_package(Path(tmp))
        types_source = render_typeddicts(document)
        replace_tree(package, PACKAGE)
    write_if_changed(TYPES, types_source)
    write_if_changed(BUNDLED, json.dumps(document, indent=1, ensure_ascii=False, sort_keys=False) + "\n")
    print(f"regenerated {PACKAGE.relative_to(ROOT)}, {TYPES.relative_to(ROOT)}, {BUNDLED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
