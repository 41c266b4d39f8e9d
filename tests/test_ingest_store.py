"""Ingest into the store: idempotence, order independence, stubs, conflicts, bad files, exports.

Files here hold a small JSON description read by ``store_support.json_extractor``, so each test
states exactly what a file asserts; the last tests run the real extractor on real corpus files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from shared_support import CORPUS
from store_support import json_extractor, ref, scanned_pages, write_doc

from graph import vocab
from graph.export import documents_csv, edges
from graph.ingest import IngestReport, ingest
from graph.rdf import DERIVED_GRAPH, META_GRAPH, ONTOLOGY_GRAPH, source_graph
from graph.store import OxigraphStore, Store
from ingest.models import Extraction, Source

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DOC = vocab.DOC
PLAN = {"key": "kon-tum/ubnd/2020/kh/2039", "symbol": "2039/KH-UBND", "title": "Kế hoạch triển khai",
        "date": "2020-06-01", "jurisdiction": "Kon Tum"}  # fmt: skip
LETTER = {"key": "kon-tum/ubnd/2021/cv/1070", "symbol": "1070/UBND-KGVX", "date": "2021-04-02"}
NQ50 = {"key": "vn/cp/2020/nq/50", "symbol": "50/NQ-CP", "date": "2020-04-17"}
NQ52 = {"key": "vn/tw/2019/nq/52", "symbol": "52-NQ/TW"}
KH123 = {"key": "kon-tum/tu/2020/kh/123", "symbol": "123-KH/TU"}


def run(paths: list[Path], store: Store, **kw: object) -> IngestReport:
    return ingest(paths, store, workers=1, progress=False, extractor=json_extractor, **kw)  # type: ignore[arg-type]


def canonical(store: Store) -> list[str]:
    """The store as sorted N-Quads, without ingest times (the only run-dependent values)."""
    lines = store.dump("nq").decode("utf-8").splitlines()
    return sorted(line for line in lines if "ingestedAt" not in line)


def links(store: Store) -> set[tuple[str, str, str]]:
    rels = " ".join(f"<{p}>" for p in vocab.RELATION_IRI.values())
    rows = store.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o VALUES ?p {{ {rels} }} }}")
    return {
        (
            str(r["s"]).removeprefix(DOC),
            vocab.IRI_RELATION[str(r["p"])],
            str(r["o"]).removeprefix(DOC),
        )
        for r in rows
    }


def is_stub(store: Store, key: str) -> list[object]:
    rows = store.select(
        f"SELECT ?s WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ <{DOC}{key}> <{vocab.LG}isStub> ?s }} }}"
    )
    return [r["s"] for r in rows]


def test_reingest_after_edit_replaces_exactly_that_files_links(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    a = write_doc(tmp_path, "a.txt", PLAN, [[None, "implements", NQ50, "Triển khai thực hiện Nghị quyết số 50/NQ-CP"],
                                            [NQ50, "implements", NQ52, "thực hiện Nghị quyết số 52-NQ/TW"]])  # fmt: skip
    b = write_doc(tmp_path, "b.txt", LETTER, [[None, "cites", NQ50, "Nghị quyết số 50/NQ-CP"]])
    run([a, b], store)
    assert links(store) == {(PLAN["key"], "implements", NQ50["key"]),
                            (NQ50["key"], "implements", NQ52["key"]),
                            (LETTER["key"], "cites", NQ50["key"])}  # fmt: skip

    write_doc(
        tmp_path, "a.txt", PLAN, [[None, "implements", KH123, "Thực hiện Kế hoạch số 123-KH/TU"]]
    )
    report = run([a, b], store)
    assert (report.ingested, report.skipped) == (1, 1)
    assert links(store) == {(PLAN["key"], "implements", KH123["key"]),
                            (LETTER["key"], "cites", NQ50["key"])}  # fmt: skip
    quotes = {r["q"] for r in store.select(f"SELECT ?q WHERE {{ ?e <{vocab.LG}quote> ?q }}")}
    assert quotes == {"Thực hiện Kế hoạch số 123-KH/TU", "Nghị quyết số 50/NQ-CP"}
    # 52-NQ/TW was known only from a.txt: it is gone; 50/NQ-CP is still cited by b.txt
    assert is_stub(store, NQ52["key"]) == []
    assert not store.ask(f"ASK {{ <{DOC}{NQ52['key']}> ?p ?o }}")
    assert is_stub(store, NQ50["key"]) == [True]
    # and the result is the store a fresh ingest of the edited files gives
    fresh = OxigraphStore(None)
    run([a, b], fresh)
    assert canonical(store) == canonical(fresh)


def test_unchanged_files_are_skipped_and_nothing_changes(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    a = write_doc(
        tmp_path, "a.txt", PLAN, [[None, "implements", NQ50, "Triển khai Nghị quyết số 50/NQ-CP"]]
    )
    run([a], store)
    before = canonical(store)
    report = run([a], store)
    assert (report.ingested, report.skipped, report.documents) == (0, 1, 0)
    assert canonical(store) == before
    forced = run([a], store, force=True)
    assert forced.ingested == 1 and canonical(store) == before


def test_order_independence(tmp_path: Path) -> None:
    a = write_doc(tmp_path, "a.txt", PLAN, [[None, "implements", NQ50, "Triển khai thực hiện Nghị quyết số 50/NQ-CP"],
                                            [NQ50, "implements", NQ52, "thực hiện Nghị quyết số 52-NQ/TW"]])  # fmt: skip
    b = write_doc(tmp_path, "b.txt", {**NQ50, "title": "Chương trình hành động"},
                  [[None, "implements", NQ52, "thực hiện Nghị quyết số 52-NQ/TW"]])  # fmt: skip
    c = write_doc(
        tmp_path, "c.txt", LETTER, [[None, "responds_to", PLAN, "Kế hoạch số 2039/KH-UBND"]]
    )
    ab, ba, together = OxigraphStore(None), OxigraphStore(None), OxigraphStore(None)
    for p in (a, b, c):
        run([p], ab)
    for p in (c, b, a):
        run([p], ba)
    run([b, c, a], together)
    assert canonical(ab) == canonical(ba) == canonical(together)
    assert is_stub(ab, NQ50["key"]) == [False] and is_stub(ab, NQ52["key"]) == [True]


def test_stub_and_document_are_one_node_and_conflicts_keep_their_sources(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    cited = {**NQ50, "title": "Về Chương trình hành động (as cited)"}
    a = write_doc(
        tmp_path, "a.txt", PLAN, [[None, "implements", cited, "Triển khai Nghị quyết số 50/NQ-CP"]]
    )
    run([a], store)
    assert is_stub(store, NQ50["key"]) == [True]

    own = write_doc(
        tmp_path,
        "nq50.txt",
        {**NQ50, "title": "Ban hành Chương trình hành động", "date": "2020-04-18"},
    )
    run([own], store)
    assert is_stub(store, NQ50["key"]) == [False]
    nodes = store.select(f'SELECT DISTINCT ?d WHERE {{ ?d <{vocab.LG}key> "{NQ50["key"]}" }}')
    assert nodes == [{"d": DOC + NQ50["key"]}]
    titles = store.select(
        f"SELECT ?t ?g WHERE {{ GRAPH ?g {{ <{DOC}{NQ50['key']}> <{vocab.ELI}title> ?t }} }} ORDER BY ?t"
    )
    assert [(r["t"], r["g"]) for r in titles] == [
        ("Ban hành Chương trình hành động", source_graph(str(own))),
        ("Về Chương trình hành động (as cited)", source_graph(str(a))),
    ]
    dates = {
        r["d"]
        for r in store.select(
            f"SELECT ?d WHERE {{ <{DOC}{NQ50['key']}> <{vocab.ELI}date_document> ?d }}"
        )
    }
    assert dates == {"2020-04-17", "2020-04-18"}
    # exports prefer what the document's own file says
    edge = next(edges(store))
    assert edge["object"]["title"] == "Ban hành Chương trình hành động"
    assert edge["object"]["file"] == str(own) and edge["object"]["date"] == "2020-04-18"


def test_a_corrupt_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    a = write_doc(
        tmp_path, "a.txt", PLAN, [[None, "implements", NQ50, "Triển khai Nghị quyết số 50/NQ-CP"]]
    )
    run([a], store)
    a.write_bytes(b"\x00\x01\x02" * 300)  # the file is damaged afterwards
    (tmp_path / "empty.txt").write_bytes(b"")
    b = write_doc(tmp_path, "b.txt", LETTER, [[None, "cites", NQ52, "Nghị quyết số 52-NQ/TW"]])
    report = run([tmp_path], store)
    failed = dict(report.failed)
    assert set(failed) == {str(a), str(tmp_path / "empty.txt")}
    assert "binary" in failed[str(a)] and "empty" in failed[str(tmp_path / "empty.txt")]
    assert not report.ok and report.ingested == 1
    # what a.txt stated before is still there, and b.txt was stored
    assert links(store) == {
        (PLAN["key"], "implements", NQ50["key"]),
        (LETTER["key"], "cites", NQ52["key"]),
    }
    assert str(b) in {r["p"] for r in store.select(f"SELECT ?p WHERE {{ ?g <{vocab.LG}path> ?p }}")}


def test_an_extractor_crash_is_one_failed_file(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    (tmp_path / "bad.txt").write_text("not json", "utf-8")
    good = write_doc(
        tmp_path, "good.txt", LETTER, [[None, "cites", NQ52, "Nghị quyết số 52-NQ/TW"]]
    )
    report = run([tmp_path], store)
    assert [p for p, _ in report.failed] == [str(tmp_path / "bad.txt")]
    assert "extraction failed: JSONDecodeError" in report.failed[0][1]
    assert report.ingested == 1 and links(store) == {(LETTER["key"], "cites", NQ52["key"])}
    assert str(good) in documents_csv(store)


def test_report_counts_what_was_extracted(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    a = write_doc(tmp_path, "a.txt", PLAN, [[None, "implements", NQ50, "Nghị quyết số 50/NQ-CP"],
                                            [None, "based_on", {"key": "vn/tw/_/nq/52"}, "52-NQ/TW"]])  # fmt: skip
    b = tmp_path / "b.txt"
    b.write_text(
        json.dumps({"doc": LETTER, "links": [], "unresolved": ["Văn bản nêu trên"]}), "utf-8"
    )
    report = run([a, b], store)
    assert (report.files, report.ingested, report.documents, report.references) == (2, 2, 2, 2)
    assert dict(report.links) == {"implements": 1, "based_on": 1}
    assert (report.unresolved, report.ambiguous) == (1, 1)
    assert report.ambiguous_examples == [(str(a), "52-NQ/TW")]
    # a first ingest: what it wrote is what the store holds, besides the ontology's own graph
    ontology = store.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
    )
    assert report.quads == store.count() - int(ontology[0]["n"]) > 0


def test_exports_give_the_edge_contract_and_one_row_per_document(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    a = write_doc(tmp_path, "a.txt", PLAN, [[None, "implements", NQ50, "Triển khai Nghị quyết số 50/NQ-CP"],
                                            [NQ50, "implements", NQ52, "thực hiện Nghị quyết số 52-NQ/TW"]])  # fmt: skip
    run([a], store)
    got = list(edges(store))
    assert [
        (e["subject"]["key"], e["relation"], e["object"]["key"], e["reported"]) for e in got
    ] == [
        (PLAN["key"], "implements", NQ50["key"], False),
        (NQ50["key"], "implements", NQ52["key"], True),
    ]
    first = got[0]
    assert first["evidence"] == "Triển khai Nghị quyết số 50/NQ-CP" and first["span"] == [0, 33]
    assert first["asserted_in"] == str(a)
    assert first["subject"] | {} == {
        "symbol": "2039/KH-UBND", "type": "KH", "date": "2020-06-01", "issuer": None,
        "title": "Kế hoạch triển khai", "file": str(a), "key": PLAN["key"],
        "jurisdiction": "Kon Tum", "ambiguous": False,
        # read, with no date of entry into force: in force from its date (graph/status.py)
        "status": "in_force", "in_force_from": None, "in_force_until": None,
    }  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(documents_csv(store))))
    assert sorted(r["key"] for r in rows) == sorted([PLAN["key"], NQ50["key"], NQ52["key"]])
    by_key = {r["key"]: r for r in rows}
    assert by_key[NQ50["key"]]["links_in"] == "1" and by_key[NQ50["key"]]["links_out"] == "1"
    assert by_key[NQ52["key"]]["is_stub"] == "True" and by_key[PLAN["key"]]["is_stub"] == "False"


def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(tmp_path: Path) -> None:
    titles = {"1": '=HYPERLINK("http://x.test","open")', "2": "+1+1", "3": "-2+3", "4": "@SUM(A1)",
              "5": "\t=1", "6": "\r=1", "7": "Kế hoạch = 1", "8": "1-2"}  # fmt: skip
    docs = [
        {"key": f"vn/cp/2020/nq/{n}", "symbol": f"{n}/NQ-CP", "title": t} for n, t in titles.items()
    ]
    store = OxigraphStore(None)
    run([write_doc(tmp_path, f"{d['symbol'][0]}.txt", d) for d in docs], store)
    rows = list(csv.DictReader(io.StringIO(documents_csv(store), newline="")))
    assert {r["key"].rsplit("/", 1)[1]: r["title"] for r in rows} == {
        "1": '\'=HYPERLINK("http://x.test","open")', "2": "'+1+1", "3": "'-2+3", "4": "'@SUM(A1)",
        "5": "'\t=1", "6": "'\r=1", "7": "Kế hoạch = 1", "8": "1-2",
    }  # fmt: skip


@pytest.mark.shared
def test_parallel_ingest_of_real_files_equals_sequential(tmp_path: Path) -> None:
    files = sorted((CORPUS / "gazette").rglob("*.txt"))[:24] + sorted(
        (CORPUS / "seeds").glob("*.txt")
    )
    files += [SAMPLES]
    one, two = OxigraphStore(None), OxigraphStore(None)
    r1 = ingest(files, one, workers=1, progress=False)
    r2 = ingest(files, two, workers=2, progress=False)
    assert r1.ok and r2.ok and r1.files == r2.files > 30
    assert canonical(one) == canonical(two)
    assert sum(r1.links.values()) > 0 and dict(r1.links) == dict(r2.links)


def test_a_bad_file_name_and_scanned_pages_cost_only_those_files(tmp_path: Path) -> None:
    from ingest.extract import extract
    from ingest.read import read_path

    folder = tmp_path / "in"
    folder.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))[:2]
    for sample in samples:
        shutil.copy(sample, folder / sample.name)
    shutil.copy(samples[0], os.path.join(os.fsencode(folder), b"b\xe1o-c\xe1o.txt"))  # Latin-1
    (folder / "scan.txt").write_text(scanned_pages(3), encoding="utf-8")
    store = OxigraphStore(None)
    report = ingest([folder], store, workers=1, progress=False)
    assert (report.files, report.ingested) == (4, 2)
    assert sorted(report.failed) == [
        (f"{folder}/b\\xe1o-c\\xe1o.txt",
         "the file name is not valid UTF-8 (its odd bytes are shown as \\xNN): rename it"),
        (f"{folder}/scan.txt", "scanned pages without a text layer: 3 pages, 41 letters besides "
         "page headers, page numbers and signature stamps; OCR it first"),
    ]  # fmt: skip
    own = store.select(
        f"SELECT ?d WHERE {{ GRAPH <{META_GRAPH}> {{ ?g <{vocab.LG}describes> ?d }} }}"
    )
    expected = set()
    for sample in samples:
        (source,) = read_path(str(sample))  # type: ignore[misc]
        expected.add(DOC + extract(source).document.key)
    assert {str(r["d"]) for r in own} == expected


def register_extractor(source: Source) -> Extraction:
    """Rows of a test register: the subject line names the document's key; "boom" fails."""
    title = source.meta_dict.get("title") or source.text
    if "boom" in title:
        raise ValueError("unreadable row")
    return Extraction(source=source, document=ref(title.split()[0]))


