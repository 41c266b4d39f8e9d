"""Resolve what people type into documents: ranked candidates, each with why it matched.

Accepted forms: a canonical key (``vn/tw/2024/nq/57``), a số ký hiệu (``57-NQ/TW``,
``03/2025/NQ-CP``), a type word and a number in Vietnamese, English or abbreviated, with or
without diacritics (``Nghị quyết 57``, ``Resolution 57``, ``NQ 57``, ``nghi quyet 57``), with
hints (``Kế hoạch 2039 Kon Tum``: a province, an issuer, a year), or a fragment of a title.

Nothing is guessed silently: when several documents fit about as well, ``Resolution.ambiguous``
is true and all of them are returned. A yearless or placeless mention (``vn/tw/_/nq/57``) that
fits exactly one fully known document is folded into it as an alias rather than listed apart.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from graph import vocab
from graph.errors import Problem
from graph.provinces import NAME_OF
from graph.store import Store
from graph.summary import (
    DocSummary,
    embedded,
    iri_values,
    key_of,
    key_parts,
    summaries,
    summary_from_key,
)
from ingest.identity import TYPE_WORDS, canonical_symbol, parse_symbol, slug

ELI, LG = vocab.ELI, vocab.LG
KEY_RE = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+){4}")
NUMBER_CANDIDATES = 2000  # documents sharing a number examined per query
TITLE_CANDIDATES = 50
MARGIN = 25.0  # a top score this far ahead of the next is a confident answer
# Among candidates that fit about as well, one cited this many times as often as each other
# (and by this many more documents) is the one people mean ("Resolution 57": 57-NQ/TW).
LEAD_RATIO = 3
LEAD_MIN = 3
_LAW_TYPES = {"l", "bl", "pl", "hp"}  # cited by name and year: a lone 4-digit number is a year

# Type words people type in English, and abbreviations, folded (slug with spaces).
_ENGLISH = {
    "resolution": "NQ", "decree": "NĐ", "decision": "QĐ", "directive": "CT", "circular": "TT",
    "joint circular": "TTLT", "plan": "KH", "programme": "CTr", "program": "CTr",
    "action programme": "CTr", "action program": "CTr", "official letter": "CV", "letter": "CV",
    "dispatch": "CV", "report": "BC", "submission": "TTr", "notice": "TB", "announcement": "TB",
    "guidance": "HD", "guideline": "HD", "conclusion": "KL", "regulation": "QyĐ", "rules": "QC",
    "law": "L", "code": "BL", "ordinance": "PL", "constitution": "HP", "scheme": "ĐA",
    "project": "ĐA", "telegram": "CĐ", "consolidated text": "VBHN",
}  # fmt: skip
_ABBRS = ["NQ", "NĐ", "QĐ", "CT", "TT", "TTLT", "KH", "CTr", "CV", "BC", "TTr", "TB", "HD",
          "KL", "QyĐ", "QC", "BL", "PL", "HP", "ĐA", "CĐ", "VBHN", "NQLT"]  # fmt: skip
_ABBR_SLUGS = {slug(a) for a in _ABBRS}
TYPE_WORD: dict[str, str] = {
    **{slug(w).replace("-", " "): t for w, t in TYPE_WORDS.items()},
    **_ENGLISH,
    **{slug(a): a for a in _ABBRS},
}
_TYPE_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, TYPE_WORD), key=len, reverse=True)) + r")\b"
)
_FILLER = {"so", "no", "number", "nr", "ngay", "cua", "ve", "the", "of", "tinh", "thanh", "pho",
           "province", "city", "nam", "year", "va", "and", "tai", "ban", "hanh"}  # fmt: skip
_SYMBOL_RE = re.compile(
    r"\d{1,5}[A-Za-z]?(?:\s*/\s*(?:19|20)\d{2})?\s*[-/]\s*[A-Za-zĐđÐ][\wĐđ]*(?:\s*[-/]\s*[\wĐđ]+)*"
)
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d{2})\b")
_LAST_YEAR = datetime.date.today().year + 1  # "2039" is a plan's number, not a year

# Vietnamese letters by base letter: a typed "a" also matches "ă", "ấ" … in titles.
_VARIANTS: dict[str, str] = defaultdict(str)
for _c in range(0xC0, 0x1EFA):
    _ch = chr(_c)
    if _ch.isalpha() and _ch.islower():
        _base = slug(_ch)
        if len(_base) == 1:
            _VARIANTS[_base] += _ch


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces ("Nghị quyết" → "nghi quyet")."""
    return slug(text).replace("-", " ")


