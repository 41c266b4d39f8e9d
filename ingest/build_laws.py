"""Rebuild the law registry (``ingest/data/laws.json``) from what a corpus states.

    python -m ingest.build_laws ../shared/corpus [--output ingest/data/laws.json]

Every entry comes from the texts themselves, with the file and the quote that state it:
- a law's own header ("Luật số: 69/2020/QH14", "LUẬT …", "… thông qua ngày 13 tháng 11 năm 2020");
- a text citing a law by name and number or date ("Luật Quản lý thuế số 38/2019/QH14 ngày 13
  tháng 6 năm 2019", "Luật An toàn, vệ sinh lao động số 84/2015/QH13 …, có hiệu lực kể từ ngày
  01 tháng 7 năm 2016");
- a law's own text naming an earlier law of the same name (the law it replaces).
``last_cited`` is the latest date of a text citing the law by number or date (see laws.py).
Registers (.csv) are skipped: their subject lines are lower case and abridged.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.clean import clean, squash
from ingest.extract import extract
from ingest.identity import display_symbol
from ingest.laws import LAW_TYPES, REGISTRY_FILE, Law, law_type, name_key
from ingest.models import Source
from ingest.read import read_paths
from ingest.references import DATE_RE, Mention, find_mentions, iso_date

_IN_FORCE = re.compile(
    r"[^.;]{0,60}?có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+(" + DATE_RE.pattern + ")",
    re.I,
)
MAX_SOURCES = 3


@dataclass
class _Facts:
    """Everything the corpus states about one law (by number, else by name and day)."""

    names: Counter[str] = field(default_factory=Counter)
    number: str | None = None
    passed: Counter[str] = field(default_factory=Counter)
    own_passed: str | None = None  # from the law's own text: trusted over citations
    in_force: Counter[str] = field(default_factory=Counter)
    replaces: str | None = None
    last_cited: str | None = None
    sources: list[tuple[str, str]] = field(default_factory=list)

    def add_source(self, file: str, quote: str, first: bool = False) -> None:
        if (file, quote) in self.sources:
            return
        if first:
            self.sources.insert(0, (file, quote))
        elif len(self.sources) < MAX_SOURCES:
            self.sources.append((file, quote))

    def law(self) -> Law:
        name = self.names.most_common(1)[0][0]
        days = Counter({d: n for d, n in self.passed.items() if len(d) == 10}) or self.passed
        passed = self.own_passed or (days.most_common(1)[0][0] if days else None)
        return Law(
            name=name,
            type=law_type(name),
            number=self.number,
            passed=passed,
            in_force=self.in_force.most_common(1)[0][0] if self.in_force else None,
            replaces=self.replaces,
            last_cited=self.last_cited,
            sources=tuple(self.sources[:MAX_SOURCES]),
        )


def _is_law_number(m: Mention) -> bool:
    """A law's or code's number (``45/2019/QH14``), or an ordinance's (``02/2020/UBTVQH14``)."""
    sym = m.symbol
    if sym is None or sym.year is None:
        return False
    law = (sym.type, sym.issuer_code) == ("L", "QH")
    return law or (m.type, sym.issuer_code) == ("PL", "UBTVQH")


def _own_name(title: str | None, typ: str) -> str | None:
    """ "NGƯỜI LAO ĐỘNG VIỆT NAM …" under "LUẬT" → "Luật Người lao động việt nam …" (the case
    of a title in capitals is lost; citations, when there are any, give the name as written)."""
    if not title:
        return None
    word = {"BL": "Bộ luật", "PL": "Pháp lệnh", "HP": "Hiến pháp"}.get(typ, "Luật")
    body = title if not title.isupper() else title.lower()
    if body.lower().startswith(word.lower()):
        body = body[len(word) :].strip()
    return f"{word} {body[:1].upper()}{body[1:]}" if body else None


