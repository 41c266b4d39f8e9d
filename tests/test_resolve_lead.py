"""resolve answers the clear leader when one candidate is cited far more, lists the others, and
reads numbers and years as people write them (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import json_extractor, write_doc

from graph.ingest import ingest
from graph.resolve import parse, resolve
from graph.store import OxigraphStore, Store

NQ57_TW = {"key": "vn/tw/2024/nq/57", "symbol": "57-NQ/TW", "date": "2024-12-22"}
NQ57_CP = {"key": "vn/cp/2010/nq/57", "symbol": "57/NQ-CP", "date": "2010-12-01"}


def store_citing(tmp_path: Path, tw: int, cp: int) -> Store:
    """A store where ``tw`` plans implement 57-NQ/TW and ``cp`` implement 57/NQ-CP."""
    for i in range(tw + cp):
        target = NQ57_TW if i < tw else NQ57_CP
        plan = {"key": f"kon-tum/ubnd/2025/kh/{i + 1}", "symbol": f"{i + 1}/KH-UBND"}
        write_doc(tmp_path, f"kh{i}.txt", plan, [[None, "implements", target, f"Thực hiện {i}"]])
    store = OxigraphStore(None)
    ingest([tmp_path], store, workers=1, progress=False, extractor=json_extractor)
    return store


def test_the_resolution_cited_far_more_is_the_answer_and_the_other_is_listed(
    tmp_path: Path,
) -> None:
    res = resolve(store_citing(tmp_path, tw=6, cp=1), "Resolution 57")
    assert (res.ambiguous, res.best and res.best.key) == (False, "vn/tw/2024/nq/57")
    assert [c.doc.key for c in res.candidates] == ["vn/tw/2024/nq/57", "vn/cp/2010/nq/57"]
    assert "cited far more than the other 1 that fit" in res.candidates[0].why


@pytest.mark.parametrize(("tw", "cp"), [(2, 1), (3, 2), (0, 0)])
def test_no_clear_leader_stays_ambiguous(tmp_path: Path, tw: int, cp: int) -> None:
    for doc in (NQ57_TW, NQ57_CP):  # both read, so both are candidates even when uncited
        write_doc(tmp_path, f"{doc['key'].replace('/', '_')}.txt", doc)
    res = resolve(store_citing(tmp_path, tw, cp), "Resolution 57")
    assert (res.ambiguous, res.best) == (True, None)
    assert {c.doc.key for c in res.candidates} == {"vn/tw/2024/nq/57", "vn/cp/2010/nq/57"}


@pytest.mark.parametrize(
    ("text", "number", "year", "type_"),
    [
        ("2039", "2039", None, None),  # a year to come is a number
        ("Kế hoạch 2039", "2039", None, "kh"),
        ("2024", None, 2024, None),
        ("Luật Đất đai 2024", None, 2024, "l"),  # a law is cited by name and year
        ("Bộ luật Lao động 2019", None, 2019, "bl"),
        ("Nghị quyết 2024", "2024", None, "nq"),
        ("Kế hoạch 45 2021", "45", 2021, "kh"),
    ],
)
def test_numbers_and_years(
    text: str, number: str | None, year: int | None, type_: str | None
) -> None:
    p = parse(text)
    assert (p.number, p.year, p.type) == (number, year, type_)
