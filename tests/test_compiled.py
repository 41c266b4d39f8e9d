"""The mypyc-compiled extraction modules (ingest/compiled.py): loaded only when built from the
sources as they are, and extracting exactly what the Python files extract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from shared_support import CORPUS

import ingest.extract
from ingest.compiled import MANIFEST, MODULES, ROOT, compiled_dir


def built_tree(root: Path) -> Path:
    """A tree with the modules' sources and a manifest recording them, as a build leaves it."""
    (root / "ingest").mkdir()
    (root / "build" / "mypyc" / "ingest").mkdir(parents=True)
    sums = []
    for m in MODULES:
        (root / "ingest" / f"{m}.py").write_text(f"NAME = {m!r}\n")
        sums.append(f"{ingest.compiled._digest(root / 'ingest' / f'{m}.py')}  ingest/{m}.py\n")
    (root / "build" / "mypyc" / MANIFEST).write_text("".join(sums))
    return root


def test_the_compiled_folder_is_used_only_when_built_from_these_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEGAL_GRAPH_PURE_PYTHON", raising=False)
    root = built_tree(tmp_path)
    assert compiled_dir(root) == str(root / "build" / "mypyc" / "ingest")
    monkeypatch.setenv("LEGAL_GRAPH_PURE_PYTHON", "1")
    assert compiled_dir(root) is None  # asked for the Python files
    monkeypatch.delenv("LEGAL_GRAPH_PURE_PYTHON")
    (root / "ingest" / "relations.py").write_text("NAME = 'edited'\n")
    assert compiled_dir(root) is None  # one module edited since: none is used
    (root / "ingest" / "relations.py").write_text("NAME = 'relations'\n")
    assert compiled_dir(root) is not None
    manifest = root / "build" / "mypyc" / MANIFEST
    manifest.write_text("".join(manifest.read_text().splitlines(True)[1:]))
    assert compiled_dir(root) is None  # built before a module was added to MODULES
    manifest.unlink()
    assert compiled_dir(root) is None  # never built (a fresh clone)


BUILT = compiled_dir() is not None
NOT_BUILT = "the extraction modules are not compiled here (`make install` builds them)"


def edges(paths: list[Path], out: Path, *, pure: bool) -> bytes:
    env = {k: v for k, v in os.environ.items() if k != "LEGAL_GRAPH_PURE_PYTHON"}
    env |= {"PYTHONPATH": str(ROOT), **({"LEGAL_GRAPH_PURE_PYTHON": "1"} if pure else {})}
    code = "import sys; from api.cli import main; import ingest.extract as e; "
    code += "print(e.__file__, file=sys.stderr); main()"
    run = subprocess.run(
        [sys.executable, "-c", code, "extract", *map(str, paths), "--edges", str(out), "-q"],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    loaded = run.stderr.splitlines()[0]
    assert loaded.endswith(".py" if pure else ".so"), loaded
    return out.read_bytes()


@pytest.mark.skipif(not BUILT, reason=NOT_BUILT)
def test_compiled_modules_are_loaded_and_extract_the_samples_alike(tmp_path: Path) -> None:
    assert ingest.extract.__file__ is not None and ingest.extract.__file__.endswith(".so")
    paths = [ROOT / "samples"]
    assert edges(paths, tmp_path / "a", pure=False) == edges(paths, tmp_path / "b", pure=True)


@pytest.mark.shared
@pytest.mark.skipif(not BUILT, reason=NOT_BUILT)
def test_compiled_modules_extract_the_gazette_alike(tmp_path: Path) -> None:
    paths = [CORPUS / "gazette", CORPUS / "tvpl", CORPUS / "provincial"]
    assert edges(paths, tmp_path / "a", pure=False) == edges(paths, tmp_path / "b", pure=True)
