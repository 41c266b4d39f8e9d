"""From one Source to its Extraction: the document's identity and its typed, proven links.

clean (mask PDF damage) → header (the document itself) → references (every citation) →
relations (cue phrases and their scope) → identity (canonical keys) → links with evidence.
Every stage is a pure function; this module only wires them.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections import defaultdict
from dataclasses import replace

from ingest.clean import CleanText, clean, squash
from ingest.dates import in_force_statements, register_status
from ingest.header import (
    Header,
    dated_after,
    issuer_code_from_name,
    parse_header,
    province_in,
    unit_in,
)
from ingest.identity import (
    CENTRAL_ISSUERS,
    Symbol,
    canonical_symbol,
    is_local,
    issuer_name,
    issuer_rank,
    make_key,
    parse_symbol,
    slug,
)
from ingest.laws import (
    LAW_TYPES,
    Ambiguous,
    initials,
    key_type,
    name_key,
    own_title,
    registry,
)
from ingest.models import DocRef, Evidence, Extraction, Link, Reference, Source
from ingest.references import Mention, find_mentions
from ingest.registers import register_province
from ingest.relations import SELF, Assertion, relate

# A cited document's subject as the citing text gives it: lower-case "về …", "ban hành …" right
# after the citation (a capital starts a new sentence, not a description).
_TITLE_AFTER = re.compile(
    r"[ \t]*,?\s{0,3}((?:về|V/v|v/v|ban\s+hành|quy\s+định(?!\s+tại)|hướng\s+dẫn|sửa\s+đổi|"
    r"triển\s+khai|thực\s+hiện)\s[^;.()]{3,200})"
)


def extract(source: Source) -> Extraction:
    """Extract the document's identity and every link its text states."""
    # Extraction makes many short-lived objects and no reference cycles: the cyclic collector's
    # passes over them find nothing and cost a few percent, so it pauses meanwhile.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _extract(source)
    finally:
        if was_enabled:
            gc.enable()


def _extract(source: Source) -> Extraction:
    register = source.fmt == "register"
    cleaned = clean(source.text)
    header = _register_header(source) if register else parse_header(cleaned.text)
    if not register and header.symbol is None and source.meta:
        _header_from_metadata(header, source.meta_dict)
    consolidation = None if register else _consolidation(cleaned.text, header)
    me = _self_ref(source, header)
    main = find_mentions(cleaned.text, lower_case=register)
    notes = (
        find_mentions(cleaned.notes, regions=[(f.start, f.end) for f in cleaned.footnotes])
        if cleaned.footnotes
        else []
    )
    mentions = main + notes
    docs = _resolve(mentions, cleaned, header, me)

    def skip(m: Mention) -> bool:
        if m.kind == "back":
            return m.back_of is None
        if header.symbol_span and m.start <= header.symbol_span[0] < m.end + 1:
            return True
        ref = docs[id(m)]
        # its own number: the same key, or the same symbol with nothing to tell them apart
        return ref.key == me.key or (
            me.symbol is not None
            and ref.symbol == me.symbol
            and (ref.year is None or (ref.year == me.year and ref.issuer_code == me.issuer_code))
        )

    def rank(i: int) -> tuple[int | None, int | None]:
        ref = docs[id(mentions[i])]
        return issuer_rank(ref.issuer_code), ref.year

    assertions, _ = relate(cleaned, main, notes, rank, skip, consolidation)
    if consolidation:  # a VBHN's title is the consolidated text's: its cues are not the VBHN's own
        assertions = [
            a
            for a in assertions
            if a.reported or a.relation == "based_on" or not 0 < consolidation[0] - a.start < 1500
        ]
    if (form := _annexed_form(cleaned.text)) is not None:
        # "Căn cứ …" in an annexed form (a second national motto heads it) is the form's, and
        # so is "Thực hiện quy định của Luật …" right under a motto with blanks to fill in (a
        # model document; an annexed programme under a motto carries out what it names)
        assertions = [
            a._replace(relation="cites", cue="")
            if a.subject == SELF
            and a.start > form
            and (
                a.relation == "based_on"
                or (a.relation == "implements" and _in_model(cleaned.text, a.start))
            )
            else a
            for a in assertions
        ]
    if header.title and _ANNOUNCES.match(header.title):
        assertions = _announced(cleaned.text, assertions)
    elif (pos := cleaned.text.find("BÃI BỎ")) >= 0:
        assertions = _repeal_annexes(cleaned.text, pos, mentions, assertions)
    links = _links(source, me, mentions, docs, assertions)
    refs = [
        Reference(m.start, m.end, source.text[m.start : m.end], docs[id(m)], m.kind)  # type: ignore[arg-type]
        for m in mentions
        if not skip(m)
    ]
    unresolved = sorted({r.doc.symbol or r.doc.title or "?" for r in refs if r.doc.ambiguous})
    return Extraction(
        source=source,
        document=me,
        references=refs,
        links=links,
        signer=header.signer,
        place=header.place,
        recipients=header.recipients,
        unresolved=unresolved,
        in_force=[]
        if register or consolidation
        else in_force_statements(cleaned.text, me.date, me.type),
        stated_status=register_status(source.meta_dict.get("status")) if register else None,
    )