def test_a_failing_register_row_is_reported_and_the_other_rows_are_stored(tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_text(
        "Số ký hiệu,Ngày ban hành,Trích yếu\n"
        "12/KH-UBND,01/02/2022,binh-duong/ubnd/2022/kh/12 kế hoạch\n"
        "13/KH-UBND,02/02/2022,boom\n"
        "14/QĐ-UBND,03/02/2022,binh-duong/ubnd/2022/qd/14 quyết định\n",
        "utf-8",
    )
    store = OxigraphStore(None)
    report = ingest([register], store, workers=1, progress=False, extractor=register_extractor)
    assert report.ingested == 1 and report.documents == 2
    assert [(where.startswith(str(register)), why) for where, why in report.failed] == [
        (True, "extraction failed: ValueError: unreadable row")
    ]
    rows = store.select(f"SELECT ?d WHERE {{ ?d <{vocab.LG}locator> ?l }} ORDER BY ?d")
    assert [r["d"] for r in rows] == [
        DOC + "binh-duong/ubnd/2022/kh/12",
        DOC + "binh-duong/ubnd/2022/qd/14",
    ]


def test_a_batch_the_store_rejects_keeps_its_good_files(tmp_path: Path) -> None:
    from graph.ingest import _State, process_file

    good = write_doc(
        tmp_path, "good.txt", LETTER, [[None, "cites", NQ52, "Nghị quyết số 52-NQ/TW"]]
    )
    other = write_doc(tmp_path, "other.txt", PLAN)
    results = [
        process_file(str(p), None, json_extractor, "2026-01-01T00:00:00Z") for p in (good, other)
    ]
    results[1].nquads = results[1].nquads.replace(b'"', b"", 1)  # a broken literal
    store = OxigraphStore(None)
    state = _State(store)
    state.commit(results)
    assert [p for p, _ in state.rejected] == [str(other)]
    assert links(store) == {(LETTER["key"], "cites", NQ52["key"])}
    # the next run drops what the rejected file left behind and stores it properly
    report = run([good, other], store)
    assert (report.skipped, report.ingested) == (1, 1)
    fresh = OxigraphStore(None)
    run([good, other], fresh)
    assert canonical(store) == canonical(fresh)


def test_batches_grow_with_the_store_and_every_file_is_recorded(tmp_path: Path) -> None:
    # Each bulk load costs the store a merge that grows with its size, so batches grow with it:
    # at least batch_files, up to half the files already stored.
    files = [write_doc(tmp_path, f"kh{i:02}.txt", {**PLAN, "key": f"kon-tum/ubnd/2020/kh/{i}",
                                                   "symbol": f"{i}/KH-UBND"}) for i in range(1, 31)]  # fmt: skip
    store = OxigraphStore(None)
    sizes: list[int] = []
    report = run(files, store, batch_files=2, on_commit=sizes.append)
    assert report.ingested == 30 and sum(sizes) == 30
    assert sizes == [2, 2, 2, 3, 4, 6, 9, 2]  # the last batch is what was left
    # a second folder on top: its first batch already has the size of the store behind it
    (tmp_path / "more").mkdir()
    more = [write_doc(tmp_path / "more", f"cv{i:02}.txt", {**LETTER, "key": f"kon-tum/ubnd/2021/cv/{i}",
                                                          "symbol": f"{i}/UBND-KGVX"}) for i in range(1, 21)]  # fmt: skip
    sizes.clear()
    run(more, store, batch_files=2, on_commit=sizes.append)
    assert sizes == [15, 5]
    got = store.select(
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?d <{vocab.LG}key> ?k }} }}"
    )
    assert got[0]["n"] == 50


