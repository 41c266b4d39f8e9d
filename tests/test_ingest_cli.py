"""`legal-graph ingest` and `legal-graph export` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from api.cli import main; main()"]


def lg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})  # fmt: skip


@pytest.fixture(scope="module")
def ingested(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The bundled samples plus one damaged file, ingested into a fresh store."""
    work = tmp_path_factory.mktemp("cli")
    (work / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")  # a truncated PDF
    result = lg("ingest", str(REPO / "samples"), str(work / "broken.pdf"), "--store",
                str(work / "store"), "--workers", "2", "--quiet", cwd=work)  # fmt: skip
    return work, result


def test_ingest_reports_and_fails_on_a_bad_file(
    ingested: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    work, result = ingested
    assert result.returncode == 1, result.stderr
    out = " ".join(result.stdout.split())
    assert "ingested" in out and "1 failed" in out and "broken.pdf" in out
    assert "Traceback" not in result.stdout + result.stderr
    again = lg("ingest", str(REPO / "samples"), "--store", str(work / "store"), "--quiet", cwd=work)
    assert again.returncode == 0
    assert " 0 ingested" in " ".join(again.stdout.split())


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("ttl", "turtle"), ("trig", "trig"),
                                                    ("nq", "nquads"), ("jsonld", "json-ld")])  # fmt: skip
def test_export_graph_formats_parse(
    ingested: tuple[Path, subprocess.CompletedProcess[str]], fmt: str, rdflib_format: str
) -> None:
    work, _ = ingested
    out = work / f"graph.{fmt}"
    result = lg("export", "--format", fmt, "-o", str(out), "--store", str(work / "store"), cwd=work)
    assert result.returncode == 0, result.stderr
    ds = rdflib.Dataset()
    ds.parse(out, format=rdflib_format)
    implements = rdflib.URIRef("https://legal-graph.org/ontology#implements")
    assert any(True for _ in ds.quads((None, implements, None, None)))
    if fmt in ("trig", "nq"):  # named graphs kept: one per source file, plus meta/derived/ontology
        names = {str(g.identifier) for g in ds.graphs()}
        assert sum(n.startswith("https://legal-graph.org/graph/source/") for n in names) >= 8


def test_export_edges_and_csv(ingested: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    work, _ = ingested
    edges = lg("export", "--format", "edges", "--store", str(work / "store"), cwd=work)
    assert edges.returncode == 0
    lines = [json.loads(line) for line in edges.stdout.splitlines()]
    assert len(lines) > 20
    assert set(lines[0]) >= {"subject", "relation", "object", "asserted_in", "evidence", "span"}
    assert set(lines[0]["subject"]) == {"symbol", "type", "date", "issuer", "title", "file", "key",
                                        "jurisdiction", "ambiguous", "status", "in_force_from",
                                        "in_force_until"}  # fmt: skip
    assert any(e["relation"] == "implements" and e["object"]["symbol"] == "52-NQ/TW" for e in lines)
    table = lg("export", "--format", "csv", "--store", str(work / "store"), cwd=work)
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)) > 9
    assert {r["is_stub"] for r in rows} == {"True", "False"}


def test_export_without_a_store_says_so(tmp_path: Path) -> None:
    result = lg("export", "--format", "ttl", "--store", str(tmp_path / "none"), cwd=tmp_path)
    assert result.returncode == 2
    assert "No store at" in result.stderr and "Traceback" not in result.stderr
