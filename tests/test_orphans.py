"""Orphaned implementations (graph/orphans.py) on documents the project writes: a plan carrying
out a decision later replaced, a plan carrying out a clause later repealed, a plan carrying out
the whole of a partly repealed decision (not orphaned), and a later plan of the same body that
takes the replacement on; through the library, the CLI and the API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.config import Settings
from graph.ingest import ingest
from graph.live import Live
from graph.orphans import by_implemented, find, implementations, orphans
from graph.status import facts, today
from graph.store import OxigraphStore
from graph.vocab import LG, RDF

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: {n}\nKon Tum, ngày {d}\n{t}\n{s}\n\n{body}\n"
DOCS = {
    "qd-12.txt": (
        "12/2020/QĐ-UBND",
        "02 tháng 3 năm 2020",
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2020.",
    ),
    "qd-20.txt": (
        "20/2023/QĐ-UBND",
        "05 tháng 6 năm 2023",
        "QUYẾT ĐỊNH",
        "Bãi bỏ một khoản",
        "Điều 1. Bãi bỏ khoản 2 Điều 5 Quyết định số 12/2020/QĐ-UBND ngày 02 tháng 3 "
        "năm 2020 của Ủy ban nhân dân tỉnh Kon Tum.\nĐiều 2. Quyết định này có hiệu "
        "lực kể từ ngày 20 tháng 6 năm 2023.",
    ),
    "qd-31.txt": (
        "31/2025/QĐ-UBND",
        "10 tháng 3 năm 2025",
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế mới",
        "Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký và thay thế "
        "Quyết định số 12/2020/QĐ-UBND ngày 02 tháng 3 năm 2020 của Ủy ban nhân dân "
        "tỉnh Kon Tum.",
    ),
    "kh-45.txt": (
        "45/KH-UBND",
        "10 tháng 5 năm 2021",
        "KẾ HOẠCH",
        "Phát triển cụm công nghiệp",
        "Thực hiện Quyết định số 12/2020/QĐ-UBND ngày 02 tháng 3 năm 2020 của Ủy ban "
        "nhân dân tỉnh Kon Tum, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
    ),
    "kh-77.txt": (
        "77/KH-UBND",
        "03 tháng 8 năm 2022",
        "KẾ HOẠCH",
        "Kiểm tra cụm công nghiệp",
        "Thực hiện khoản 2 Điều 5 Quyết định số 12/2020/QĐ-UBND ngày 02 tháng 3 năm "
        "2020 của Ủy ban nhân dân tỉnh Kon Tum, Ủy ban nhân dân tỉnh ban hành Kế hoạch "
        "như sau:",
    ),
}
LATER = (
    "60/KH-UBND",
    "15 tháng 4 năm 2025",
    "KẾ HOẠCH",
    "Phát triển cụm công nghiệp 2025",
    "Triển khai thực hiện Quyết định số 31/2025/QĐ-UBND ngày 10 tháng 3 năm 2025 của Ủy ban "
    "nhân dân tỉnh Kon Tum, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
)
QD12, KH45, KH77 = "kon-tum/ubnd/2020/qd/12", "kon-tum/ubnd/2021/kh/45", "kon-tum/ubnd/2022/kh/77"


def write(folder: Path, name: str, doc: tuple[str, str, str, str, str]) -> None:
    n, d, t, s, body = doc
    (folder / name).write_text(HEAD.format(n=n, d=d, t=t, s=s, body=body), "utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name, doc in DOCS.items():
        write(tmp_path, name, doc)
    return tmp_path


def summary(
    store: OxigraphStore, at: str, **kw: str
) -> list[tuple[str, str, str | None, list[str]]]:
    return [(o.doc, o.implements, o.link.part, [c.by for c in o.ended_by])
            for o in orphans(store, at=at, **kw)]  # fmt: skip


def test_orphans_over_time(corpus: Path) -> None:
    with OxigraphStore(None) as store:
        ingest([str(corpus)], store, workers=1, progress=False)
        assert summary(store, "2023-06-19") == []
        # the clause kh-77 carries out was repealed; kh-45 carries out the whole, which stands
        assert summary(store, "2023-06-20") == [
            (KH77, QD12, "khoản 2 Điều 5", ["kon-tum/ubnd/2023/qd/20"])
        ]
        # the whole decision replaced from 2025-03-20: both left behind
        assert summary(store, "2025-03-20") == [
            (KH45, QD12, None, ["kon-tum/ubnd/2025/qd/31"]),
            (KH77, QD12, "khoản 2 Điều 5", ["kon-tum/ubnd/2023/qd/20"]),
        ]  # fmt: skip
        found = orphans(store, at="2025-03-20")
        assert (found[0].successors, found[0].issuer) == (
            ["kon-tum/ubnd/2025/qd/31"],
            "kon-tum/ubnd",
        )
        assert found[0].link.quote.startswith("Thực hiện Quyết định số 12/2020/QĐ-UBND")
        assert found[0].ended_by[0].quote.startswith("thay thế Quyết định số 12/2020/QĐ-UBND")
        assert summary(store, "2025-03-20", province="Hà Nội") == []
        assert [o.doc for o in orphans(store, QD12, "Quảng Ngãi", "2025-03-20")] == [KH45, KH77]
        # a later plan of the same body carries out the replacement: kh-45 is no longer left
        # behind (from its day on); kh-77's clause has no replacement
        write(corpus, "kh-60.txt", LATER)
        ingest([str(corpus)], store, workers=1, progress=False)
        assert [o.doc for o in orphans(store, at="2025-04-14")] == [KH45, KH77]
        assert [o.doc for o in orphans(store, at="2025-04-15")] == [KH77]


def test_cli_and_api(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    db = tmp_path_factory.mktemp("store") / "store"
    with OxigraphStore(str(db)) as store:
        ingest([str(corpus)], store, workers=1, progress=False)
    run = [sys.executable, "-m", "api.cli"]
    cli = subprocess.run([*run, "orphans", "--at", "2025-03-20", "--json", "--store", str(db)],
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert [(o["doc"], o["implements"]) for o in json.loads(cli.stdout)] == [
        (KH45, QD12),
        (KH77, QD12),
    ]
    status = subprocess.run([*run, "status", "12/2020/QĐ-UBND", "--at", "2024-01-01", "--json",
                             "--store", str(db)], capture_output=True, text=True, check=True)  # fmt: skip
    st = json.loads(status.stdout)
    assert (st["status"], st["ceased_parts"], st["since"]["date"]) == (
        "partly_ceased",
        ["khoản 2 Điều 5"],
        "2020-03-15",
    )
    bad = subprocess.run([*run, "orphans", "--at", "2025-13-01", "--store", str(db)],
                         capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 2 and "--at" in bad.stderr and "Traceback" not in bad.stderr
    with (
        OxigraphStore(str(db)) as store,
        TestClient(create_app(Settings(), store), base_url="http://localhost") as client,
    ):
        got = client.get("/api/orphans", params={"doc": "12/2020/QĐ-UBND", "at": "2025-03-20"})
        assert [(o["doc"], o["link"]["part"]) for o in got.json()] == [
            (KH45, None),
            (KH77, "khoản 2 Điều 5"),
        ]
        one = client.get("/api/in-force", params={"doc": "12/2020/QĐ-UBND", "at": "2025-03-20"})
        body = one.json()
        assert (body["doc"]["key"], body["status"], body["until"]["date"]) == (
            QD12,
            "wholly_ceased",
            "2025-03-19",
        )
        assert [(c["relation"], c["by"], c["part"]) for c in body["ceased_by"]] == [
            ("repeals", "kon-tum/ubnd/2023/qd/20", "khoản 2 Điều 5"),
            ("replaces", "kon-tum/ubnd/2025/qd/31", None),
        ]
        counts = client.get("/api/in-force/counts", params={"at": "2025-03-20"}).json()
        assert counts["read"]["qd"] == {"in_force": 2, "not_yet_in_force": 0, "partly_ceased": 0,
                                        "wholly_ceased": 1, "unknown": 0}  # fmt: skip
        assert client.get("/api/in-force", params={"doc": QD12, "at": "soon"}).status_code == 422


def test_a_served_store_keeps_them_up_to_date(corpus: Path, tmp_path: Path) -> None:
    """The served store's orphans (graph/orphans.py ``OrphanIndex``, kept by graph/live.py's
    writes) and those read from the store for today (the documents the status graph holds
    as ceased and those around them), after new, changed and deleted files: those of the
    whole store read again."""
    day = today()
    with OxigraphStore(str(tmp_path / "store")) as store:
        ingest([str(corpus)], store, workers=1, progress=False)
        live = Live(store)

        def both() -> list[tuple[str, str]]:
            kept = live.orphans.orphans(at=day)
            assert (
                kept
                == orphans(store, at=day)
                == find(by_implemented(implementations(store)), facts(store))
            )
            return [(o.doc, o.implements) for o in kept]

        assert both() == [(KH45, QD12), (KH77, QD12)]
        write(corpus, "kh-60.txt", LATER)  # takes the replacement on: kh-45 is up to date
        live.write([str(corpus / "kh-60.txt")])
        assert both() == [(KH77, QD12)]
        # qd-20 no longer repeals the clause kh-77 carries out: it stands until qd-31 replaces
        # the whole, which kh-60 carries out
        n, d, t, s, body = DOCS["qd-20.txt"]
        write(corpus, "qd-20.txt", (n, d, t, s, body.replace("Bãi bỏ", "Sửa đổi")))
        live.write([str(corpus / "qd-20.txt")])
        assert both() == []
        (corpus / "kh-60.txt").unlink()
        live.write(removed=[str(corpus / "kh-60.txt")])
        assert both() == [(KH45, QD12), (KH77, QD12)]
        # a write it is not told of (SPARQL Update: kh-45's link is dropped): read again
        kh45 = f"<https://legal-graph.org/eli/{KH45}>"
        store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?e <{LG}assertedIn> {kh45} ; "
                     f"<{RDF}predicate> <{LG}implements> }} }}")  # fmt: skip
        assert both() == [(KH77, QD12)]
        (corpus / "qd-31.txt").unlink()
        live.write(removed=[str(corpus / "qd-31.txt")])
        assert both() == []
