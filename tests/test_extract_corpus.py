"""Extraction over the real corpus: the quality bar on the hand-labelled seeds, robustness on
every file, and the "Căn cứ" preamble checked by a finder independent of the extractor."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from shared_support import CORPUS, SCORER, SHARED

from ingest.extract import extract
from ingest.models import RELATIONS, ReadError, Source
from ingest.read import iter_paths, read_path

pytestmark = pytest.mark.shared
ROOT = Path(__file__).parents[1]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, cwd=ROOT
    )


def _score(gold: Path, edges: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(edges), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


pytestmark = pytest.mark.skipif(
    not SHARED.is_dir(), reason="../shared (corpus, gold labels and scorer) not present"
)


def _gold_files(gold: Path) -> list[str]:
    """The texts a shared gold file labels, found under ../shared/corpus (by name, in any of
    its folders)."""
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        name = json.loads(line)["file"]
        found = [
            CORPUS / name,
            *(CORPUS / sub / name for sub in ("seeds", "gazette", "tvpl", "provincial")),
        ]
        out.append(str(next(p for p in found if p.is_file())))
    return out


# Each labelled set, with the bar its scores must meet (issue 14: typed precision and recall
# >= 0.93 on every set; the seeds and the project's samples, the texts the rules grew on, 0.95
# on all four scores). The dev sets were labelled without running the extractor; the project
# is also scored on held-out texts of the same kinds.
SETS = {
    "seeds": 0.95,
    "samples": 0.95,
    "gazette_dev": 0.93,
    "tvpl_dev": 0.93,
    "provincial_dev": 0.93,
    "own_gazette": 0.93,
    "heldout_gazette": 0.93,
}
# the project's own gold files (tests/gold/README.md): gazette texts labelled without seeing the
# extractor; the held-out ones were drawn from texts no rule was written against
OWN_GOLD = {"own_gazette": "gazette.gold.jsonl", "heldout_gazette": "gazette_heldout.gold.jsonl"}


@pytest.mark.parametrize("name", list(SETS))
def test_extract_meets_the_quality_bar(name: str, tmp_path: Path) -> None:
    if name == "samples":
        inputs = sorted(str(p) for p in (ROOT / "samples").glob("*.txt"))
        gold = ROOT / "samples" / "expected.jsonl"
    elif name in OWN_GOLD:
        gold = ROOT / "tests" / "gold" / OWN_GOLD[name]
        inputs = [
            str(CORPUS / json.loads(line)["file"])
            for line in gold.read_text(encoding="utf-8").splitlines()
        ]
    else:
        gold = SHARED / "gold" / f"{name}.gold.jsonl"
        inputs = _gold_files(gold)
    bar = SETS[name]
    keys = ("typed_precision", "typed_recall") + (
        ("link_precision", "link_recall") if bar > 0.93 else ()
    )
    _assert_scores(inputs, gold, tmp_path, bar, keys)


def _assert_scores(
    inputs: list[str], gold: Path, tmp_path: Path, bar: float, keys: tuple[str, ...]
) -> None:
    """`legal-graph extract … --edges`, scored by the shared scorer: each score in keys >= bar."""
    edges = tmp_path / "edges.jsonl"
    run = _cli("extract", *inputs, "--edges", str(edges))
    assert run.returncode == 0, run.stderr
    scores = _score(gold, edges)
    for key in keys:
        assert scores[key] >= bar, scores


def _sources(folder: Path) -> list[Source]:
    out: list[Source] = []
    for path in iter_paths([str(folder)]):
        got = read_path(path)
        if isinstance(got, ReadError) and got.reason.startswith("scanned pages"):
            continue  # tests/test_read.py checks which ones
        assert not isinstance(got, ReadError), got
        out.extend(got)
    return out


@pytest.fixture(scope="module")
def gazette() -> list[tuple[Source, object]]:
    return [(s, extract(s)) for s in _sources(CORPUS / "gazette")]


def test_every_corpus_file_is_extracted_with_proven_links(gazette: list) -> None:
    extractions = list(gazette)
    extractions += [(s, extract(s)) for s in _sources(CORPUS / "seeds")]
    extractions += [(s, extract(s)) for s in _sources(CORPUS / "binhduong")]
    assert len(extractions) > 4000
    n_links = 0
    for source, ex in extractions:
        for link in ex.links:
            n_links += 1
            assert link.relation in RELATIONS
            start, end = link.evidence.start, link.evidence.end
            assert 0 <= start < end <= len(source.text)
            # the quote is the text at its offsets, white space folded
            assert link.evidence.quote == " ".join(source.text[start:end].split())
            assert link.asserted_in == source.path
            node = link.as_json()["object"]
            assert node["key"] and (node["symbol"] or node["title"])
            if node["symbol"]:
                assert node["symbol"] == node["symbol"].upper() and " " not in node["symbol"]
    assert n_links > 5000


# An independent finder for the preamble: a line that starts "Căn cứ", up to its ";" or "."
# at a line end, or the next "Căn cứ" / "Theo đề nghị".
_CAN_CU = re.compile(
    r"(?m)^[ \t]*Căn cứ\b(?P<body>.*?)(?=;|\.[ \t]*\n|\n[ \t]*(?:Căn cứ|Theo đề nghị|Xét)\b)", re.S
)
# ... that names a document: a number-symbol with its digits, or a law/code/ordinance/the
# Constitution by name (a law by name needs its date or number to be a document).
_NAMES_DOC = re.compile(
    r"(?<![./…])\b\d{1,5}(?:/\d{4})?/[A-ZĐ]{1,8}(?:-[A-ZĐ0-9]+)*"
    r"|\b\d{1,5}-[A-ZĐ][A-Za-zĐ]{0,4}/[A-ZĐ]+"
    r"|(?:Bộ luật|Luật|Pháp lệnh)\s+[A-ZĐÂÊÔƠƯ][^;]{0,160}?\s(?:ngày\s+\d|số\s+\d|năm\s+\d)"
    r"|Hiến pháp"
)


def test_every_can_cu_clause_naming_a_document_yields_based_on(gazette: list) -> None:
    missing = []
    n_clauses = 0
    for source, ex in gazette:
        # the preamble: up to the first article or chapter
        body = re.search(r"(?m)^[ \t]*(?:Điều 1\.|Chương I\b)", source.text)
        head = source.text[: body.start() if body else 20000]
        based = [(k.evidence.start, k.evidence.end) for k in ex.links if k.relation == "based_on"]
        for m in _CAN_CU.finditer(head):
            body = m.group("body")
            if not _NAMES_DOC.search(body) or re.search(r"[…]|\.\.\.", body[:80]):
                continue  # names no document, or a form's placeholder ("…/2026/NQ-CP")
            n_clauses += 1
            a, b = m.start(), m.end()
            if not any(s < b and e > a for s, e in based):
                missing.append(f"{Path(source.path).name}: {' '.join(m.group(0).split())[:120]}")
    assert n_clauses > 1000
    assert not missing, f"{len(missing)} of {n_clauses} clauses without based_on:\n" + "\n".join(
        missing[:30]
    )
