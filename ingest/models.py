"""Records passed between the ingest stages (read → clean → header → references → relations).

Value types are frozen so they can be set members and graph nodes. Field names are English;
Vietnamese domain terms are kept where they are the real names:
``so_ky_hieu`` (number and symbol, e.g. ``2039/KH-UBND``) is ``DocRef.symbol``;
``trich_yeu`` (the subject line) is ``DocRef.title``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from ingest.dates import InForceStatement, Stated

Relation = Literal[
    "implements",
    "based_on",
    "amends",
    "replaces",
    "repeals",
    "guides",
    "corrects",
    "consolidates",
    "promulgates",
    "responds_to",
    "cites",
]

RELATIONS: tuple[str, ...] = get_args(Relation)
# Laws, codes, ordinances and constitutions are cited by name: that name is their title.
_NAMED = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")


@dataclass(frozen=True)
class OcrPage:
    """One page read by OCR: its number in the PDF (1-based), mean word confidence, words."""

    number: int
    confidence: float
    words: int


@dataclass(frozen=True)
class OcrPages:
    """The pages of one file that were read by OCR (the others had a text layer)."""

    pages: tuple[OcrPage, ...]
    engine: str  # e.g. "tesseract 5.3.0 (vie)"

    @property
    def confidence(self) -> float:
        """Mean confidence of every word read by OCR in the file (0-100)."""
        words = sum(p.words for p in self.pages)
        if not words:
            return 0.0
        return round(sum(p.confidence * p.words for p in self.pages) / words, 1)

    def describe(self) -> str:
        """``"tesseract 5.3.0 (vie): pages 1-2, mean word confidence 93.1 (page 1: 94.2, page 2:
        91.8)"``: what was read by OCR, as the graph records it (lg:ocr)."""
        pages = ", ".join(f"page {p.number}: {p.confidence}" for p in self.pages)
        numbers = _page_ranges([p.number for p in self.pages])
        word = "pages" if len(self.pages) > 1 else "page"
        return f"{self.engine}: {word} {numbers}, mean word confidence {self.confidence} ({pages})"


def _page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → "1-3, 5"."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


@dataclass(frozen=True)
class Source:
    """One document as read from disk: the text the user sees (decoded, NFC).

    A register (.csv) yields one Source per row; ``locator`` then names the row.
    ``meta`` carries what a register states outright (so_ky_hieu, date, title).
    ``ocr`` names the pages of a PDF that were read by OCR, with their confidence.
    """

    path: str
    text: str
    fmt: str
    encoding: str = "utf-8"
    locator: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    ocr: OcrPages | None = None

    @property
    def meta_dict(self) -> dict[str, str]:
        return dict(self.meta)


@dataclass(frozen=True)
class ReadError:
    """A file that could not be read, with the reason a person can act on."""

    path: str
    reason: str


@dataclass(frozen=True)
class DocRef:
    """A document as known from its own header or from a citation.

    ``key`` is the canonical identity (see ingest/identity.py); ``ambiguous`` is True when the
    text does not settle identity (for instance a yearless symbol with no date).
    """

    key: str
    symbol: str | None = None
    type: str | None = None
    number: str | None = None
    year: int | None = None
    date: str | None = None
    issuer: str | None = None
    issuer_code: str | None = None
    jurisdiction: str | None = None
    title: str | None = None
    file: str | None = None
    ambiguous: bool = False

    def as_node(self) -> dict[str, Any]:
        """The NODE object of the edge-export contract.

        ``title`` is the document's own title: set for a document that was read, and for a law
        cited by name (the name is its title). A cited document's subject as another text
        describes it goes in ``description``: a description often names other documents ("quy
        định chi tiết Luật X") and must not pass for their title.
        """
        own_title = (
            self.file is not None or self.symbol is None or (self.title or "").startswith(_NAMED)
        )
        return {
            "symbol": self.symbol,
            "type": self.type,
            "date": self.date,
            "issuer": self.issuer,
            "title": self.title if own_title else None,
            "description": None if own_title else self.title,
            "file": self.file,
            "key": self.key,
            "jurisdiction": self.jurisdiction,
            "ambiguous": self.ambiguous,
        }


@dataclass(frozen=True)
class Reference:
    """One mention of another document in a text, with its position in the source text."""

    start: int
    end: int
    text: str
    doc: DocRef
    kind: Literal["symbol", "name", "back"] = "symbol"


@dataclass(frozen=True)
class Evidence:
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Link:
    """A typed edge subject → object, proven by a quote in the asserting document."""

    subject: DocRef
    relation: str
    object: DocRef
    asserted_in: str
    evidence: Evidence
    reported: bool = False
    cue: str = ""  # the words that typed the relation ("sửa đổi, bổ sung"); "" for a mention

    def as_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject.as_node(),
            "relation": self.relation,
            "object": self.object.as_node(),
            "asserted_in": self.asserted_in,
            "evidence": self.evidence.quote,
            "span": [self.evidence.start, self.evidence.end],
            "reported": self.reported,
            "cue": self.cue or None,
        }


@dataclass
class Extraction:
    """Everything extracted from one Source."""

    source: Source
    document: DocRef
    references: list[Reference] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    signer: str | None = None
    place: str | None = None
    recipients: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    in_force: list[InForceStatement] = field(default_factory=list)  # ingest/dates.py
    stated_status: Stated | None = None  # what a register's status column says
