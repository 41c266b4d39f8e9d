"""Year-less citations folded into the dated document they mean (issue 15): exactly one
candidate issued before every citing text folds; two are ambiguous and listed; a document that
arrives later refolds."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import json_extractor, write_doc

from graph import query, vocab
from graph.folds import FOLD_GRAPH
from graph.ingest import IngestReport, ingest
from graph.store import OxigraphStore, Store

CT16 = {"key": "vn/ttg/_/ct/16", "symbol": "16/CT-TTG", "type": "CT"}
CT16_2020 = {"key": "vn/ttg/2020/ct/16", "symbol": "16/CT-TTG", "date": "2020-03-31"}
CT16_2019 = {"key": "vn/ttg/2019/ct/16", "symbol": "16/CT-TTG", "date": "2019-05-02"}
CT16_2022 = {"key": "vn/ttg/2022/ct/16", "symbol": "16/CT-TTG", "date": "2022-06-01"}


def plan(folder: Path, n: int, date: str) -> None:
    doc = {"key": f"kon-tum/ubnd/{date[:4]}/kh/{n}", "symbol": f"{n}/KH-UBND", "date": date}
    write_doc(
        folder,
        f"kh{n}.txt",
        doc,
        [[None, "implements", CT16, f"Thực hiện Chỉ thị số 16/CT-TTg ({n})"]],
    )


def run(store: Store, *paths: Path) -> IngestReport:
    return ingest(list(paths), store, workers=1, progress=False, extractor=json_extractor)


def impact_keys(store: Store, key: str) -> set[str]:
    return {n.doc.key for n in query.impact(store, key).nodes}


def test_one_candidate_before_every_citing_text_folds(tmp_path: Path) -> None:
    plan(tmp_path, 1, "2021-04-02")
    plan(tmp_path, 2, "2020-05-10")
    write_doc(tmp_path, "ct16-2020.txt", CT16_2020)
    write_doc(tmp_path, "ct16-2022.txt", CT16_2022)  # issued after both plans: not meant
    store = OxigraphStore(None)
    report = run(store, tmp_path)
    assert (report.folds.folded, report.folds.ambiguous) == (
        {"vn/ttg/_/ct/16": "vn/ttg/2020/ct/16"},
        {},
    )
    assert impact_keys(store, "vn/ttg/2020/ct/16") == {
        "kon-tum/ubnd/2021/kh/1",
        "kon-tum/ubnd/2020/kh/2",
    }
    # the moved links keep their quotes
    view = query.document(store, "vn/ttg/2020/ct/16")
    shown = {
        (e.quote, e.asserted_in, e.reported, e.start)
        for links in view.incoming.values()
        for link in links
        for e in link.evidence
    }
    assert shown == {
        ("Thực hiện Chỉ thị số 16/CT-TTg (1)", "kon-tum/ubnd/2021/kh/1", False, 0),
        ("Thực hiện Chỉ thị số 16/CT-TTg (2)", "kon-tum/ubnd/2020/kh/2", False, 0),
    }


def test_two_candidates_are_ambiguous_and_listed_and_a_later_document_refolds(
    tmp_path: Path,
) -> None:
    plans, first, second = tmp_path / "plans", tmp_path / "first", tmp_path / "second"
    for folder in (plans, first, second):
        folder.mkdir()
    plan(plans, 1, "2021-04-02")
    store = OxigraphStore(None)
    report = run(store, plans)  # nothing to fold into yet
    assert (report.folds.candidates, report.folds.folded, report.folds.ambiguous) == (0, {}, {})
    write_doc(first, "ct16-2020.txt", CT16_2020)
    assert run(store, first).folds.folded == {"vn/ttg/_/ct/16": "vn/ttg/2020/ct/16"}
    assert impact_keys(store, "vn/ttg/2020/ct/16") == {"kon-tum/ubnd/2021/kh/1"}
    write_doc(second, "ct16-2019.txt", CT16_2019)
    report = run(store, second)
    assert (report.folds.folded, report.folds.ambiguous) == (
        {},
        {"vn/ttg/_/ct/16": ["vn/ttg/2019/ct/16", "vn/ttg/2020/ct/16"]},
    )
    assert impact_keys(store, "vn/ttg/2020/ct/16") == set()
    rows = store.select(
        f"SELECT ?c WHERE {{ GRAPH <{FOLD_GRAPH}> {{ <{vocab.DOC}vn/ttg/_/ct/16> <{vocab.LG}candidate> ?c }} }}"
    )
    assert {str(r["c"]) for r in rows} == {
        vocab.DOC + "vn/ttg/2019/ct/16",
        vocab.DOC + "vn/ttg/2020/ct/16",
    }


def test_a_law_kept_by_name_folds_into_the_numbered_law_of_that_name(tmp_path: Path) -> None:
    by_name = {"key": "vn/qh/_/l/khieu-nai", "type": "L", "title": "Luật Khiếu nại"}
    numbered = {"key": "vn/qh/2011/l/2", "symbol": "02/2011/QH13", "type": "L", "title": "Luật Khiếu nại",
                "date": "2011-11-11"}  # fmt: skip
    letter = {"key": "vn/ttcp/2024/cv/9", "symbol": "9/TTCP-PC", "date": "2024-01-02"}
    write_doc(
        tmp_path, "letter.txt", letter, [[None, "based_on", by_name, "Căn cứ Luật Khiếu nại"]]
    )
    write_doc(tmp_path, "other.txt", {"key": "vn/cp/2012/nd/75", "date": "2012-10-03"},
              [[None, "guides", numbered, "quy định chi tiết Luật Khiếu nại số 02/2011/QH13"]])  # fmt: skip
    store = OxigraphStore(None)
    assert run(store, tmp_path).folds.folded == {"vn/qh/_/l/khieu-nai": "vn/qh/2011/l/2"}
    assert impact_keys(store, "vn/qh/2011/l/2") == {"vn/ttcp/2024/cv/9", "vn/cp/2012/nd/75"}


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2025-06-16", {"vn/qh/2025/l/to-chuc-chinh-quyen-dia-phuong": "vn/qh/2025/l/72"}),
     ("2025-02-19", {})],  # another law of that name passed that year: not this one
)  # fmt: skip
def test_a_dated_law_name_folds_only_into_the_law_passed_that_day(
    tmp_path: Path, day: str, expected: dict[str, str]
) -> None:
    title = "Luật Tổ chức chính quyền địa phương"
    by_name = {"key": "vn/qh/2025/l/to-chuc-chinh-quyen-dia-phuong", "type": "L", "title": title,
               "date": day}  # fmt: skip
    numbered = {"key": "vn/qh/2025/l/72", "symbol": "72/2025/QH15", "type": "L", "title": title,
                "date": "2025-06-16"}  # fmt: skip
    write_doc(tmp_path, "a.txt", {"key": "vn/cp/2025/nd/1", "date": "2025-07-01"},
              [[None, "based_on", by_name, f"Căn cứ {title}"]])  # fmt: skip
    write_doc(tmp_path, "b.txt", {"key": "vn/cp/2025/nd/2", "date": "2025-07-02"},
              [[None, "based_on", numbered, f"Căn cứ {title} số 72/2025/QH15"]])  # fmt: skip
    assert run(OxigraphStore(None), tmp_path).folds.folded == expected