class Builder:
    def __init__(self, root: str) -> None:
        self.root = root
        self.by_number: dict[str, _Facts] = defaultdict(_Facts)
        self.by_name_day: dict[tuple[str, str], _Facts] = defaultdict(_Facts)

    def rel(self, path: str) -> str:
        return os.path.relpath(path, self.root)

    def add_source(self, source: Source) -> None:
        doc = extract(source).document
        file = self.rel(source.path)
        text = clean(source.text).text
        own_key = None
        if doc.type in LAW_TYPES and doc.issuer_code in ("QH", "UBTVQH") and doc.symbol:
            name = _own_name(doc.title, doc.type)
            if name:
                # a law replaces an earlier law of its own name; an amending law replaces none
                own_key = (
                    None
                    if law_type(name) == "L" and "sua-doi" in name_key(name)[:12]
                    else name_key(name)
                )
                facts = self._numbered(doc.symbol)
                facts.names[name] += 1
                if doc.date and len(doc.date) == 10:
                    facts.own_passed = doc.date
                facts.add_source(file, f"{doc.symbol}: {doc.title}", first=True)
        for m in find_mentions(text):
            if m.kind == "back" or not m.name:
                continue
            quote = squash(source.text[m.start : m.end])
            if m.kind == "symbol" and _is_law_number(m):
                assert m.symbol is not None
                facts = self._numbered(display_symbol(m.symbol.canonical))
                if own_key and name_key(m.name) == own_key and m.symbol.canonical != doc.symbol:
                    self._numbered(doc.symbol or "").replaces = facts.number
            elif m.kind == "name" and m.date and m.type in LAW_TYPES:
                facts = self.by_name_day[(name_key(m.name), m.date)]
            else:
                continue
            facts.names[m.name] += 1
            if m.date:
                facts.passed[m.date] += 1
            force = _IN_FORCE.match(text, m.end)
            day = iso_date(DATE_RE.match(force.group(1))) if force else None  # type: ignore[arg-type]
            if day:
                facts.in_force[day] += 1
            if doc.date and len(doc.date) == 10 and doc.date > (facts.last_cited or ""):
                facts.last_cited = doc.date
            facts.add_source(file, quote)

    def _numbered(self, number: str) -> _Facts:
        facts = self.by_number[number.upper()]
        facts.number = number
        return facts

    def laws(self) -> list[Law]:
        numbered: dict[tuple[str, str], list[_Facts]] = defaultdict(list)  # (name, year) → laws
        for facts in self.by_number.values():
            _keep_names(facts)
            if facts.names and facts.number:
                year = facts.number.split("/")[1]
                numbered[(name_key(facts.names.most_common(1)[0][0]), year)].append(facts)
        known = {key for key, _ in numbered}
        out = [f for group in numbered.values() for f in group]
        dated: dict[tuple[str, str], list[_Facts]] = defaultdict(list)  # (name, year) → laws
        for (key, day), facts in sorted(self.by_name_day.items(), key=lambda kv: -len(kv[0][1])):
            _keep_names(facts)
            if not facts.names or any(key.startswith(k + "-") for k in known):
                continue  # not a name, or a known name run on into the sentence
            same = numbered.get((key, day[:4])) or dated.get((key, day[:4]), [])
            if len(same) == 1 and (len(day) == 4 or same[0].number):
                _merge(same[0], facts)  # the one law of that name passed that year
            elif not same or len(day) == 10:
                dated[(key, day[:4])].append(facts)
        out += [f for group in dated.values() for f in group]
        laws = {law for law in (f.law() for f in out)}
        return sorted(
            laws, key=lambda law: (name_key(law.name), law.passed or "", law.number or "")
        )


# Words that cannot be in a law's name: the sentence it was cited in ran on into it.
_NOT_A_NAME = re.compile(
    r"\d|\b(?:Nghị\s+định|Quyết\s+định|Thông\s+tư|được|đã|có\s+hiệu\s+lực|"
    r"trong|từ|đến|để|trước|này)\b|\b[A-ZĐ]{2,}\b"
)


def _keep_names(facts: _Facts) -> None:
    for name in [n for n in facts.names if _NOT_A_NAME.search(n)]:
        del facts.names[name]


def _merge(into: _Facts, other: _Facts) -> None:
    into.names.update(other.names)
    into.passed.update(other.passed)
    into.in_force.update(other.in_force)
    if (other.last_cited or "") > (into.last_cited or ""):
        into.last_cited = other.last_cited
    for file, quote in other.sources:
        into.add_source(file, quote)


def build(paths: Iterable[str], root: str) -> list[Law]:
    builder = Builder(root)
    for item in read_paths(paths):
        if isinstance(item, Source) and item.fmt != "register":
            builder.add_source(item)
    return builder.laws()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", help="folders or files to read")
    parser.add_argument("--output", default=str(REGISTRY_FILE))
    args = parser.parse_args(argv)
    root = os.path.commonpath([os.path.abspath(p) for p in args.corpus])
    root = root if os.path.isdir(root) else os.path.dirname(root)
    laws = build(args.corpus, root)
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump([law.as_json() for law in laws], f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(laws)} laws written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
