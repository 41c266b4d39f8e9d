"""Laws cited by name: which law "Luật Khiếu nại" or "Bộ luật Dân sự" means in a given text.

Laws are usually cited by name, with or without the day they were passed ("Căn cứ Luật Tổ chức
Chính phủ ngày 18 tháng 02 năm 2025", "theo quy định của Luật Khiếu nại"). A name alone names
every law ever passed under it; the one meant is the one in force when the citing text was
issued. The registry (``ingest/data/laws.json``, rebuilt by ``python -m ingest.build_laws``)
lists the laws, codes, ordinances and constitutions that texts state with their number or date,
each entry with the file and quote it comes from. ``identify`` picks the law a citation means,
or none when the name stays ambiguous: then the citation keeps a name key and is flagged.

Amending laws ("Luật sửa đổi, bổ sung một số điều của Luật X") are laws of their own name.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.identity import slug

REGISTRY_FILE = Path(__file__).resolve().parent / "data" / "laws.json"
LAW_TYPES = frozenset({"L", "BL", "PL", "HP"})
# An undated name means the law in force; a law is known to be in force while texts cite it by
# number or date. Past this many years after its last such citation, it is not assumed.
STALE_YEARS = 15

_TRAILING_YEAR = re.compile(r"-nam-(?:19|20)\d\d$")
_COUNTRY = "-nuoc-cong-hoa-xa-hoi-chu-nghia-viet-nam"


@functools.lru_cache(maxsize=65536)  # (asked of every law name, and most are asked again)
def name_key(name: str) -> str:
    """A law's name as compared: folded, without a trailing year or the country's long name
    ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992" → ``hien-phap``)."""
    s = _TRAILING_YEAR.sub("", slug(name))
    return s.replace(_COUNTRY, "")


def law_type(name: str) -> str:
    """The type abbreviation a law's name starts with."""
    s = slug(name)
    for prefix, abbr in (("bo-luat", "BL"), ("phap-lenh", "PL"), ("hien-phap", "HP")):
        if s.startswith(prefix):
            return abbr
    return "L"


@dataclass(frozen=True)
class Law:
    """One law as texts state it. ``passed`` is ISO (or a year alone when only that is stated)."""

    name: str
    type: str
    number: str | None
    passed: str | None
    in_force: str | None = None
    replaces: str | None = None
    last_cited: str | None = None  # the latest date of a text citing it by number or date
    sources: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # (file, quote)

    @property
    def since(self) -> str | None:
        """When it was passed: the day or year stated, else the year in its number."""
        if self.passed:
            return self.passed
        parts = (self.number or "").split("/")
        return parts[1] if len(parts) > 2 and parts[1].isdigit() else None

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "type": self.type,
            "number": self.number,
            "passed": self.passed,
            "in_force": self.in_force,
            "replaces": self.replaces,
            "last_cited": self.last_cited,
            "sources": [{"file": f, "quote": q} for f, q in self.sources],
        }

    @staticmethod
    def from_json(d: dict[str, object]) -> Law:
        sources = d.get("sources") or []
        assert isinstance(sources, list)
        return Law(
            name=str(d["name"]),
            type=str(d.get("type") or law_type(str(d["name"]))),
            number=_opt(d.get("number")),
            passed=_opt(d.get("passed")),
            in_force=_opt(d.get("in_force")),
            replaces=_opt(d.get("replaces")),
            last_cited=_opt(d.get("last_cited")),
            sources=tuple((str(s["file"]), str(s["quote"])) for s in sources),
        )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


@functools.lru_cache(maxsize=65536)  # (the words after every "Luật": a few hundred, read again)
def _folded(word: str) -> tuple[str, ...]:
    """A word as ``known_prefix`` compares it: its slug's parts."""
    return tuple(p for p in slug(word).split("-") if p)


_TYPE_WORDS = re.compile(r"(Bộ\s+luật|Luật|Pháp\s+lệnh|Hiến\s+pháp)\s+", re.I)
_NAME_YEAR = re.compile(r"\s+năm\s+\d{4}\s*$")
_SYLLABLE = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """A law's name as its acronym: the type word, then the first letter of each syllable after
    it, unaccented but for Đ ("Luật Bảo vệ môi trường năm 2020" → "luật BVMT"); an acronym
    itself ("Luật BVMT") spells the same."""
    head = _TYPE_WORDS.match(name)
    rest = _NAME_YEAR.sub("", name[head.end() :] if head else name)
    words = _SYLLABLE.findall(rest)
    if len(words) == 1 and words[0].isupper():  # "BVMT": the letters are its syllables
        words = list(words[0])
    letters = "".join(unicodedata.normalize("NFD", w[0].upper())[0] for w in words)
    return f"{' '.join(head.group(1).lower().split()) if head else ''} {letters}"


class Ambiguous(Exception):
    """Several laws fit a citation: none is chosen."""

    def __init__(self, candidates: list[Law]) -> None:
        super().__init__(", ".join(c.number or c.passed or c.name for c in candidates))
        self.candidates = candidates


