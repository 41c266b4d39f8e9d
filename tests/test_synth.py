"""The synthetic corpus: deterministic, numbered by the rules, heavy-tailed, and its truth true."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from shared_support import SCORER

from ingest.synth import PROVINCES_2025, generate

REPO = Path(__file__).parents[1]


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _truth(folder: Path) -> list[dict]:
    with open(folder / "truth.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(4000, out, seed=11)
    return out


def test_same_seed_same_corpus_other_seed_other_corpus(tmp_path: Path) -> None:
    generate(300, tmp_path / "a", seed=5)
    generate(300, tmp_path / "b", seed=5)
    generate(300, tmp_path / "c", seed=6)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    assert len(list((tmp_path / "a").rglob("*.txt"))) == 300


def _period(doc: dict) -> str:
    """Numbering period: the calendar year, or the Party committee's term (congress dates)."""
    d = date.fromisoformat(doc["date"])
    if re.match(r"^\d+-", doc["symbol"]):
        if doc["issuer_code"] == "TW":
            return "XIII" if d >= date(2021, 2, 1) else "XII"
        return str(sum(d >= date(y, 10, 15) for y in (2020, 2025)))
    return str(d.year)


def test_numbers_follow_decree_30_and_restart_each_year(corpus: Path) -> None:
    docs = [g["document"] for g in _truth(corpus)]
    # district names repeat across provinces, as they do in reality: the province is part of it
    seen: Counter[tuple[str, str, str, str]] = Counter(
        (d["issuer"], d["jurisdiction"] or "", _period(d), d["symbol"]) for d in docs
    )
    assert max(seen.values()) == 1, [k for k, v in seen.items() if v > 1][:5]
    party = re.compile(r"^\d+-(NQ|KL|CT|KH|CTr)/(TW|TU)$")
    normative = re.compile(r"^\d{2,}/(\d{4})/(NĐ|TT|NQ|QĐ)-[A-ZĐa-z]+$")
    admin = re.compile(r"^\d{2,}/[A-ZĐa-z]+-[A-ZĐa-z]+$")
    for d in docs:
        s = d["symbol"]
        m = normative.match(s)
        assert party.match(s) or admin.match(s) or (m and int(m.group(1)) == int(d["date"][:4])), s
    # the same issuer's numbers start again low in January
    by_year: dict[tuple[str, int], list[int]] = defaultdict(list)
    for d in docs:
        if d["issuer_code"] == "UBND" and not re.match(r"^\d+/\d{4}/", d["symbol"]):
            by_year[(d["issuer"] + str(d["jurisdiction"]), int(d["date"][:4]))].append(
                int(d["symbol"].split("/")[0])
            )
    resets = [
        min(by_year[(iss, y + 1)]) < max(nums)
        for (iss, y), nums in by_year.items()
        if (iss, y + 1) in by_year and len(nums) >= 5
    ]
    assert resets and all(resets)


def test_all_34_provinces_and_every_level_issue_documents(corpus: Path) -> None:
    docs = [g["document"] for g in _truth(corpus)]
    assert {d["jurisdiction"] for d in docs if d["jurisdiction"]} == set(PROVINCES_2025)
    assert len(PROVINCES_2025) == 34
    codes = Counter(d["issuer_code"] for d in docs)
    for code in ("TW", "CP", "TTg", "VPCP", "TU", "HĐND", "UBND", "SKHCN"):
        assert codes[code] > 0, code
    assert any(d["issuer"].startswith("UBND huyện") for d in docs)


