"""The extraction modules compiled with mypyc, used only when built from the current sources.

`make install` (and `make run`, `make test`) runs ``ingest.compiled.main``: it compiles
``MODULES`` from a copy of their sources into ``build/mypyc/ingest/`` and records each source's
SHA-256 beside them. ``ingest/__init__.py`` puts that folder first on the package's path only
when every recorded hash is the hash of the source file now: an edited module, a clone that
never built them, or ``LEGAL_GRAPH_PURE_PYTHON=1`` runs the plain Python files, which give
the same results (the compiled code is the same code, typed; it is about 1.15× faster).

All or none: the compiled modules call each other directly, so one stale module means none.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

MODULES = ("extract", "relations", "references", "clean", "header", "identity", "dates", "laws")
ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "sources.sha256"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compiled_dir(root: Path = ROOT) -> str | None:
    """The folder of compiled modules to load ahead of ``root/ingest``, or None when there is
    none, it was built from other sources, or ``LEGAL_GRAPH_PURE_PYTHON`` is set."""
    if os.environ.get("LEGAL_GRAPH_PURE_PYTHON") or not _fresh(root):
        return None
    return str(root / "build" / "mypyc" / "ingest")


def _fresh(root: Path) -> bool:
    """Whether ``build/mypyc`` holds ``MODULES`` compiled from the sources as they are now."""
    try:
        lines = (root / "build" / "mypyc" / MANIFEST).read_text(encoding="utf-8").splitlines()
        built = dict(line.split("  ", 1)[::-1] for line in lines)  # name -> digest
        return sorted(built) == sorted(f"ingest/{m}.py" for m in MODULES) and all(
            _digest(root / name) == digest for name, digest in built.items()
        )
    except (OSError, ValueError):
        return False


def build(root: Path = ROOT) -> None:
    """Compile ``MODULES`` into ``root/build/mypyc``; the manifest is written last."""
    from mypyc.build import mypycify
    from setuptools import setup

    out = root / "build" / "mypyc"
    stage = out / "stage"  # a copy, so a source edited during the build is not recorded as built
    shutil.rmtree(out, ignore_errors=True)
    (stage / "ingest").mkdir(parents=True)
    for path in (root / "ingest").glob("*.py"):
        shutil.copy2(path, stage / "ingest" / path.name)
    names = [f"ingest/{m}.py" for m in MODULES]
    cwd = os.getcwd()
    os.chdir(stage)
    try:
        # "--config-file=": not the project's (it names the whole tree and a plugin); the
        # shared library goes inside the package: ingest/native__mypyc.*.so
        flags = ["--config-file=", "--ignore-missing-imports"]
        ext = mypycify([*flags, *names], group_name="ingest.native")
        setup(name="legal-graph-native", ext_modules=ext, script_args=["-q", "build_ext", "-i"])
    finally:
        os.chdir(cwd)
    (out / "ingest").mkdir()
    for lib in (stage / "ingest").glob("*.so"):
        lib.rename(out / "ingest" / lib.name)
    sums = "".join(f"{_digest(stage / n)}  {n}\n" for n in names)
    shutil.rmtree(stage)
    (out / MANIFEST).write_text(sums, encoding="utf-8")


def main() -> None:
    """`make install`: build unless the build is fresh; a failed build leaves Python running."""
    if _fresh(ROOT):
        return
    try:
        build()
    except (Exception, SystemExit) as err:  # no compiler, no headers
        print(f"ingest.compiled: not compiled ({err}); extraction runs as Python", file=sys.stderr)