class Registry:
    """Laws by name and by number."""

    def __init__(self, laws: list[Law]) -> None:
        self.laws = sorted(laws, key=lambda law: (name_key(law.name), law.since or ""))
        self.by_name: dict[str, list[Law]] = {}
        self.by_number: dict[str, Law] = {}
        for law in self.laws:
            self.by_name.setdefault(name_key(law.name), []).append(law)
            if law.number:
                self.by_number[law.number.upper()] = law
        # every name as its folded words, and every beginning of one (see ``known_prefix``)
        self._names = {tuple(k.split("-")) for k in self.by_name}
        self._starts = {name[:i] for name in self._names for i in range(1, len(name) + 1)}
        self._by_initials: dict[str, dict[str, list[Law]]] | None = None

    def by_initials(self, acronym: str) -> dict[str, list[Law]]:
        """The laws (by name) whose name's syllables begin with the letters of ``acronym``
        ("Luật BVMT": Luật Bảo vệ môi trường)."""
        if self._by_initials is None:  # (built once, when a text first cites an acronym)
            self._by_initials = {}
            for key, laws in self.by_name.items():
                spelt = initials(laws[0].name)
                self._by_initials.setdefault(spelt, {})[key] = laws
        return self._by_initials.get(initials(acronym), {})

    def knows(self, name: str) -> bool:
        return name_key(name) in self.by_name

    def known_prefix(self, words: Iterable[str]) -> int:
        """How many of ``words`` (running text after "Luật") make the longest known name; 0 if
        none does."""
        folded: tuple[str, ...] = ()
        best = 0
        for i, w in enumerate(words):
            folded += _folded(w)
            if folded not in self._starts:
                break  # no known name goes on like this
            if folded in self._names:
                best = i + 1
        return best

    def identify(
        self, name: str, date: str | None, cited_on: str | None, passed_by: bool = False
    ) -> Law | None:
        """The law a citation means: by the day or year given with it, else the latest law of
        that name in force at the citing text's date (``cited_on``) and still cited then. None
        when no law of that name is known; ``Ambiguous`` when several fit. ``passed_by``: the
        latest passed by then, in force or not (a decree detailing a law is issued before the
        law takes effect)."""
        candidates = self.by_name.get(name_key(name), [])
        if not candidates:
            return None
        if date:
            fits = [c for c in candidates if c.since and _same_day_or_year(c.since, date)]
            if len(fits) > 1 and len(date) > 4:
                fits = [c for c in fits if c.since == date] or fits
            if len(fits) > 1:
                raise Ambiguous(fits)
            return fits[0] if fits else None
        if cited_on is None:
            if len(candidates) > 1:
                raise Ambiguous(candidates)
            return candidates[0]
        before = [
            c
            for c in candidates
            if c.since and (c.since[:10] if passed_by else _in_force_from(c)) <= cited_on
        ]
        if not before:
            return None
        latest = before[-1]
        return None if _stale(latest, cited_on) else latest


# A law takes effect no sooner than 45 days after it is passed (Luật Ban hành văn bản quy phạm
# pháp luật 2015, Điều 151): one passed a month before the citing text is not yet the law meant.
_SOONEST_IN_FORCE = datetime.timedelta(days=45)


def _in_force_from(law: Law) -> str:
    """When a law took effect: the day stated, else the soonest the law allows after the day it
    was passed (a year alone stays a year)."""
    if law.in_force:
        return law.in_force
    since = law.since or ""
    if len(since) < 10:
        return since
    return (datetime.date.fromisoformat(since[:10]) + _SOONEST_IN_FORCE).isoformat()


def _same_day_or_year(passed: str, date: str) -> bool:
    if len(passed) == 4 or len(date) == 4:
        return passed[:4] == date[:4]
    return passed == date


def _stale(law: Law, cited_on: str) -> bool:
    """A law last known to be cited long before ``cited_on`` may have been replaced since."""
    last = max(filter(None, (law.last_cited, law.since, law.in_force)), default=None)
    return last is None or int(cited_on[:4]) - int(last[:4]) > STALE_YEARS


# The constitutions since 1980, which texts cite by name alone ("Căn cứ Hiến pháp nước Cộng hòa
# xã hội chủ nghĩa Việt Nam"): the one meant is the one in force at the citing date, so every one
# must be known, whether or not a corpus text states its day.
_CONSTITUTION = "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"
CONSTITUTIONS = (
    Law(_CONSTITUTION, "HP", None, "1980-12-18", "1980-12-18"),
    Law(_CONSTITUTION, "HP", None, "1992-04-15", "1992-04-18"),
    Law(_CONSTITUTION, "HP", None, "2013-11-28", "2014-01-01"),
)


def load(path: Path = REGISTRY_FILE) -> Registry:
    try:
        rows = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        rows = []
    laws = [Law.from_json(r) for r in rows if isinstance(r, dict) and r.get("name")]
    known = {(name_key(law.name), (law.since or "")[:4]) for law in laws}
    return Registry(
        laws + [c for c in CONSTITUTIONS if (name_key(c.name), (c.since or "")[:4]) not in known]
    )


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry shipped with the project (loaded once per process)."""
    return load()


def key_type(symbol_type: str | None, printed_type: str | None) -> str | None:
    """The type part of a key: every law numbered by the National Assembly (``45/2019/QH14``)
    is keyed as ``l``, whether printed "Luật", "Bộ luật" or with no type word, so the code cited
    as "Bộ luật Lao động số 45/2019/QH14" and read from its own header are one node."""
    return "L" if symbol_type == "L" else printed_type


def own_title(
    number: str, title: str | None, printed_type: str | None
) -> tuple[str | None, str | None]:
    """A law's own (title, type): the name texts cite it by when the registry knows its number
    (its header prints the title in capitals, without the type word), else the header's."""
    law = registry().by_number.get(number.upper())
    if law is not None:
        return law.name, law.type
    return title, printed_type
