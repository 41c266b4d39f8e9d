"""Where the shared material lives: ../shared beside the repository (not part of a clone).

Tests that read it are marked ``@pytest.mark.shared`` (or ``pytestmark = pytest.mark.shared``);
tests/conftest.py skips them when it is absent."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = CORPUS / "seeds"
GOLD = SHARED / "gold"
SCORER = SHARED / "tools" / "score_edges.py"
PRESENT = CORPUS.is_dir()
REASON = f"needs the shared corpus {SHARED}, absent beside this clone"