class EmptyQuery(Problem, ValueError):
    """Nothing to resolve."""

    status, kind, title = 422, "invalid-parameter", "Invalid parameter q"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, param="q")
        self.param = "q"


@dataclass
class Candidate:
    doc: DocSummary
    score: float
    why: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # partial keys folded into this document
    cited_by: int = 0


@dataclass
class Resolution:
    query: str
    candidates: list[Candidate]
    ambiguous: bool
    understood: str  # how the query was read, for people

    @property
    def best(self) -> DocSummary | None:
        """The one document meant, or None when there is none or several fit."""
        if not self.candidates or self.ambiguous:
            return None
        return self.candidates[0].doc


@dataclass
class _Parse:
    key: str | None = None
    symbol: str | None = None  # canonical
    number: str | None = None
    type: str | None = None
    year: int | None = None
    issuer: str | None = None  # issuer code from a symbol or key
    jurisdiction: str | None = None  # slug from a key
    hints: list[str] = field(default_factory=list)  # folded words left over

    def describe(self) -> str:
        parts = []
        if self.key:
            parts.append(f"key {self.key}")
        if self.symbol:
            parts.append(f"symbol {self.symbol}")
        if self.type:
            parts.append(f"type {self.type}")
        if self.number:
            parts.append(f"number {self.number}")
        if self.year:
            parts.append(f"year {self.year}")
        if self.hints:
            parts.append("words " + " ".join(self.hints))
        return ", ".join(parts) or "title words"


def parse(text: str) -> _Parse:
    """Read the structure of a query (no store access)."""
    raw = unicodedata.normalize("NFC", text).strip()
    p = _Parse()
    if KEY_RE.fullmatch(raw):
        parts = raw.split("/")
        p.key = raw
        p.jurisdiction = None if parts[0] == "_" else parts[0]
        p.issuer = None if parts[1] == "_" else parts[1]
        p.year = int(parts[2]) if parts[2].isdigit() else None
        p.type = None if parts[3] == "_" else parts[3]
        p.number = parts[4] if parts[4].isdigit() else None
        return p
    rest = raw
    m = _SYMBOL_RE.search(raw)
    sym = parse_symbol(m.group(0)) if m else None
    if m and sym is not None:
        p.symbol = sym.canonical
        p.number, p.year, p.issuer = sym.number, sym.year, slug(sym.issuer_code or "") or None
        p.type = slug(sym.type) if sym.type else None
        first = re.split(r"[-/]", _drop_year(sym.canonical).split("/", 1)[-1].split("-", 1)[-1])[0]
        if p.type == "cv" and slug(first) in _ABBR_SLUGS:  # "ND-CP" typed for "NĐ-CP"
            p.type = slug(first)
        rest = raw[: m.start()] + " " + raw[m.end() :]
    folded = fold(rest)
    if p.type is None and (t := _TYPE_RE.search(folded)):
        p.type = slug(TYPE_WORD[t.group(1)])
        folded = folded[: t.start()] + " " + folded[t.end() :]
    words = folded.split()
    if p.number is None:
        # The number is the first one after the type word; a 4-digit one may be a year (never
        # one to come, nor after a law's name: "Luật Đất đai 2024").
        nums = [w for w in words if w.isdigit() and len(w) <= 5]
        year_like = bool(nums) and _is_year(nums[0])
        if nums and (not year_like or len(nums) > 1 or (p.type and p.type not in _LAW_TYPES)):
            p.number = nums[0]
            words.remove(nums[0])
    for w in list(words):
        if p.year is None and _is_year(w):
            p.year = int(w)
            words.remove(w)
    p.hints = [w for w in words if w not in _FILLER and not w.isdigit()]
    return p