# A decision that announces lists ("Về việc công bố Danh mục văn bản … hết hiệu lực", "công bố
# kết quả hệ thống hóa …") changes none of the documents it lists: a row's title, the row before
# or a column header ("Ngày hết hiệu lực") types nothing of its own. It cites them, save where it
# says so of itself ("Quyết định này thay thế Quyết định số …").
_ANNOUNCES = re.compile(r"(?:về\s+(?:việc\s+)?)?công\s+bố\b", re.I)
_OWN_ACT = re.compile(r"(?<!\w)này\s+$")
_ANNOUNCED_KEEPS = frozenset(("based_on", "responds_to", "cites"))


def _announced(text: str, assertions: list[Assertion]) -> list[Assertion]:
    return [
        a._replace(relation="cites", cue="")
        if a.subject == SELF
        and not a.reported
        and a.relation not in _ANNOUNCED_KEEPS
        and not _OWN_ACT.search(text, max(0, a.start - 12), a.start)
        else a
        for a in assertions
    ]


# An annex that lists what the text repeals ("Phụ lục I\nDANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT BÃI
# BỎ TOÀN BỘ", "… BÃI BỎ MỘT PHẦN"): the document that opens an item ("1. Thông tư số X …",
# "Điều 8, Điều 9 Thông tư số X …") is repealed by the text; those named in its title are not.
# Not a list of texts still to change ("VĂN BẢN … CẦN SỬA ĐỔI, BỔ SUNG, BÃI BỎ").
_REPEAL_LIST = re.compile(
    r"DANH\s+MỤC\s+(?:CÁC\s+)?VĂN\s+BẢN(?:\s+QUY\s+PHẠM\s+PHÁP\s+LUẬT)?\s+(?:(?:ĐƯỢC|BỊ)\s+)?$"
)
_NEXT_ANNEX = re.compile(r"\n[ \t]*(?:Phụ\s+lục|PHỤ\s+LỤC)\b")
_ITEM_OPENS = re.compile(  # an item mark, or the line after an item's end or a section heading
    r"(?:\n[ \t]*(?:\d{1,3}[.)]|[a-zđ]\))|(?:[.:;)]|\n[ \t]*[IVX]{1,4}\.[^\n]*)[ \t]*\n)[ \t]*"
    r"(?:(?:điểm|khoản|điều|mục|chương|tiết)\s+[\w.]+[\s,;]*(?:và\s+|của\s+)?)*"
    r"(?:(?:[^\W\d]\w*\s+){1,4}số\s*)?$",  # a type word the reader did not take ("Thông tư liên bộ số")
    re.I,
)


def _repeal_annexes(
    text: str, pos: int, mentions: list[Mention], assertions: list[Assertion]
) -> list[Assertion]:
    annexes = []
    while pos >= 0:  # str.find, then the heading's words before each hit
        if _REPEAL_LIST.search(text, max(0, pos - 80), pos):
            nxt = _NEXT_ANNEX.search(text, pos)
            annexes.append((pos, nxt.start() if nxt else len(text), text[pos : pos + 6]))
        pos = text.find("BÃI BỎ", pos + 6)
    if not annexes:
        return assertions
    out = []
    for a in assertions:
        at = mentions[a.object].start if a.object != SELF else -1
        if a.subject == SELF and not a.reported and a.relation == "cites":
            for lo, hi, words in annexes:
                if lo < at < hi and _ITEM_OPENS.search(text, max(lo, at - 600), at):
                    a = a._replace(relation="repeals", cue=words)
                    break
        out.append(a)
    return out


