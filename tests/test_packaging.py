"""The project installs as configured: no setuptools warning about its own configuration, and the
wheel carries every data file the code reads (templates, example queries, vendored assets)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "ingest", "api")


def test_wheel_builds_without_warnings_and_carries_the_data_files(tmp_path: Path) -> None:
    src = tmp_path / "src"  # a copy: setuptools writes build/ and *.egg-info into the tree
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PACKAGES:
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
         "--no-index", "-v", "-w", str(tmp_path / "dist")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    log = built.stdout + built.stderr
    assert [line for line in log.splitlines() if "Warning:" in line] == []

    (wheel,) = (tmp_path / "dist").glob("*.whl")
    shipped = {n for n in zipfile.ZipFile(wheel).namelist() if ".dist-info/" not in n}
    on_disk = {
        p.relative_to(src).as_posix()
        for name in PACKAGES
        for p in (src / name).rglob("*")
        if p.is_file()
    }
    assert shipped == on_disk
