"""Laws cited by name (issue 15): the law meant, from the same text or the registry, at the
citing text's date; ambiguous names keep a name key and are flagged. Whole sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.build_laws import build
from ingest.extract import extract
from ingest.laws import Ambiguous, Law, Registry, load
from ingest.models import Source
from ingest.references import find_mentions

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def decree(body: str, date: str | None = "ngày 01 tháng 3 năm 2026") -> Source:
    place = f"Hà Nội, {date}\n" if date else ""
    head = f"CHÍNH PHỦ\nSố: 12/2026/NĐ-CP\n{place}NGHỊ ĐỊNH\nQuy định chi tiết\n\n"
    return Source("decree.txt", head + body + "\n", "txt")


def laws(source: Source) -> set[tuple[str, str | None, str, bool]]:
    """(key, symbol, name, ambiguous) of every law the text cites."""
    return {
        (r.doc.key, r.doc.symbol, r.doc.title or "", r.doc.ambiguous)
        for r in extract(source).references
        if r.doc.type in ("L", "BL", "PL", "HP")
    }


SENTENCES = [
    # a day: the law passed that day
    (
        "Căn cứ Bộ luật Lao động ngày 20 tháng 11 năm 2019;",
        {("vn/qh/2019/l/45", "45/2019/QH14", "Bộ luật Lao động", False)},
    ),
    # a year only ("năm 2024" is the year it was passed)
    (
        "Căn cứ Luật Đất đai năm 2024;",
        {("vn/qh/2024/l/31", "31/2024/QH15", "Luật Đất đai", False)},
    ),
    # no date: the law of that name in force when this decree was issued (2026)
    (
        "Việc giải quyết khiếu nại thực hiện theo quy định của Luật Khiếu nại.",
        {("vn/qh/2011/l/2", "02/2011/QH13", "Luật Khiếu nại", False)},
    ),
    # lower case, known name; the text goes on after it
    (
        "Căn cứ Luật tổ chức chính quyền địa phương và các văn bản hướng dẫn;",
        {("vn/qh/2025/l/72", "72/2025/QH15", "Luật tổ chức chính quyền địa phương", False)},
    ),
    # the number given elsewhere in the same text
    (
        "Căn cứ Luật Quản lý thuế số 38/2019/QH14;\nViệc khai thuế thực hiện theo Luật Quản lý thuế.",
        {("vn/qh/2019/l/38", "38/2019/QH14", "Luật Quản lý thuế", False)},
    ),
    # an amending law keeps its own identity
    (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 27 tháng 11 năm 2024;",
        {("vn/qh/2024/l/51", "51/2024/QH15",
          "Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế", False)},
    ),
    # a known name run on into the sentence stops where the name does
    (
        "Người lao động thôi việc theo Bộ luật Lao động chưa được hưởng trợ cấp.",
        {("vn/qh/2019/l/45", "45/2019/QH14", "Bộ luật Lao động", False)},
    ),
    # an ordinance, numbered by the Standing Committee; a name cut short by a word names may hold
    (
        "Căn cứ Pháp lệnh Ngoại hối ngày 13 tháng 12 năm 2005;\n"
        "Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng;",
        {("vn/ubtvqh/2005/pl/28", "28/2005/PL-UBTVQH11", "Pháp lệnh Ngoại hối", False),
         ("vn/ubtvqh/2020/pl/2", "02/2020/UBTVQH14",
          "Pháp lệnh Ưu đãi người có công với cách mạng", False)},
    ),
    # a name no law is known by keeps a name key, flagged
    (
        "Căn cứ Luật Biển Việt Nam;",
        {("vn/qh/_/l/bien-viet-nam", None, "Luật Biển Việt Nam", True)},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), SENTENCES)
def test_a_law_cited_by_name_is_the_law_meant(
    body: str, expected: set[tuple[str, str | None, str, bool]]
) -> None:
    assert laws(decree(body)) == expected


def test_without_the_citing_day_the_year_of_its_number_chooses() -> None:
    found = laws(decree("Thực hiện theo Bộ luật Lao động.", date=None))
    assert found == {("vn/qh/2019/l/45", "45/2019/QH14", "Bộ luật Lao động", False)}


def test_without_the_citing_day_or_year_two_laws_of_a_name_stay_ambiguous() -> None:
    source = decree("Thực hiện theo Bộ luật Lao động.", date=None)
    found = laws(Source(source.path, source.text.replace("12/2026/NĐ-CP", "12/CP"), "txt"))
    assert found == {("vn/qh/_/bl/lao-dong", None, "Bộ luật Lao động", True)}


REGISTRY = Registry(
    [
        Law("Bộ luật Lao động", "BL", "10/2012/QH13", "2012-06-18", last_cited="2019-11-20"),
        Law(
            "Bộ luật Lao động",
            "BL",
            "45/2019/QH14",
            "2019-11-20",
            "2021-01-01",
            last_cited="2026-05-22",
        ),
        Law("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "HP", None, "1992"),
        Law("Luật Nhà ở", "L", "65/2014/QH13", "2014-11-25", last_cited="2023-12-01"),
        Law("Luật Nhà ở", "L", "27/2023/QH15", "2023-11-27", last_cited="2026-04-07"),
    ]
)


@pytest.mark.parametrize(
    ("name", "date", "cited_on", "expected"),
    [
        ("Bộ luật Lao động", "2012-06-18", None, "10/2012/QH13"),
        ("Bộ luật Lao động", "2019", None, "45/2019/QH14"),
        ("Bộ luật Lao động", None, "2015-03-01", "10/2012/QH13"),  # in force then
        ("Bộ luật Lao động", None, "2021-03-01", "45/2019/QH14"),
        ("Bộ luật Lao động", None, "2010-01-01", None),  # passed after the citing text
        ("Bộ luật Lao động", None, "2019-12-15", "10/2012/QH13"),  # the newer passed, not in force
        ("Bộ luật Lao động", None, "2021-01-01", "45/2019/QH14"),  # the day it took effect
        # no day in force known: not before 45 days after it was passed
        ("Luật Nhà ở", None, "2023-12-31", "65/2014/QH13"),
        ("Luật Nhà ở", None, "2024-08-01", "27/2023/QH15"),
        ("Bộ luật lao động năm 2019", None, "2021-03-01", "45/2019/QH14"),
        ("Bộ luật Dân sự", None, "2021-03-01", None),  # unknown name
        ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992", None, "2001-01-01", "1992"),
        # last known in force in 1992: not assumed thirty years on (a later one may exist)
        ("Hiến pháp", None, "2022-01-01", None),
    ],
)  # fmt: skip
def test_registry_identifies_by_day_year_or_citing_date(
    name: str, date: str | None, cited_on: str | None, expected: str | None
) -> None:
    law = REGISTRY.identify(name, date, cited_on)
    assert (law.number or law.passed if law else None) == expected


def test_registry_never_guesses_between_two_laws() -> None:
    with pytest.raises(Ambiguous) as err:
        REGISTRY.identify("Bộ luật Lao động", None, None)
    assert {c.number for c in err.value.candidates} == {"10/2012/QH13", "45/2019/QH14"}


def test_the_registry_is_rebuilt_from_what_texts_state(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "luat.txt").write_text(
        "QUỐC HỘI\n\nLuật số: 21/2030/QH16\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nLUẬT\nTHỦ ĐÔ\n\n"
        "Căn cứ Hiến pháp;\nLuật Thủ đô số 39/2012/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực.\n"
        "Luật này được Quốc hội thông qua ngày 28 tháng 6 năm 2030.\n",
        "utf-8",
    )
    (corpus / "nd.txt").write_text(
        "CHÍNH PHỦ\nSố: 10/2031/NĐ-CP\nHà Nội, ngày 02 tháng 01 năm 2031\nNGHỊ ĐỊNH\nQuy định\n\n"
        "Căn cứ Luật Thủ đô số 21/2030/QH16 ngày 28 tháng 6 năm 2030, có hiệu lực kể từ ngày "
        "01 tháng 01 năm 2031;\n",
        "utf-8",
    )
    got = {
        (law.name, law.number, law.passed, law.in_force, law.replaces, law.last_cited,
         tuple(f for f, _ in law.sources))
        for law in build([str(corpus)], str(corpus))
    }  # fmt: skip
    assert got == {
        ("Luật Thủ đô", "21/2030/QH16", "2030-06-28", "2031-01-01", "39/2012/QH13", "2031-01-02",
         ("luat.txt", "nd.txt")),
        ("Luật Thủ đô", "39/2012/QH13", None, None, None, "2030-06-28", ("luat.txt",)),
    }  # fmt: skip
    out = tmp_path / "laws.json"
    out.write_text(json.dumps([law.as_json() for law in build([str(corpus)], str(corpus))]))
    assert load(out).identify("Luật Thủ đô", None, "2031-06-01").number == "21/2030/QH16"  # type: ignore[union-attr]


@pytest.mark.skipif(not (CORPUS / "gazette").is_dir(), reason="../shared/corpus is not here")
def test_a_laws_own_header_and_its_citations_are_one_node() -> None:
    (own,) = [
        s
        for s in (CORPUS / "gazette" / "hdld").glob("luat-so-69-2020-qh14-*.txt")
        for s in [Source(str(s), s.read_text("utf-8"), "txt")]
    ]
    me = extract(own).document
    assert (me.key, me.symbol, me.date, me.title) == (
        "vn/qh/2020/l/69",
        "69/2020/QH14",
        "2020-11-13",
        "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập cá nhân được sửa đổi, "
         "bổ sung bởi Nghị định", {("Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập cá nhân", None)}),
        ("theo Luật sửa đổi, bổ sung một số điều của Luật Giáo dục đại học năm 2018 và",
         {("Luật sửa đổi, bổ sung một số điều của Luật Giáo dục đại học", "2018")}),
        # the day a law takes effect is not the day it was passed
        ("Luật Quản lý nợ công, có hiệu lực kể từ ngày 01 tháng 7 năm 2018", {("Luật Quản lý nợ công", None)}),
        ("Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 năm 2020",
         {("Pháp lệnh Ưu đãi người có công với cách mạng", "2020-12-09")}),
        ("theo quy định của Bộ Luật Dân sự.", {("Bộ luật Dân sự", None)}),
    ],
)  # fmt: skip
def test_a_law_name_ends_where_the_sentence_goes_on(
    text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert {(m.name, m.date) for m in find_mentions(text) if m.kind == "name"} == expected


def test_a_law_detailed_by_a_described_document_may_not_be_in_force_yet() -> None:
    # "Nghị định X ngày 31/12/2023 quy định chi tiết Luật Nhà ở": the law passed a month before
    assert (
        REGISTRY.identify("Luật Nhà ở", None, "2023-12-31", passed_by=True).number == "27/2023/QH15"
    )  # type: ignore[union-attr]
    assert REGISTRY.identify("Luật Nhà ở", None, "2023-12-31").number == "65/2014/QH13"  # type: ignore[union-attr]