def _thread_priorities(store_dir: Path, batch_files: int) -> dict[str, set[int]]:
    """Ingest the seed texts into an on-disk store in a child process (the change is one-way for
    the process that makes it), then read the nice value of each of its threads by name."""
    import subprocess
    import sys

    code = f"""
import os
from pathlib import Path
from graph.ingest import ingest
from graph.store import OxigraphStore
store = OxigraphStore({str(store_dir)!r})
report = ingest([{str(CORPUS / "seeds")!r}], store, workers=1, progress=False,
                batch_files={batch_files})
assert report.ok and report.ingested == 5, report
for task in Path("/proc/self/task").iterdir():
    print((task / "comm").read_text().strip(), os.getpriority(os.PRIO_PROCESS, int(task.name)))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout  # fmt: skip
    nice: dict[str, set[int]] = {}
    for line in out.splitlines():
        name, value = line.rsplit(" ", 1)
        nice.setdefault(name, set()).add(int(value))
    return nice


@pytest.mark.shared
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="Linux /proc needed")
def test_a_long_ingest_lowers_only_the_stores_compaction_threads(tmp_path: Path) -> None:
    base = os.getpriority(os.PRIO_PROCESS, 0)  # the child's own (a CI may run the suite niced)
    long = _thread_priorities(tmp_path / "long", batch_files=2)  # 5 files: more than one batch
    assert long["rocksdb:low"] == {19}
    assert long["python"] == {base} and long.get("rocksdb:high", {base}) == {base}
    short = _thread_priorities(tmp_path / "short", batch_files=1000)  # one batch: left alone
    assert short["rocksdb:low"] == {base}