_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM\W{0,20}Độc\s+lập")
_BODY_STARTED = re.compile(r"\n[ \t]*Điều[ \t]+1\b|Nơi[ \t]+nhận")


def _annexed_form(text: str) -> int | None:
    """Where the first form annexed to the text starts: a national motto (with its "Độc lập
    - Tự do - Hạnh phúc") after the body began (a page may repeat the header above it)."""
    body = _BODY_STARTED.search(text)
    form = _MOTTO.search(text, body.end()) if body else None
    return form.start() if form else None


_BLANKS = ("…", "....")


def _in_model(text: str, pos: int) -> bool:
    """Whether ``pos`` is at most a few lines under a national motto that a form's blanks
    ("(1)……", "Số: …/…", "....(2)") stand around."""
    motto = text.rfind("Độc lập", max(0, pos - 400), pos)
    if motto < 0:
        return False
    around = text[max(0, motto - 200) : pos]
    return any(b in around for b in _BLANKS)


_VBHN = re.compile(r"VĂN\s+BẢN\s+HỢP\s+NHẤT")
_VBHN_SIGNED = re.compile(r"XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT")
_VBHN_NUMBER = re.compile(r"\bSố\s*:\s*(\d{1,5}/VBHN-[A-ZĐ0-9-]+)")
_CONSOLIDATED_START = re.compile(
    r"\n[ \t]*(?:Nghị\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Quyết\s+định|Nghị\s+quyết|Bộ\s+luật|"
    r"Luật|Pháp\s+lệnh)\s+(?:[^\n]{0,80}?\s)?(?:số\s*:?\s*)?\d"
)
_CONSOLIDATED_END = re.compile(
    r"\n[ \t]*(?:Căn\s+cứ|Điều\s+1\b|Chương\s+I\b|Theo\s+đề\s+nghị|Xét\s)"
)


def _consolidation(text: str, h: Header) -> tuple[int, int] | None:
    """A VBHN opens by naming the text it consolidates and the texts that amended it; that
    span is returned (and the header fixed: type VBHN, its own number from the end)."""
    num = None
    pos = text.find("/VBHN-")
    while pos >= 0 and num is None:  # str.find, then the pattern around each hit
        num = _VBHN_NUMBER.search(text, max(0, pos - 20), pos + 40)
        pos = text.find("/VBHN-", pos + 1)
    start = _CONSOLIDATED_START.search(text, 0, 6000)
    if not (_VBHN.search(text, 0, 3000) or num or (start and _opens_consolidation(text, start, h))):
        return None
    h.type = "VBHN"
    h.date = h.date or dated_after(text, _VBHN_SIGNED)
    if num:
        h.symbol = parse_symbol(num.group(1))
        h.symbol_span = num.span(1)
        h.issuer_code = h.symbol.issuer_code if h.symbol else h.issuer_code
    if not start:
        return None
    end = _CONSOLIDATED_END.search(text, start.start())
    if h.title and start.start() > 0:
        # the title stops where the consolidated text is named
        head = text[: start.start()]
        cut = head.rfind(h.title.split()[0]) if h.title.split() else -1
        if cut >= 0:
            h.title = " ".join(head[cut:].split()) or h.title
    return start.start(), end.start() if end else min(len(text), start.start() + 3000)


_AMENDED_BY = re.compile(r"được\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:bởi|tại)\s*:")


def _opens_consolidation(text: str, start: re.Match[str], h: Header) -> bool:
    """Without its name or number (a gazette issue that continues it): a VBHN's own opening,
    right under its title, names the consolidated text and "… được sửa đổi, bổ sung bởi:" the
    texts that amended it; no other text opens so."""
    return (
        abs(start.start() - h.body_start) < 50
        and _AMENDED_BY.search(text, start.end(), start.end() + 600) is not None
    )


_UNIT_BODIES = ("UBND", "HĐND")
_PROVINCE_LEVEL = re.compile(r"\btỉnh\b|\bTỈNH\b")
_CITY = re.compile(r"\bthành\s+phố\b", re.I)


def _with_unit(code: str | None, unit: str | None) -> str | None:
    """ "UBND" of "huyện An Xuân" is "UBND-HUYEN-AN-XUAN": district bodies number their own
    documents, so the unit is part of the issuer."""
    return f"{code}-{unit}" if code in _UNIT_BODIES and unit else code


