"""Coexistence with the production `synapse-sdk`, which installs a top-level `synapse_sdk` too.

The real `synapse-sdk` needs Python 3.12 (every release on PyPI says Requires-Python >=3.12), so
a stand-in owns the same paths as its wheel (2026.2.17): `synapse_sdk/__init__.py`,
`synapse_sdk/clients/{__init__,exceptions}.py` (the files both distributions used to install)
and `synapse_sdk/clients/backend/` (a package, which shadows a `backend.py` whatever the order).

Each scenario installs real wheels into a throwaway venv with pip, in one order or the other,
uninstalls one, and checks every file each remaining distribution's RECORD lists: present, with
the hash it was installed with (nothing deleted, nothing overwritten). A control with the old
layout (our files at the top level) shows that the check does catch a half-deleted package.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # about 30 s: venvs and pip runs

REPO = Path(__file__).resolve().parents[2]
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "--quiet"]
OURS, THEIRS = "synapse-sdk-integration", "synapse-sdk"

# What the probe prints, as JSON: who provides synapse_sdk, and each distribution's damage.
PROBE = textwrap.dedent(
    """
    import hashlib, base64, importlib, json, sys, sysconfig
    from importlib import metadata
    report = {"dists": {}}
    site = sysconfig.get_paths()["purelib"]  # this venv's own, not the dependencies' path entry
    for dist in metadata.distributions(path=[site]):
        name = dist.metadata["Name"]
        if name not in ("synapse-sdk", "synapse-sdk-integration"):
            continue
        missing, changed = [], []
        for file in dist.files or []:
            path = file.locate()
            if not path.exists():
                missing.append(str(file))
            elif file.hash is not None:
                digest = base64.urlsafe_b64encode(hashlib.sha256(path.read_bytes()).digest()).rstrip(b"=")
                if digest.decode() != file.hash.value:
                    changed.append(str(file))
        report["dists"][name] = {"missing": missing, "changed": changed}
    try:
        backend = importlib.import_module("synapse_sdk.clients.backend")
        exceptions = importlib.import_module("synapse_sdk.clients.exceptions")
        report["backend"] = getattr(backend.BackendClient, "FLAVOUR", "integration")
        report["error"] = getattr(exceptions.ClientError, "FLAVOUR", "integration")
        if report["backend"] == "integration":  # ours in working order: build a client
            client = backend.BackendClient("http://127.0.0.1:9/api/")
            report["client"] = repr(client) + " " + str(callable(client.with_raw_response.get_job))
    except Exception as error:
        report["import_error"] = f"{type(error).__name__}: {error}"
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            plugin = importlib.import_module("synapse_sdk_pytest")  # the pytest11 entry point
            report["plugin"] = sorted(getattr(plugin, "__all__", [])) or [str(w.message) for w in caught]
        except ModuleNotFoundError as error:
            report["plugin"] = None if error.name == "synapse_sdk_pytest" else repr(error)
    print(json.dumps(report))
    """
)


def _wheel(path: Path, name: str, version: str, files: dict[str, str]) -> Path:
    """A minimal, valid wheel with these files (and a RECORD with their hashes)."""
    dist_info = f"{name.replace('-', '_')}-{version}.dist-info"
    files = {
        **files,
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for member, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{member},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    wheel = path / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for member, text in files.items():
            archive.writestr(member, text)
        archive.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    return wheel


def _stand_in(path: Path) -> Path:
    marked = "FLAVOUR = 'production'\n"
    return _wheel(
        path,
        THEIRS,
        "2026.2.17",
        {
            "synapse_sdk/__init__.py": "from synapse_sdk.shared import worker_process_setup_hook\n",
            "synapse_sdk/shared/__init__.py": "def worker_process_setup_hook(): pass\n",
            "synapse_sdk/clients/__init__.py": "from synapse_sdk.clients.exceptions import ClientError\n",
            "synapse_sdk/clients/exceptions.py": f"class ClientError(Exception):\n    {marked}",
            "synapse_sdk/clients/backend/__init__.py": f"class BackendClient:\n    {marked}",
            "synapse_sdk/clients/base.py": "class BaseClient: pass\n",
        },
    )


def _old_layout(path: Path) -> Path:
    """Our distribution as it was before: the same files, at the top level of site-packages."""
    files = {
        f"synapse_sdk/{name}": (REPO / "synapse_sdk" / name).read_text()
        for name in ("__init__.py", "clients/__init__.py", "clients/exceptions.py", "clients/backend.py")
    }
    return _wheel(path, OURS, "0.0.9", files)


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("wheels")
    # The real build, offline: hatchling comes from the dev extra, nothing is downloaded.
    subprocess.run(
        [*PIP, "wheel", "--no-build-isolation", "--no-deps", "--no-index", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (ours,) = out.glob("synapse_sdk_integration-*.whl")
    return {"ours": ours, "theirs": _stand_in(out), "old": _old_layout(out)}


class Venv:
    def __init__(self, path: Path) -> None:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
        self.python = path / "bin" / "python"
        self.site = Path(
            subprocess.run(
                [str(self.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
        )
        # The runtime dependencies (httpx...) from this suite's environment, as a plain path
        # entry: .pth files in it (our editable install's) are not processed.
        (self.site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        self.cwd = path

    def pip(self, *args: str) -> None:
        subprocess.run([*PIP, "--python", str(self.python), *args], check=True, capture_output=True)

    def install(self, wheel: Path) -> None:
        self.pip("install", "--no-deps", "--no-index", str(wheel))

    def uninstall(self, name: str) -> None:
        self.pip("uninstall", "--yes", name)

    def probe(self) -> dict[str, object]:
        out = subprocess.run(
            [str(self.python), "-I", "-c", PROBE], check=True, capture_output=True, text=True, cwd=self.cwd
        ).stdout
        return json.loads(out)  # type: ignore[no-any-return]


@pytest.fixture
def venv(tmp_path: Path) -> Iterator[Venv]:
    yield Venv(tmp_path / "venv")


def _intact(report: dict[str, object], *names: str) -> None:
    dists = report["dists"]
    assert isinstance(dists, dict) and sorted(dists) == sorted(names), report
    for name in names:
        assert dists[name] == {"missing": [], "changed": []}, (name, report)


def test_our_wheel_installs_nothing_at_the_top_level_named_synapse_sdk(wheels: dict[str, Path]) -> None:
    with zipfile.ZipFile(wheels["ours"]) as archive:
        tops = sorted({name.split("/")[0] for name in archive.namelist()})
        pth = archive.read("synapse_sdk_integration.pth").decode()
    assert tops == [
        "synapse_sdk_integration",
        "synapse_sdk_integration-0.1.0.dist-info",
        "synapse_sdk_integration.pth",
        "synapse_sdk_pytest.py",
    ]
    assert pth == "synapse_sdk_integration\n"  # a path line only: nothing runs at start-up


def test_ours_alone_installs_imports_and_uninstalls_cleanly(venv: Venv, wheels: dict[str, Path]) -> None:
    venv.install(wheels["ours"])
    report = venv.probe()
    _intact(report, OURS)
    assert report["backend"] == report["error"] == "integration"
    assert report["client"] == "BackendClient(base_url='http://127.0.0.1:9/api/') True"
    # The fixtures, and the hooks of the fixtures' dialect option (--synapse-dialect, the marker).
    assert report["plugin"] == [
        "pytest_addoption",
        "pytest_configure",
        "synapse_devserver",
        "synapse_devserver_switches",
        "synapse_devserver_url",
    ]
    venv.uninstall(OURS)
    # pip leaves the emptied top directory (it is no package); no file and no .pth remain.
    left = sorted(str(p) for p in venv.site.rglob("*") if "synapse" in str(p) and p.is_file())
    assert left == [], left
    assert not (venv.site / "synapse_sdk_integration.pth").exists()


@pytest.mark.parametrize("first", ["ours", "theirs"])
def test_either_order_leaves_both_whole(venv: Venv, wheels: dict[str, Path], first: str) -> None:
    second = "theirs" if first == "ours" else "ours"
    venv.install(wheels[first])
    venv.install(wheels[second])
    both = venv.probe()
    _intact(both, OURS, THEIRS)  # neither overwrote a file of the other
    # With both installed, `synapse_sdk` is the production SDK's (site-packages comes before
    # our .pth directory): documented in the README, "Coexistence".
    assert both["backend"] == both["error"] == "production"
    # ...and our pytest plugin says so instead of stopping pytest.
    (warning,) = both["plugin"]  # type: ignore[misc]
    assert "finds another distribution's package (the production synapse-sdk)" in warning

    venv.uninstall(THEIRS)
    alone = venv.probe()
    _intact(alone, OURS)
    assert alone["backend"] == "integration" and "import_error" not in alone

    venv.install(wheels["theirs"])
    venv.uninstall(OURS)
    theirs = venv.probe()
    _intact(theirs, THEIRS)
    assert theirs["backend"] == theirs["error"] == "production" and theirs["plugin"] is None


def test_control_the_old_layout_half_deleted_the_other(venv: Venv, wheels: dict[str, Path]) -> None:
    """Sharing files, as before: installing ours over theirs overwrote their files, and
    uninstalling ours then deleted them. The probe sees it, so the checks above can fail."""
    venv.install(wheels["theirs"])
    venv.install(wheels["old"])
    report = venv.probe()
    dists = report["dists"]
    assert isinstance(dists, dict)
    assert set(dists[THEIRS]["changed"]) == {
        "synapse_sdk/__init__.py",
        "synapse_sdk/clients/__init__.py",
        "synapse_sdk/clients/exceptions.py",
    }
    venv.uninstall(OURS)
    after = venv.probe()
    missing = {path for path in after["dists"][THEIRS]["missing"] if path.endswith(".py")}  # type: ignore[index]
    assert missing == set(dists[THEIRS]["changed"])
    assert "ModuleNotFoundError" in str(after.get("import_error")), after  # and nothing said why
