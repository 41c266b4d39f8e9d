"""New documents while serving (graph/live.py): the read model patched, never rebuilt, equal to
a fresh build after an addition, a change and a deletion; POST /api/documents with the update
token, seen by the next API question and the next SPARQL query; serve --watch for new, changed
and deleted files."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from store_support import same_as_a_build

from api.app import create_app
from graph.config import Settings
from graph.index import ModelReader
from graph.ingest import ingest
from graph.live import Live
from graph.store import OxigraphStore

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TOKEN = "s3cret"
PLAN = """ỦY BAN NHÂN DÂN
TỈNH LAI CHÂU
Số: 88/KH-UBND
Lai Châu, ngày 20 tháng 3 năm 2025
KẾ HOẠCH
Triển khai Nghị quyết số 57-NQ/TW

Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị và Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
"""
CHANGED = PLAN.replace("và Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ", "")
PLAN_KEY = "lai-chau/ubnd/2025/kh/88"
NQ57 = "https://legal-graph.org/eli/vn/tw/2024/nq/57"
NQ03 = "https://legal-graph.org/eli/vn/cp/2025/nq/3"


@pytest.fixture
def served(tmp_path: Path) -> tuple[OxigraphStore, Path]:
    docs = tmp_path / "docs"
    shutil.copytree(SAMPLES, docs, ignore=shutil.ignore_patterns("README", "*.jsonl"))
    store = OxigraphStore(str(tmp_path / "store"))
    ingest([str(docs)], store, workers=1, progress=False)
    return store, docs


def test_patched_model_equals_a_build(served: tuple[OxigraphStore, Path]) -> None:
    store, docs = served
    with store:
        reader = ModelReader(store)
        reader.wait()
        live = Live(store, reader)
        plan = docs / "plan.txt"
        plan.write_text(PLAN, "utf-8")
        report = live.write([str(plan)])
        assert [(f.action, f.documents) for f in report.files] == [("stored", [PLAN_KEY])]
        assert report.patched
        same_as_a_build(reader, store)
        model = reader.read_model()
        assert model is not None
        plan_iri = "https://legal-graph.org/eli/" + PLAN_KEY
        implements = "https://legal-graph.org/ontology#implements"
        assert plan_iri in model.into[implements][NQ57]
        assert model.out[implements][plan_iri] == (NQ03, NQ57)
        # changed: the link to 03/NQ-CP is gone
        plan.write_text(CHANGED, "utf-8")
        assert live.write([str(plan)]).patched
        same_as_a_build(reader, store)
        assert model.out[implements][plan_iri] == (NQ57,)
        # the same bytes again: nothing to do
        assert [f.action for f in live.write([str(plan)]).files] == ["unchanged"]
        # deleted: its graph is gone, and so is the document
        plan.unlink()
        report = live.write(removed=[str(plan)])
        assert [f.action for f in report.files] == ["removed"] and report.patched
        same_as_a_build(reader, store)
        assert plan_iri not in model.docs and plan_iri not in model.into[implements][NQ57]


def test_upload_seen_by_the_next_answer(served: tuple[OxigraphStore, Path]) -> None:
    store, _ = served
    settings = Settings(update_token=TOKEN)
    with store, TestClient(create_app(settings, store), base_url="http://localhost") as client:
        client.app.state.reader.wait()  # type: ignore[attr-defined]
        files = {"files": ("kh-88.txt", PLAN.encode(), "text/plain")}
        assert client.post("/api/documents", files=files).status_code == 403
        wrong = client.post("/api/documents", files=files, headers={"Authorization": "Bearer x"})
        assert wrong.status_code == 403
        got = client.post("/api/documents", files=files,
                          headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        impact = client.get("/api/impact", params={"doc": "57-NQ/TW", "relation": "implements"})
        sparql = client.get("/sparql", params={"query": f"ASK {{ ?x <https://legal-graph.org/"
                                                        f"ontology#implements> <{NQ57}> . "
                                                        f"?x <https://legal-graph.org/ontology#"
                                                        f"key> \"{PLAN_KEY}\" }}"},
                            headers={"Accept": "application/sparql-results+json"})  # fmt: skip
        assert got.status_code == 200, got.text
        body = got.json()
        assert [(f["path"].endswith("kh-88.txt"), f["action"], f["documents"], f["links"])
                for f in body["files"]] == [(True, "stored", [PLAN_KEY], 3)]  # fmt: skip
        assert body["patched"] is True
        assert PLAN_KEY in {n["doc"]["key"] for n in impact.json()["nodes"]}
        assert sparql.json()["boolean"] is True
        status = client.get("/api/status").json()["read_model"]
        assert status["ready"] is True and status["patch_seconds"] is not None
        nameless = client.post("/api/documents", files={"files": ("", b"x", "text/plain")},
                               headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        assert nameless.status_code == 422


def test_watch_new_changed_deleted(served: tuple[OxigraphStore, Path], tmp_path: Path) -> None:
    store, _ = served
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with (
        store,
        TestClient(
            create_app(Settings(), store, watch=str(inbox)), base_url="http://localhost"
        ) as client,
    ):

        def links_of_plan() -> set[str] | None:
            got = client.get(f"/api/documents/{PLAN_KEY}")
            if got.status_code == 404:
                return None
            return {li["doc"]["key"] for li in got.json()["outgoing"].get("implements", [])}

        def until(expected: set[str] | None) -> None:
            deadline = time.monotonic() + 120  # a wait, not a measure (bench_live: figures)
            while links_of_plan() != expected and time.monotonic() < deadline:
                time.sleep(0.1)
            assert links_of_plan() == expected

        (inbox / "kh-88.txt").write_text(PLAN, "utf-8")
        until({"vn/tw/2024/nq/57", "vn/cp/2025/nq/3"})
        (inbox / "kh-88.txt").write_text(CHANGED, "utf-8")
        until({"vn/tw/2024/nq/57"})
        (inbox / "kh-88.txt").unlink()
        until(None)


CT16 = """THỦ TƯỚNG CHÍNH PHỦ
Số: 16/CT-TTg
Hà Nội, ngày 31 tháng 3 năm 2020
CHỈ THỊ
Về thực hiện các biện pháp cấp bách

Các Bộ, ngành thực hiện các biện pháp sau.
"""
YEARLESS = PLAN.replace("Số: 88/KH-UBND", "Số: 90/KH-UBND").replace(
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị",
    "Thực hiện Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ",
)


def test_a_yearless_citation_folds_in_the_write(served: tuple[OxigraphStore, Path]) -> None:
    """A plan citing "Chỉ thị số 16/CT-TTg" (no year): its citation folds into the dated
    directive in the same write, and the model is patched with the moved links."""
    store, docs = served
    with store:
        (docs / "ct-16.txt").write_text(CT16, "utf-8")
        ingest([str(docs)], store, workers=1, progress=False)
        reader = ModelReader(store)
        reader.wait()
        live = Live(store, reader)
        plan = docs / "kh-90.txt"
        plan.write_text(YEARLESS, "utf-8")
        report = live.write([str(plan)])
        # its title's "Nghị quyết số 57-NQ/TW" (no date) was folded before: written again
        assert (report.patched, report.refolded) == (True, ["vn/ttg/_/ct/16", "vn/tw/_/nq/57"])
        same_as_a_build(reader, store)
        model = reader.read_model()
        assert model is not None
        implements = "https://legal-graph.org/ontology#implements"
        ct = "https://legal-graph.org/eli/vn/ttg/2020/ct/16"
        assert "https://legal-graph.org/eli/lai-chau/ubnd/2025/kh/90" in model.into[implements][ct]