def _cited_unit(phrase: str | None, header: Header) -> str | None:
    """The district-level unit of a cited UBND/HĐND document: the one its issuer phrase names;
    none for a province ("của Ủy ban nhân dân tỉnh"); else the citing document's own unit."""
    if phrase:
        named = unit_in(phrase)
        if named:
            return named
        if _PROVINCE_LEVEL.search(phrase) or _CITY.search(phrase):
            return None  # "của Ủy ban nhân dân tỉnh / thành phố": the province (or city) itself
    return header.unit


def _register_header(source: Source) -> Header:
    meta = source.meta_dict
    h = Header()
    raw = meta.get("so_ky_hieu") or ""
    h.symbol = parse_symbol(raw) if raw else None
    h.date = meta.get("date") or None
    h.title = meta.get("title") or None
    h.type = h.symbol.type if h.symbol else None
    h.issuer_code = h.symbol.issuer_code if h.symbol else None
    h.jurisdiction = register_province(source)
    # a provincial body whose code is also a ministry's is not that ministry (ingest/registers.py)
    central = h.jurisdiction is not None and (h.issuer_code or "").upper() in CENTRAL_ISSUERS
    h.issuer = None if central else issuer_name(h.issuer_code, h.jurisdiction)
    return h


def _header_from_metadata(h: Header, meta: dict[str, str]) -> None:
    """A header without its number takes the one the collection's index states (ingest/sidecar)."""
    h.symbol = parse_symbol(meta.get("so_ky_hieu", ""))
    if h.symbol is None:
        return
    h.type = h.symbol.type if h.symbol.type != "CV" else h.type or "CV"
    h.issuer_code = h.symbol.issuer_code or h.issuer_code
    if h.date is None and meta.get("year"):
        h.date = meta["year"]


def _self_ref(source: Source, h: Header) -> DocRef:
    """The document itself; a register's rows are all its province's (ingest/registers.py)."""
    sym = h.symbol
    year = (sym.year if sym else None) or (int(h.date[:4]) if h.date else None)
    number = sym.number if sym else "draft-" + hashlib.sha1(source.text.encode()).hexdigest()[:10]
    type_ = h.type or (sym.type if sym else None)
    title = h.title
    if sym is not None and sym.type == "L":  # a law: the name it is cited by
        title, type_ = own_title(sym.canonical, title, type_)
    code = _with_unit(h.issuer_code, h.unit)
    local = is_local(code) or (source.fmt == "register" and h.jurisdiction is not None)
    jurisdiction = h.jurisdiction if local else None
    key = make_key(
        jurisdiction=jurisdiction,
        issuer_code=code,
        year=year,
        type_=key_type(sym.type if sym else None, type_),
        number=number,
    )
    return DocRef(
        key=key,
        symbol=sym.canonical if sym else None,
        type=type_,
        number=sym.number if sym else None,
        year=year,
        date=h.date,
        issuer=h.issuer,
        issuer_code=code,
        jurisdiction=jurisdiction,
        title=title,
        file=source.path,
        ambiguous=False,
    )


def _mention_title(text: str, m: Mention) -> str | None:
    if m.name:  # a law named (and numbered): its name is its title
        return m.name
    t = _TITLE_AFTER.match(text, m.end)
    if not t:
        return None
    title = squash(t.group(1))
    if (
        m.symbol is not None
        and m.symbol.number in title
        and m.symbol.canonical in canonical_symbol(title)
    ):
        return None  # the text that follows names the document itself: not its description
    return title[0].upper() + title[1:]