def test_citation_counts_are_heavy_tailed(corpus: Path) -> None:
    indeg: Counter[str] = Counter()
    for g in _truth(corpus):
        for e in g["edges"]:
            if e["from"] == "@self" and "to_key" in e and not e.get("optional"):
                indeg[e["to_key"]] += 1
    counts = sorted(indeg.values(), reverse=True)
    median = counts[len(counts) // 2]
    top = counts[: max(1, len(counts) // 100)]
    mean = sum(counts) / len(counts)
    # With a light tail (Poisson of the same mean) no document would reach 10× the mean and
    # the top 1% would draw about 3% of all citations.
    assert counts[0] >= 30 * median, counts[:10]
    assert sum(1 for c in counts if c >= 10 * mean) >= 0.003 * len(counts)
    assert sum(top) >= 0.15 * sum(counts)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_planted_edge_is_stated_in_the_text(corpus: Path) -> None:
    truth = _truth(corpus)
    by_key = {g["document"]["key"]: g["document"] for g in truth}
    assert len(by_key) == len(truth)  # canonical keys identify documents
    rels: Counter[str] = Counter()
    for g in truth:
        text = _flat((corpus / g["file"]).read_text(encoding="utf-8"))
        me = g["document"]
        assert re.search(r"Số:? " + re.escape(me["symbol"]) + r" ", text), g["file"]
        for e in g["edges"]:
            assert _flat(e["quote"]) in text, (g["file"], e["quote"])
            for end in (e["from"], e["to"]):
                if end.startswith("name:"):
                    assert end[5:].split("|")[0] in text, (g["file"], end)
                elif end != "@self":
                    assert end in text, (g["file"], end)
            if "to_key" in e:  # the cited document exists, earlier, with that symbol and date
                target = by_key[e["to_key"]]
                assert (target["symbol"], target["date"]) == (e["to"], e["to_date"])
                assert target["date"] <= me["date"]
            rels.update(e["rel"])
    for rel in (
        "implements",
        "based_on",
        "amends",
        "repeals",
        "replaces",
        "guides",
        "responds_to",
        "cites",
    ):
        assert rels[rel] > 0, rel
    assert sum(1 for g in truth for e in g["edges"] if e.get("reported")) > len(truth) // 10


def test_footnote_markers_are_glued_and_their_texts_sit_at_the_page_bottom(corpus: Path) -> None:
    glued = 0
    for p in sorted(corpus.rglob("*.txt"))[:800]:
        text = p.read_text(encoding="utf-8")
        for m in re.finditer(r"[a-zỳ-ỹà-ứ]([1-9¹²³])[ ,.]", text):
            mark = m.group(1)
            assert re.search(r"^" + mark + r" \S", text, re.M), (p, mark)
            glued += 1
    assert glued > 20


def test_cli_writes_the_corpus_and_rejects_bad_arguments(tmp_path: Path) -> None:
    # what the `legal-graph` console script runs (api.cli:main)
    run = [
        sys.executable,
        "-c",
        "import sys; from api.cli import main; sys.argv[0] = 'legal-graph'; main()",
        "synth",
    ]
    ok = subprocess.run(
        [*run, "25", str(tmp_path / "out"), "--seed", "2"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert "25 documents" in ok.stdout
    assert len(_truth(tmp_path / "out")) == 25
    bad = subprocess.run(
        [*run, "0", str(tmp_path / "x")], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2 and "N must be at least 1" in bad.stderr
    (tmp_path / "file").write_text("x")
    bad = subprocess.run(
        [*run, "3", str(tmp_path / "file")], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2 and "not a folder" in bad.stderr


@pytest.mark.shared
def test_extraction_recovers_the_planted_edges(tmp_path: Path) -> None:
    from ingest.extract import extract
    from ingest.read import read_path

    generate(400, tmp_path / "c", seed=21)
    with open(tmp_path / "edges.jsonl", "w", encoding="utf-8") as out:
        for p in sorted((tmp_path / "c").rglob("*.txt")):
            sources = read_path(str(p))
            assert isinstance(sources, list), sources
            for src in sources:
                for link in extract(src).links:
                    out.write(json.dumps(link.as_json(), ensure_ascii=False) + "\n")
    run = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            str(tmp_path / "c" / "truth.jsonl"),
            str(tmp_path / "edges.jsonl"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    scores = json.loads(run.stdout)
    for name in ("link_precision", "link_recall", "typed_precision", "typed_recall"):
        assert scores[name] >= 0.95, (name, scores)
