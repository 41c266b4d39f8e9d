"""A newcomer's clone has no ../shared beside it: the suite must pass there on the project alone,
with the tests that need the shared corpus skipped for the one reason tests/conftest.py gives.

The copy holds what `git clone` would give of the working tree (tracked and new files, not the
ignored ones), plus the vendored YASGUI and Swagger UI that `make test` fetches first. Only pytest runs there:
ruff and mypy do not read ../shared."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shared_support import REASON, REPO

INSIDE = "LEGAL_GRAPH_CLEAN_CLONE"  # set in the copy: the copy does not copy itself again


@pytest.mark.slow  # the whole suite once more, less what needs ../shared (about a minute)
@pytest.mark.skipif(bool(os.environ.get(INSIDE)), reason="already running in the copy")
def test_the_suite_passes_in_a_clone_without_shared(tmp_path: Path) -> None:
    clone = tmp_path / "legal-graph"  # tmp_path/shared does not exist
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, files):
        if (REPO / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, clone / name)
    for name in ("yasgui", "swagger-ui"):
        vendored = REPO / "api" / "static" / name
        if vendored.is_dir():
            shutil.copytree(vendored, clone / "api" / "static" / name)
    env = {**os.environ, INSIDE: "1", "PYTHONPATH": str(clone)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    tail = run.stdout[-6000:]
    assert run.returncode == 0, tail
    reasons = set(re.findall(r"^SKIPPED \[\d+\] [^:]+:\d+: (.*)$", run.stdout, re.M))
    assert REASON.replace(str(REPO.parent), str(tmp_path)) in reasons, tail
