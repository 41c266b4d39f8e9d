"""How pages name things: the ontology's labels both ways, readable document names, dates as
dd/mm/yyyy, the page words in both languages, and the article a quote stands in."""

from __future__ import annotations

from pathlib import Path

from api.i18n import WORDS
from graph import vocab
from graph.labels import ddmmyyyy, display_name, labels
from graph.provision import provision
from graph.summary import DocSummary, summary_from_key

SAMPLES = Path(__file__).parents[1] / "samples"


def test_every_relation_has_both_directions_in_both_languages() -> None:
    vi, en = labels("vi"), labels("en")
    assert set(vi.relation) == set(vi.inverse) == set(vocab.RELATION_IRI)
    assert (vi.relation["guides"], vi.inverse["guides"]) == ("hướng dẫn", "được hướng dẫn bởi")
    assert (vi.relation["based_on"], vi.inverse["based_on"]) == ("căn cứ", "là căn cứ của")
    assert (en.relation["implements"], en.inverse["implements"]) == ("implements", "implemented by")
    # no relation falls back to its code name: every label comes from the ontology
    assert all(
        "_" not in v for lab in (vi, en) for v in [*lab.relation.values(), *lab.inverse.values()]
    )
    assert vi.level["province"] == "Tỉnh" and en.doctype["KH"] == "Plan"


def test_page_words_exist_in_both_languages() -> None:
    assert set(WORDS["vi"]) == set(WORDS["en"])
    assert all(WORDS["vi"][k] != WORDS["en"][k] for k in ("search", "implementation", "not_read"))


def test_dates_as_people_write_them_here() -> None:
    assert [ddmmyyyy(d) for d in ("2024-12-22", "2025-02", "2019", None)] == [
        "22/12/2024",
        "02/2025",
        "2019",
        "",
    ]


def test_readable_names() -> None:
    law = DocSummary(key="vn/qh/2015/l/to-chuc-chinh-phu", iri="x", title="Luật Tổ chức Chính phủ",
                     type="L", type_name="Luật", year=2015, jurisdiction="vn")  # fmt: skip
    plan = DocSummary(key="quang-ninh/ubnd/2025/kh/draft-1", iri="x", type="KH", type_name="Kế hoạch",
                      title="Triển khai thực hiện Nghị quyết số 03/NQ-CP", year=2025,
                      jurisdiction="quang-ninh", jurisdiction_name="Quảng Ninh")  # fmt: skip
    letter = DocSummary(key="kon-tum/ubnd/2021/cv/draft-2", iri="x", type="CV", type_name="Công văn",
                        date="2021-03-02", jurisdiction="kon-tum", jurisdiction_name="Kon Tum")  # fmt: skip
    assert display_name(law) == "Luật Tổ chức Chính phủ 2015"
    assert (
        display_name(plan) == "Kế hoạch: Triển khai thực hiện Nghị quyết số 03/NQ-CP (Quảng Ninh)"
    )
    assert display_name(letter) == "Công văn 02/03/2021 (Kon Tum)"
    assert display_name(summary_from_key("vn/cp/2020/nq/50")) == "Nghị quyết 2020"
    assert (
        display_name(DocSummary(key="vn/cp/2020/nq/50", iri="x", symbol="50/NQ-CP")) == "50/NQ-CP"
    )


def test_a_quote_is_placed_in_its_article_when_the_file_still_says_it() -> None:
    path = str(SAMPLES / "02-nq-50-cp-chinh-phu.txt")
    text = path and Path(path).read_text("utf-8")
    quote = "Ban hành kèm theo Nghị quyết này"
    start = text.index(quote)
    assert provision(path, start, start + len(quote), quote) == "Điều 1"
    preamble = "Căn cứ Luật Tổ chức Chính phủ"
    at = text.index(preamble)
    assert provision(path, at, at + len(preamble), preamble) is None  # before any article
    assert provision(path, start, start + len(quote), "another text") is None  # file changed
    assert provision(str(SAMPLES / "missing.txt"), 0, 5, "x") is None


def test_why_a_document_matched_in_vietnamese() -> None:
    from api.i18n import explain

    assert explain("type nq, number 57", "vi", ", ") == "loại Nghị quyết, số 57"
    assert explain("type Nghị quyết; title contains the query; cited by 7 documents", "vi") == (
        "loại Nghị quyết; trích yếu chứa từ tìm; được 7 văn bản trích dẫn"
    )
    assert explain("symbol 50/NQ-CP (without diacritics); its own text is stored", "vi") == (
        "số ký hiệu 50/NQ-CP (không dấu); đã có toàn văn"
    )
    assert explain("type nq, number 57", "en", ", ") == "type nq, number 57"
