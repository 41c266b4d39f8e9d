"""The bundled samples: small, the project's own text, and labelled consistently."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from shared_support import SEEDS

SAMPLES = Path(__file__).parents[1] / "samples"


def _gold() -> list[dict]:
    with open(SAMPLES / "expected.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_every_sample_is_labelled_and_small() -> None:
    files = sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert 6 <= len(files) <= 8
    assert sorted(g["file"] for g in _gold()) == files
    for name in files:
        size = (SAMPLES / name).stat().st_size
        assert 1000 <= size <= 4096, (name, size)
        assert name in (SAMPLES / "README").read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).upper()


def test_labels_name_what_the_texts_say() -> None:
    for g in _gold():
        text = (SAMPLES / g["file"]).read_text(encoding="utf-8")
        flat = _flat(text)
        doc = g["document"]
        if doc["symbol"]:
            assert re.search(r"Số:? " + re.escape(doc["symbol"]), text), g["file"]
        else:  # an unnumbered draft: "Số:      /KH-UBND"
            assert re.search(r"Số:\s+/", text), g["file"]
        for e in g["edges"]:
            assert e["rel"], e
            for end in (e["from"], e["to"]):
                if end.startswith("name:"):
                    title, _, day = end[5:].partition("|")
                    assert _flat(title) in flat, (g["file"], title)
                    if day != "-":
                        y, m, d = day.split("-")
                        assert (
                            _flat(f"ngày {d} tháng {m} năm {y}") in flat
                            or _flat(f"ngày {int(d)} tháng {int(m)} năm {y}") in flat
                        ), (g["file"], day)
                elif end != "@self":
                    assert _flat(end) in flat, (g["file"], end)


def _shingles(text: str, k: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


@pytest.mark.shared
def test_samples_are_not_copied_from_the_shared_corpus() -> None:
    # The samples cite the same documents as the seeds, and a citation repeats the cited
    # document's full title, so some 8-word runs coincide; a copied text would share nearly all.
    seen: set[tuple[str, ...]] = set()
    for p in SEEDS.glob("*.txt"):
        seen |= _shingles(p.read_text(encoding="utf-8"))
    for p in SAMPLES.glob("*.txt"):
        mine = _shingles(p.read_text(encoding="utf-8"))
        assert len(mine & seen) <= 0.6 * len(mine), p.name
