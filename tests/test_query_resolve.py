"""What people type resolves to the document they mean, with reasons, and never to a silent
guess (real seed documents and bundled samples, ingested by the real pipeline)."""

from __future__ import annotations

import pytest
from query_support import full_store, seeds_store

from graph.resolve import EmptyQuery, fold, resolve
from graph.summary import all_values, key_parts
from ingest.identity import canonical_symbol

pytestmark = pytest.mark.shared


@pytest.mark.parametrize(
    "text", ["Resolution 57", "Nghị quyết 57", "NQ 57", "57-NQ/TW", "nghi quyet 57",
             "nghị quyết số 57", "vn/tw/2024/nq/57"],
)  # fmt: skip
def test_every_way_of_writing_resolution_57_finds_it(text: str) -> None:
    res = resolve(seeds_store(), text)
    assert not res.ambiguous, [c.doc.key for c in res.candidates]
    best = res.best
    assert best is not None
    assert canonical_symbol(best.symbol or "") == "57-NQ/TW"
    assert best.date == "2024-12-22"
    assert res.candidates[0].why, "a candidate says why it matched"


def test_plan_number_with_province_finds_the_kon_tum_plan() -> None:
    res = resolve(seeds_store(), "Kế hoạch 2039 Kon Tum")
    best = res.best
    assert best is not None
    assert best.symbol == "2039/KH-UBND" and best.jurisdiction == "kon-tum"
    why = " ".join(res.candidates[0].why)
    assert "kon tum" in why and "2039" in why


def test_partial_mentions_fold_into_the_full_document() -> None:
    res = resolve(full_store(), "50/NQ-CP")
    keys = [c.doc.key for c in res.candidates]
    assert res.best is not None and res.best.date == "2020-04-17"
    # a yearless mention of 50/NQ-CP is the same document, not a second candidate
    for c in res.candidates[1:]:
        parts = key_parts(c.doc.key)
        assert not (parts and parts[3:] == ("nq", "50") and parts[1] == "cp"), keys


@pytest.mark.parametrize(
    "text", ["cách mạng công nghiệp lần thứ tư", "cach mang cong nghiep lan thu tu"]
)
def test_title_fragment_with_or_without_diacritics(text: str) -> None:
    res = resolve(seeds_store(), text)
    assert res.candidates
    symbols = {c.doc.symbol for c in res.candidates}
    assert "50/NQ-CP" in symbols
    for c in res.candidates:
        assert "title contains the query" in c.why
        titles = all_values(seeds_store(), c.doc.iri).get("title", [])
        assert any("cach mang cong nghiep lan thu tu" in fold(t) for t in titles), titles


@pytest.mark.parametrize("text", ["Luật Tổ chức Chính phủ", "Kế hoạch Kon Tum"])
def test_ambiguous_input_returns_several_candidates_and_no_guess(text: str) -> None:
    res = resolve(full_store(), text)
    assert res.ambiguous
    assert res.best is None
    assert len(res.candidates) >= 2


def test_ambiguous_law_lists_both_versions() -> None:
    res = resolve(full_store(), "Luật Tổ chức Chính phủ")
    dates = {c.doc.date for c in res.candidates}
    assert {"2015-06-19", "2025-02-18"} <= dates


def test_unknown_key_suggests_neighbours() -> None:
    res = resolve(seeds_store(), "vn/tw/2024/nq/58")
    assert "vn/tw/2024/nq/57" in [c.doc.key for c in res.candidates]


def test_nothing_matches_nonsense() -> None:
    assert resolve(seeds_store(), "zzqx wvvq").candidates == []


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_query_is_an_error(text: str) -> None:
    with pytest.raises(EmptyQuery):
        resolve(seeds_store(), text)


def test_quotes_and_newlines_cannot_break_the_query() -> None:
    res = resolve(seeds_store(), 'Resolution "57\n} ; DROP ALL')
    assert res.candidates and res.candidates[0].doc.key == "vn/tw/2024/nq/57"