def _resolve(
    mentions: list[Mention], cleaned: CleanText, header: Header, me: DocRef
) -> dict[int, DocRef]:
    """DocRefs for every mention; mentions of one document in one text share one identity."""
    text_of = {
        id(m): (
            cleaned.notes
            if cleaned.notes and cleaned.notes[m.start] != " " and cleaned.text[m.start] == " "
            else cleaned.text
        )
        for m in mentions
    }
    # facts gathered over all mentions of the same symbol (or law title)
    dated: dict[str, str] = {}
    numbered_laws: dict[str, list[Mention]] = defaultdict(list)  # law name → its numbered mentions
    for m in mentions:
        if m.date:
            dated.setdefault(_group(m), m.date)
        if m.kind == "symbol" and m.name and m.symbol is not None:  # "Luật X số N"
            numbered_laws[name_key(m.name)].append(m)
    described_on = _described_on(mentions, text_of)
    respelt = _misprints(mentions)
    spelt_out = _acronyms(mentions)
    out: dict[int, DocRef] = {}
    made: dict[tuple[object, ...], DocRef] = {}
    cited: dict[tuple[object, ...], DocRef] = {}  # what a symbol's mention says → its record
    for m in sorted(mentions, key=lambda m: m.kind == "name"):  # names may take a number
        if m.kind == "back":
            continue
        mid = id(m)
        if mid in spelt_out:  # "Luật BVMT": the law whose name its letters spell
            m = replace(m, name=spelt_out[mid])
        date = m.date or dated.get(_group(m))
        on = described_on.get(mid)
        if not m.date and date and on and on[:4] < date[:4]:
            # "Nghị định số X ngày … 2018 … quy định chi tiết Luật Y": not the Luật Y dated 2024
            # elsewhere in the text (a document details no law passed after it)
            date = None
        if (
            m.type == "HP"
            and date
            and not m.date
            and _registered(m, None, header, described_on.get(mid))
        ):
            # "Hiến pháp" alone is the constitution in force at the citing date, not one dated
            # elsewhere ("… năm 1992" in one preamble, "Hiến pháp …" in a later one). (A law's
            # bare name keeps the day the text gives it elsewhere: a consolidated text's body
            # speaks of the law its own preamble dates.)
            date = None
        title = _mention_title(text_of[mid], m)
        if m.symbol is not None:
            facts = (m.symbol, m.type, m.issuer_phrase, date, title)
            if facts in cited:  # the same citation repeated: its record is made once
                out[mid] = cited[facts]
                continue
            sym = respelt.get(m.symbol.canonical, m.symbol)
            code = sym.issuer_code
            phrase_code = issuer_code_from_name(m.issuer_phrase) if m.issuer_phrase else None
            if code is None and phrase_code:
                code = phrase_code
            if code in _UNIT_BODIES:
                code = _with_unit(code, _cited_unit(m.issuer_phrase, header))
            jur = None
            if is_local(code):
                jur = (
                    province_in(m.issuer_phrase) if m.issuer_phrase else None
                ) or header.jurisdiction
            year = sym.year or (int(date[:4]) if date else None)
            ambiguous = year is None or (is_local(code) and jur is None)
            key = make_key(
                jurisdiction=jur,
                issuer_code=code,
                year=year,
                type_=key_type(sym.type, m.type),
                number=sym.number,
            )
            issuer = m.issuer_phrase if m.issuer_phrase and len(m.issuer_phrase) < 80 else None
            if issuer and jur and "tỉnh" in issuer and jur not in issuer:
                issuer = f"{issuer} {jur}" if issuer.endswith("tỉnh") else issuer
            fields = (key, sym.canonical, m.type, sym.number, year, date, issuer, code, jur, title)
            ref = made.get(fields)
            if ref is None:  # the same document cited in other words: one record
                ref = made[fields] = DocRef(
                    key=key,
                    symbol=sym.canonical,
                    type=m.type,
                    number=sym.number,
                    year=year,
                    date=date,
                    issuer=issuer or issuer_name(code, jur),
                    issuer_code=code,
                    jurisdiction=jur,
                    title=title,
                    ambiguous=ambiguous,
                )
            out[mid] = cited[facts] = ref
        elif (same := _numbered_in_text(m, date, numbered_laws, described_on.get(mid))) is not None:
            out[mid] = replace(out[id(same)], title=m.name)  # the text gives its number elsewhere
        elif (
            law := _registered(m, date, header, described_on.get(mid))
        ) is not None and not _revision_of(m, law, header, text_of[mid]):
            out[mid] = law
        else:  # a law (or the Constitution) cited by name, not identified: kept by its name
            if not m.date and _REVISED.match(text_of[mid], m.end):
                date = None  # the revision takes no day from the law's other mentions
            year = int(date[:4]) if date else None
            name = m.name or ""
            key = make_key(
                jurisdiction=None,
                issuer_code="QH",
                year=year,
                type_=m.type,
                number=_name_number(name),
            )
            out[mid] = DocRef(
                key=key,
                symbol=None,
                type=m.type,
                date=date,
                year=year,
                issuer="Quốc hội",
                issuer_code="QH",
                title=name,
                ambiguous=date is None,
            )
    for m in mentions:  # back-references take the identity of what they point at
        if m.kind == "back" and m.back_of is not None:
            out[id(m)] = out[id(mentions[m.back_of])]
    # fill titles known from one mention into the others of the same document
    best_title: dict[str, str] = {}
    for ref in out.values():
        if ref.title and len(ref.title) > len(best_title.get(ref.key, "")):
            best_title[ref.key] = ref.title
    retitled: dict[int, DocRef] = {}  # id of a ref → the ref with its best title, made once
    for k, ref in out.items():
        if ref.key in best_title and ref.title != best_title[ref.key]:
            if id(ref) not in retitled:
                retitled[id(ref)] = replace(ref, title=best_title[ref.key])
            out[k] = retitled[id(ref)]
    return out


