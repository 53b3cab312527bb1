"""Fixtures of the contract-differ tests: each mutated document and the split pair, written from
base.yaml and tests/contract/mutations.py into a session's temporary directory on first use."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.contract import mutations

MutationFile = Callable[[str], Path]


@pytest.fixture(scope="session")
def mutation_file(tmp_path_factory: pytest.TempPathFactory) -> MutationFile:
    """`mutation_file("remove_operation")`: the path of base.yaml with that change applied."""
    folder = tmp_path_factory.mktemp("mutations")
    base = mutations.base()

    def write(name: str) -> Path:
        path = folder / f"{name}.yaml"
        if not path.exists():
            mutations.dump(mutations.mutated(name, base), path)
        return path

    return write


@pytest.fixture(scope="session")
def split_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """base.yaml spread over three files, and the same with `split_change` applied: the entry files."""
    folder = tmp_path_factory.mktemp("split")
    base = mutations.base()
    mutations.write_split(base, folder / "base")
    changed = copy.deepcopy(base)
    mutations.split_change(changed)
    mutations.write_split(changed, folder / "changed")
    return folder / "base" / "openapi.yaml", folder / "changed" / "openapi.yaml"
