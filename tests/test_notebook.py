"""notebooks/legal_graph_tour.ipynb runs from top to bottom and answers what it promises
(the chains of samples/README), in under a minute: executed here so it cannot rot."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "legal_graph_tour.ipynb"


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif "data" in out:
            data = out["data"]
            parts.append(
                data.get("text/markdown") or data.get("text/html") or data.get("text/plain", "")
            )
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed() -> tuple[list[str], float]:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    started = time.monotonic()
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()  # raises CellExecutionError, with the cell and its traceback, on any error
    seconds = time.monotonic() - started
    return [_text(c) for c in nb.cells if c.cell_type == "code"], seconds


def test_notebook_runs_in_under_a_minute(executed: tuple[list[str], float]) -> None:
    outputs, seconds = executed
    assert seconds < 60, f"the notebook took {seconds:.0f} s"
    silent = [i for i, text in enumerate(outputs) if not text.strip()]
    assert silent == [1]  # only the cell defining the table helper shows nothing


def test_notebook_answers_the_key_questions(executed: tuple[list[str], float]) -> None:
    out = "\n".join(executed[0])
    # What implements Resolution 57: 03/NQ-CP (samples/06), then Quảng Ninh's plan (samples/07).
    assert "57-NQ/TW · vn/tw/2024/nq/57" in out
    assert "| 1 | 03/NQ-CP | Chính phủ | 2025-01-09 |" in out
    # The chain 52-NQ/TW → 50/NQ-CP → 2039/KH-UBND with the sentences that state it.
    assert "2039/KH-UBND --implements--> 50/NQ-CP" in out
    assert "50/NQ-CP --implements--> 52-NQ/TW" in out
    assert "“Triển khai thực hiện Nghị quyết số 50/NQ-CP" in out
    # Coverage: Kon Tum (in Quảng Ngãi since 2025) carried 52-NQ/TW out.
    assert "| Quảng Ngãi | 123-KH/TU | 2020-01-20 |" in out
    # networkx: 52-NQ/TW is the most implemented document of the samples.
    assert "| most implemented | documents implementing it |\n|---|---|\n| 52-NQ/TW |" in out
    assert "longest implementation chain:" in out
    # The interactive graph is inline, with vis-network itself (no CDN).
    assert "vis.Network" in out and "cdnjs" not in out and "jsdelivr" not in out