_ACRONYM = re.compile(r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[A-ZĐ]{2,6}")


def _acronyms(mentions: list[Mention]) -> dict[int, str]:
    """Laws cited by the initials of their name's syllables ("Luật BVMT", "Luật BHXH năm 2014")
    → the name they spell: the one law name of the same text that fits, else the one of the
    registry (with a law of the year given, if one is). None that fits, or several: left."""
    cited = [m for m in mentions if m.kind == "name" and m.name and _ACRONYM.fullmatch(m.name)]
    if not cited:
        return {}
    own: dict[str, dict[str, str]] = defaultdict(dict)  # initials → {name key: name}
    for m in mentions:
        if m.name and m.type in LAW_TYPES and not _ACRONYM.fullmatch(m.name):
            own[initials(m.name)][name_key(m.name)] = m.name
    out: dict[int, str] = {}
    for m in cited:
        assert m.name is not None
        names = own.get(initials(m.name)) or {
            key: laws[0].name
            for key, laws in registry().by_initials(m.name).items()
            if not m.date or any((law.since or "")[:4] == m.date[:4] for law in laws)
        }
        if len(names) == 1:
            out[id(m)] = next(iter(names.values()))
    return out


def _misprints(mentions: list[Mention]) -> dict[str, Symbol]:
    """Misprints of a symbol the same text prints in full → the full symbol: the same number,
    year and type, and a code (after the year) that is the full one cut short, without a dash or
    without one letter ("26/2016/TT-BLĐTBX", "27/2016/TTBLĐTBXH", "35/2013/TT-LĐTBXH" beside
    "…/TT-BLĐTBXH"; "02/2020/UBTVQH" beside "…/UBTVQH14"). One document, not two; a misprint
    that fits two symbols is left."""
    groups: dict[tuple[str, int, str | None], dict[str, Symbol]] = defaultdict(dict)
    for m in mentions:
        s = m.symbol
        if s is not None and s.year is not None:
            groups[(s.number, s.year, m.type or s.type)][s.canonical] = s
    out: dict[str, Symbol] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        tails = {c: c.split("/", 2)[-1] for c in group}
        for c, tail in tails.items():
            flat = tail.replace("-", "")
            fuller = [
                o
                for o, t in tails.items()
                if len(flat) >= 2 and len(t) > len(tail) and _cut_from(flat, t.replace("-", ""))
            ]
            if len(fuller) == 1:
                out[c] = group[fuller[0]]
    return out


def _cut_from(short: str, full: str) -> bool:
    """``full`` cut short, or with one letter left out."""
    if full.startswith(short):
        return True
    i = next((k for k, (a, b) in enumerate(zip(short, full, strict=False)) if a != b), len(short))
    return len(full) == len(short) + 1 and full[i + 1 :] == short[i:]


def _numbered_in_text(
    m: Mention, date: str | None, numbered: dict[str, list[Mention]], described_on: str | None
) -> Mention | None:
    """The mention that gives this law's number elsewhere in the same text ("Luật Khiếu nại số
    02/2011/QH13 …; theo Luật Khiếu nại"): the one of that name, and of that day when dated;
    never one passed after the document whose description names it."""
    same = numbered.get(name_key(m.name or ""), [])
    if date:
        same = [s for s in same if s.date == date or (s.symbol and s.symbol.year == int(date[:4]))]
    elif described_on:
        same = [
            s for s in same if s.symbol and s.symbol.year and s.symbol.year <= int(described_on[:4])
        ]
    return same[0] if len({s.symbol.canonical for s in same if s.symbol}) == 1 else None


# Between a dated citation and a law named in its description ("Nghị định số X ngày … của Chính
# phủ quy định và hướng dẫn thi hành Luật Y"): no clause ends, no other member is listed.
_DESCRIPTION_GAP = 250
_CLAUSE_ENDS = re.compile(r";|\.\s*\n|\bCăn\s+cứ\b")
_LISTED = re.compile(r"(?:,|\bvà|\bhoặc)\s*$")


def _described_on(mentions: list[Mention], text_of: dict[int, str]) -> dict[int, str]:
    """For each undated law name inside the description of a dated citation: that document's
    date. The law it means was in force then ("Nghị định số 218/2013/NĐ-CP … hướng dẫn thi hành
    Luật Thuế thu nhập doanh nghiệp" means the law of 2008, even in a text of 2026)."""
    out: dict[int, str] = {}
    prev: Mention | None = None  # the last dated citation, or a law name in its description
    for m in sorted(mentions, key=lambda m: m.start):
        if m.kind == "name" and not m.date and prev is not None:
            text = text_of[id(m)]
            gap = text[prev.end : m.start]
            on = (
                prev.date
                or out.get(id(prev))
                or (_year_end(prev) if _DETAILS.fullmatch(gap) else None)
            )
            if (
                on
                and text is text_of[id(prev)]
                and 0 < len(gap) < _DESCRIPTION_GAP
                and not _CLAUSE_ENDS.search(gap)
                # "… Luật A và Luật B" lists within the description; "Nghị quyết X … và Luật B",
                # the citing text's own list
                and (prev.kind == "name") == bool(_LISTED.search(gap))
            ):
                out[id(m)] = on
        if m.kind == "symbol" or id(m) in out:
            prev = m
    return out


# "Luật số 57/2024/QH15 sửa đổi, bổ sung một số điều của Luật …", "Nghị định số 25/2020/NĐ-CP
# quy định chi tiết …": an undated citation whose own words go on to the law it acts on
_DETAILS = re.compile(
    r"[^.;:“”()\d]{0,60}?(?:sửa\s+đổi|bổ\s+sung|quy\s+định\s+chi\s+tiết|hướng\s+dẫn|thi\s+hành)"
    r"[^.;:“”()\d]{0,120}",
    re.I,
)


def _year_end(m: Mention) -> str | None:
    """ "Luật số 57/2024/QH15 sửa đổi … Luật Quy hoạch": issued by the end of its number's year."""
    return f"{m.symbol.year}-12-31" if m.symbol is not None and m.symbol.year else None


# "Luật Đất đai (sửa đổi)": the revised law, a draft until passed. The law in force at the text's
# date is the revision only when it was passed a short while before; an older one is the law the
# draft will replace, so the name is kept unresolved.
_REVISED = re.compile(
    r"\s*(?:\((?:dự\s+thảo\s+)?sửa\s+đổi(?:,\s*bổ\s+sung)?\)|sửa\s+đổi(?=\s*[.;,)\n]))", re.I
)
_REVISION_YEARS = 2


def _revision_of(m: Mention, law: DocRef, header: Header, text: str) -> bool:
    """Whether ``m`` names the revision of a law, not ``law``, the older one in force."""
    if m.date or not _REVISED.match(text, m.end):
        return False
    on = header.date or ""
    return bool(on[:4].isdigit() and law.year and int(on[:4]) - law.year > _REVISION_YEARS)


def _registered(
    m: Mention, date: str | None, header: Header, described_on: str | None
) -> DocRef | None:
    """The law a name means by the registry (ingest/laws.py), judged at the citing text's date,
    or at the date of the document whose description names it (``described_on``) if earlier."""
    cited_on = header.date if header.date and len(header.date) > 4 else None  # a day or month
    if cited_on is None and header.symbol is not None and header.symbol.year:
        # no day printed: the text is of its number's year, so the law in force as it began
        cited_on = f"{header.symbol.year}-01-01"
    passed_by = False
    if described_on and len(described_on) > 4 and described_on < (cited_on or "9"):
        # the law a described document details or carries out: it may not be in force yet
        cited_on, passed_by = described_on, True
    try:
        law = registry().identify(m.name or "", date, cited_on, passed_by)
    except Ambiguous:
        return None
    if law is None:
        return None
    sym = parse_symbol(law.number) if law.number else None
    year = sym.year if sym else int((law.passed or date or "0")[:4]) or None
    number = sym.number if sym else _name_number(law.name)
    code = sym.issuer_code if sym and sym.issuer_code else "QH"  # an ordinance's: UBTVQH
    return DocRef(
        key=make_key(
            jurisdiction=None,
            issuer_code=code,
            year=year,
            type_=key_type(sym.type if sym else None, law.type),
            number=number,
        ),
        symbol=sym.canonical if sym else None,
        type=law.type,
        number=sym.number if sym else None,
        year=year,
        date=law.passed if law.passed and len(law.passed) >= len(date or "") else date,
        issuer=issuer_name(code),
        issuer_code=code,
        title=m.name,
    )


def _name_number(name: str) -> str:
    """The key part of a law known by name only: its name without the type word."""
    words = name.split()
    body = " ".join(
        words[2:] if words[:2] == ["Bộ", "luật"] or words[:2] == ["Pháp", "lệnh"] else words[1:]
    )
    return slug(body)[:80]


def _group(m: Mention) -> str:
    if m.symbol is not None:
        return m.symbol.canonical
    return "name:" + slug(m.name or "")


# Relations whose subject comes after its object: a misread scope or a law's wrong version
# would otherwise make a 2016 circular guide one of 2024.
_AFTER_ITS_OBJECT = frozenset(
    ("based_on", "implements", "amends", "replaces", "repeals", "guides", "corrects")
)


_UPWARD = frozenset(("implements", "guides"))
_DOWN = frozenset(("amends", "replaces", "repeals"))


def _higher_level(a: DocRef, b: DocRef) -> bool:
    """Whether ``a``'s issuer is of a higher level than ``b``'s (the Government than a ministry)."""
    r_a, r_b = issuer_rank(a.issuer_code), issuer_rank(b.issuer_code)
    return r_a is not None and r_b is not None and r_a < r_b


def _issued_before(a: DocRef, b: DocRef) -> bool:
    """Whether ``a`` was surely issued before ``b``: an earlier year, or in the same year an
    earlier full date."""
    if a.year is None or b.year is None or a.year != b.year:
        return a.year is not None and b.year is not None and a.year < b.year
    return bool(a.date and b.date and len(a.date) == len(b.date) == 10 and a.date < b.date)


def _links(
    source: Source,
    me: DocRef,
    mentions: list[Mention],
    docs: dict[int, DocRef],
    assertions: list[Assertion],
) -> list[Link]:
    text = source.text
    # the first statement of each (triple, span); the Link is built only for those kept
    chosen: dict[tuple[str, str, str, int, int], tuple[DocRef, DocRef, Assertion]] = {}
    strong: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in assertions:
        subj = me if a.subject == SELF else docs[id(mentions[a.subject])]
        obj = me if a.object == SELF else docs[id(mentions[a.object])]
        if subj.key == obj.key:
            continue
        if obj.symbol is None and obj.ambiguous and a.relation == "cites":
            continue  # an undated law name in passing: too vague to be a link
        if a.reported and any(
            r is not me and r.symbol is None and r.ambiguous for r in (subj, obj)
        ):
            continue  # a reported link needs both ends identified; an undated law name is not
        if (
            a.reported
            and obj is not me
            and a.relation in _AFTER_ITS_OBJECT
            and _issued_before(subj, obj)
        ):
            continue  # of two other texts, none details, changes or rests on one issued after it
        if a.reported and obj is not me and a.relation in _UPWARD and _higher_level(subj, obj):
            continue  # nor carries out or guides a text of a lower level (a decree a circular)
        if a.reported and obj is not me and a.relation in _DOWN and _higher_level(obj, subj):
            continue  # nor changes one of a higher level (a decree a law)
        # every statement of a link is kept: one Link per (triple, quote)
        k = (subj.key, a.relation, obj.key, a.start, a.end)
        if k not in chosen:
            chosen[k] = (subj, obj, a)
        if a.relation != "cites":
            strong[(subj.key, obj.key)].add(a.relation)
    return [
        Link(
            subject=subj,
            relation=r,
            object=obj,
            asserted_in=source.path,
            evidence=Evidence(squash(text[a.start : a.end]), a.start, a.end),
            reported=a.reported,
            cue=a.cue,
        )
        for (s, r, o, _, _), (subj, obj, a) in chosen.items()
        if not (r == "cites" and strong.get((s, o)))
    ]