def _is_year(word: str) -> bool:
    return bool(_YEAR_RE.fullmatch(word)) and int(word) <= _LAST_YEAR


def _number_forms(number: str) -> list[str]:
    n = number.lstrip("0") or "0"
    return sorted({number, n, n.zfill(2), n.zfill(3)})


def _title_regex(text: str) -> str:
    """A case-insensitive regex matching ``text`` in a title with or without diacritics."""
    out = []
    for ch in fold(text):
        if ch == " ":
            out.append(r"[\s,.;:-]+")
        elif ch in _VARIANTS:
            out.append("[" + ch + _VARIANTS[ch] + "]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _literal(s: str) -> str:
    """A SPARQL string literal (JSON escapes are SPARQL escapes too)."""
    return json.dumps(s, ensure_ascii=False)


def _by_key(store: Store, key: str) -> list[str]:
    rows = store.select(f"SELECT ?d WHERE {{ ?d <{LG}key> {_literal(key)} }} LIMIT 1")
    return [str(r["d"]) for r in rows]


def _by_number(store: Store, p: _Parse) -> list[str]:
    assert p.number is not None
    type_clause = ""
    if p.type:
        # the type IRI keeps the abbreviation's case and diacritics: compare on the key instead
        type_clause = (
            f"FILTER(STRENDS(?k, {_literal('/' + p.type + '/' + (p.number.lstrip('0') or '0'))}))"
        )
    found: list[str] = []
    for n in _number_forms(p.number):  # one indexed lookup per spelling ("3", "03")
        rows = store.select(
            f"SELECT DISTINCT ?d WHERE {{ ?d <{ELI}number> {_literal(n)} ; <{LG}key> ?k . "
            f"{type_clause} }} LIMIT {NUMBER_CANDIDATES}"
        )
        found += [str(r["d"]) for r in rows]
    return list(dict.fromkeys(found))


def _by_symbol(store: Store, symbol: str) -> list[str]:
    """Documents whose số ký hiệu is exactly ``symbol`` (canonical form): one index lookup."""
    rows = store.select(
        f"SELECT DISTINCT ?d WHERE {{ ?d <{ELI}id_local> {_literal(symbol)} }} "
        f"LIMIT {TITLE_CANDIDATES}"
    )
    return [str(r["d"]) for r in rows]


def _by_prefix(store: Store, prefix: str) -> list[str]:
    rows = store.select(
        f"SELECT DISTINCT ?d WHERE {{ ?d <{LG}key> ?k FILTER(STRSTARTS(?k, {_literal(prefix)})) }} "
        f"LIMIT {TITLE_CANDIDATES}"
    )
    return [str(r["d"]) for r in rows]


def _place(hints: list[str]) -> str | None:
    """The jurisdiction slug the words name (longest province name first)."""
    text = f" {' '.join(hints)} "
    for name in sorted(NAME_OF, key=len, reverse=True):
        if name != "vn" and f" {name.replace('-', ' ')} " in text:
            return name
    return None


def _by_place(store: Store, place: str, typ: str | None) -> list[str]:
    type_clause = f"FILTER(CONTAINS(?k, {_literal('/' + typ + '/')}))" if typ else ""
    rows = store.select(
        f"SELECT DISTINCT ?d WHERE {{ ?d <{LG}jurisdiction> <{vocab.PLACE}{place}> ; "
        f"<{LG}key> ?k . {type_clause} }} LIMIT {TITLE_CANDIDATES * 4}"
    )
    return [str(r["d"]) for r in rows]


def _by_title(store: Store, text: str) -> list[str]:
    if len(fold(text).replace(" ", "")) < 3:  # "x" is in every other title
        return []
    pattern = _title_regex(text)
    rows = store.select(
        f"SELECT DISTINCT ?d WHERE {{ ?d <{ELI}title> ?t . "
        f'FILTER(REGEX(STR(?t), {_literal(pattern)}, "i")) }} LIMIT {TITLE_CANDIDATES * 4}'
    )
    return [str(r["d"]) for r in rows]


def cited_by(store: Store, iris: list[str]) -> dict[str, int]:
    """How many distinct documents link to each of ``iris`` (any relation)."""
    if not iris:
        return {}
    model = store.read_model()
    if model is not None:
        return {i: n for i in iris if (n := model.cited_by(i))}
    preds = iri_values(vocab.RELATION_IRI.values())
    query = (f"SELECT ?d (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?d {{ {{D}} }} "
             f"VALUES ?p {{ {preds} }} ?s ?p ?d }} GROUP BY ?d")  # fmt: skip
    # one query per document in process, one batch remotely (see graph.summary.embedded)
    batches = [[i] for i in iris] if embedded(store) else [iris]
    rows = [r for b in batches for r in store.select(query.replace("{D}", iri_values(b)))]
    return {str(r["d"]): int(str(r["n"])) for r in rows}


def _compatible(partial: str, full: str) -> bool:
    a, b = key_parts(partial), key_parts(full)
    if a is None or b is None:
        return False
    return all(x == "_" or x == y for x, y in zip(a, b, strict=True))


def _score(c: Candidate, p: _Parse, title_hit: bool) -> None:
    d = c.doc
    parts = key_parts(d.key)
    if p.key and d.key == p.key:
        c.score += 200
        c.why.append("exact key")
    if p.symbol and d.symbol:
        typed, stored = p.symbol, canonical_symbol(d.symbol)
        if typed == stored:
            c.score += 100
            c.why.append(f"symbol {d.symbol}")
        elif _drop_year(typed) == _drop_year(stored):
            c.score += 90
            c.why.append(f"symbol {d.symbol} (year written differently)")
        elif fold(typed) == fold(stored):
            c.score += 95
            c.why.append(f"symbol {d.symbol} (without diacritics)")
    if p.number and parts and parts[4] == (p.number.lstrip("0") or "0"):
        c.score += 30
        c.why.append(f"number {p.number}")
    if p.type and parts:
        if parts[3] == p.type:
            c.score += 30
            c.why.append(f"type {d.type_name or d.type}")
        else:
            c.score -= 30
    if p.issuer and parts:
        if parts[1] == p.issuer:
            c.score += 20
            c.why.append(f"issuer {d.issuer_code}")
        elif parts[1] != "_":
            c.score -= 40  # 50/NQ-CP is not 50/NQ-HĐND
    if p.jurisdiction and parts and parts[0] == p.jurisdiction:
        c.score += 20
        c.why.append(f"jurisdiction {d.jurisdiction_name}")
    if p.year:
        if d.year == p.year:
            c.score += 20
            c.why.append(f"year {p.year}")
        elif d.year is not None:
            c.score -= 20
    if p.hints:
        haystack = " ".join(
            fold(x)
            for x in (d.title, d.issuer, d.jurisdiction_name, NAME_OF.get(d.jurisdiction or ""))
            if x
        )
        hay_words = f" {haystack} "
        matched = [w for w in p.hints if f" {w} " in hay_words]
        if matched:
            c.score += 15 * len(matched)
            c.why.append("words " + " ".join(matched))
    if title_hit:
        c.score += 50
        c.why.append("title contains the query")
    if not d.stub:
        c.score += 10
        c.why.append("its own text is stored")
    if d.ambiguous:
        c.score -= 10
    if c.cited_by:
        c.score += min(12.0, 3 * math.log2(1 + c.cited_by))
        c.why.append(f"cited by {c.cited_by} document{'s' if c.cited_by > 1 else ''}")


def _drop_year(symbol: str) -> str:
    return re.sub(r"^(\d+[A-Z]?)/(?:19|20)\d{2}/", r"\1/", symbol)


def resolve(store: Store, text: str, limit: int = 10) -> Resolution:
    """Ranked candidates for ``text``; see the module docstring for what is understood."""
    if not text or not text.strip():
        raise EmptyQuery("Nothing to resolve: the query is empty.")
    p = parse(text)
    iris: list[str] = []
    title_hits: set[str] = set()
    if p.key:
        iris += _by_key(store, p.key)
        if not iris:  # an unknown key: suggest the same number, then its siblings
            iris += _by_number(store, p) if p.number else []
            iris += _by_prefix(store, p.key.rsplit("/", 1)[0] + "/")
    exact: set[str] = set()
    if p.symbol and not iris:
        exact = set(_by_symbol(store, p.symbol))
    iris += sorted(exact)  # the same symbol in other places or years is found here too
    if p.number and not iris:
        iris += _by_number(store, p)
        if not iris and p.type:  # a type word may have been read where there is none
            iris += _by_number(store, _Parse(number=p.number, year=p.year, hints=p.hints))
    place = _place(p.hints)
    if not iris and not p.key and place and (p.type or len(p.hints) <= 3):
        iris += _by_place(store, place, p.type)  # "Kế hoạch Kon Tum": its plans
    if not iris and not p.key:
        title_hits = set(_by_title(store, text))
        if not title_hits and p.hints:
            title_hits = set(_by_title(store, " ".join(p.hints)))
        iris += sorted(title_hits)
    iris = _shortlist(list(dict.fromkeys(iris)), p, exact, title_hits, max(30, 3 * limit))
    docs = summaries(store, iris)
    counts = cited_by(store, list(docs))
    cands = [Candidate(doc=d, score=0.0, cited_by=counts.get(i, 0)) for i, d in docs.items()]
    for c in cands:
        _score(c, p, c.doc.iri in title_hits)
    cands = _fold_aliases(cands)
    cands.sort(key=lambda c: (-c.score, c.doc.key))
    cands = [c for c in cands if c.score > 0][:limit]
    close = [c for c in cands if cands[0].score - c.score < MARGIN]
    leader = _cited_leader(close) if len(close) > 1 else None
    if leader is not None:  # the others stay listed after it
        leader.why.append(f"cited far more than the other {len(close) - 1} that fit")
        cands = [leader, *[c for c in cands if c is not leader]]
    ambiguous = len(close) > 1 and leader is None
    return Resolution(query=text, candidates=cands, ambiguous=ambiguous, understood=p.describe())


def _cited_leader(close: list[Candidate]) -> Candidate | None:
    """Of several candidates that fit about as well, the one cited far more than each other."""
    top = max(close, key=lambda c: c.cited_by)
    others = [c for c in close if c is not top]
    if others and all(
        top.cited_by >= LEAD_RATIO * c.cited_by and top.cited_by - c.cited_by >= LEAD_MIN
        for c in others
    ):
        return top
    return None


def _shortlist(
    iris: list[str], p: _Parse, exact: set[str], title_hits: set[str], size: int
) -> list[str]:
    """The ``size`` most promising documents judged on their keys alone (a number like "47"
    is shared by thousands), so facts are fetched only for those."""
    if len(iris) <= size:
        return iris
    scored = []
    for i in iris:
        c = Candidate(doc=summary_from_key(key_of(i)), score=100.0 if i in exact else 0.0)
        _score(c, p, i in title_hits)
        scored.append((-c.score, i))
    return [i for _, i in sorted(scored)[:size]]


def _fold_aliases(cands: list[Candidate]) -> list[Candidate]:
    """Fold each partial-key candidate into the one full-key candidate it fits, if unique."""
    full = [c for c in cands if "_" not in c.doc.key.split("/")]
    kept = list(full)
    for c in cands:
        if c in full:
            continue
        fits = [f for f in full if _compatible(c.doc.key, f.doc.key)]
        if len(fits) == 1:
            fits[0].aliases.append(c.doc.key)
            fits[0].cited_by += c.cited_by
        else:
            kept.append(c)
    return kept


def aliases_of(key: str) -> list[str]:
    """Partial keys a mention could have produced for this document (year or place unknown)."""
    parts = key_parts(key)
    if parts is None or "_" in parts:
        return []
    jur, issuer, year, typ, number = parts
    out = [f"{jur}/{issuer}/_/{typ}/{number}", f"_/{issuer}/_/{typ}/{number}",
           f"_/{issuer}/{year}/{typ}/{number}"]  # fmt: skip
    return [k for k in out if k != key]
