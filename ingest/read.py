"""Readers: files on disk → ``Source`` records, or a ``ReadError`` naming what is wrong.

The text in a ``Source`` is what every later stage points into (evidence offsets), so readers
change it as little as possible: bytes are decoded, newlines become ``\\n`` and the text is put
in NFC. Nothing else is rewritten here (repairing PDF damage is ``ingest/clean.py``'s job).

Public functions:

- ``iter_paths(paths)``: folders (recursive), globs and files → file paths, in a stable order.
  Directory symlinks are never followed inside a folder or a ``**``; a folder that cannot be
  listed is yielded itself, so that ``read_path`` reports it.
- ``read_path(path)``: one file → ``list[Source]`` (one per register row for a .csv, else one)
  or a ``ReadError``. It never raises for bad input.
- ``read_paths(paths)``: both together, yielding ``Source`` and ``ReadError`` records.
- ``decode_text(data)``: bytes → (text, encoding name), raising ``DecodeError``.
- ``name_problem(path)`` / ``shown_name(path)``: a file name that is not valid UTF-8 (the graph
  records names as text) and how to show it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import fnmatch
import glob
import io
import logging
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ingest.clean import clean, pages_shown
from ingest.models import OcrPages, ReadError, Source
from ingest.ocr import DEFAULT_OCR, Ocr, OcrError
from ingest.sidecar import metadata_for

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".csv"})
MAX_BYTES = 50 * 1024 * 1024
# A .docx is a zip: its parts may unpack to this many times the file size limit, no more (a zip
# bomb of a few MB unpacks to gigabytes; python-docx reads every part into memory).
UNPACKED_PER_BYTE_LIMIT = 4
# Scanned pages: the text layer (or its pdftotext output) holds only page furniture (running
# headers, page numbers, e-signature stamps) and a signature line; a page of text has 1,000+
# letters. Texts longer than the second figure per page are not even looked at.
MIN_LETTERS_PER_PAGE = 50
_SCANNED_CHARS_PER_PAGE = 400

# Bytes that never occur in text: C0 controls except \t \n \v \f \r (pdftotext emits \f).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))
# Thresholds for "binary". PDF-extracted texts carry a few stray NULs for unmapped glyphs
# (gazette: at most 0.006% of bytes); real binaries are far above these.
_MAX_CONTROL_RATIO_UTF8 = 0.10  # valid UTF-8 but mostly control bytes (e.g. zero-filled)
_MAX_NUL_RATIO_LEGACY = 0.001  # not UTF-8: random data has ~0.4% NULs and ~11% controls
_MAX_CONTROL_RATIO_LEGACY = 0.05
_HEAD_BYTES = 64 * 1024
_NFC_CHUNK = 4096
# A file that is UTF-8 but for a few bad bytes (cut mid-character, one stray byte) is read as
# UTF-8 with U+FFFD, not handed to charset detection, which would garble all of it.
_MAX_BAD_UTF8_SHARE = 0.01


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we accept; the message is the user's reason."""


# ---------------------------------------------------------------------------------------------
# Paths


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Expand folders (recursively), globs and plain files into file paths.

    Folders and glob matches keep only supported suffixes and skip hidden files and folders;
    a file named outright is always yielded (an unknown suffix is read as text). A name that
    exists nowhere is yielded as is so that ``read_path`` reports it. Each file once.
    """
    seen: set[str] = set()

    def once(path: str) -> Iterator[str]:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            yield path

    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            for found in _walk(path):
                yield from once(found)
        elif not os.path.exists(path) and glob.has_magic(path):
            matches = _glob(path)
            for match in matches:
                if os.path.isdir(match):
                    for found in _walk(match):
                        yield from once(found)
                elif _listable(match):
                    yield from once(match)
            if not matches:  # read_path reports the pattern that matched nothing
                yield from once(path)
        else:
            yield from once(path)


def _listable(path: str) -> bool:
    name = os.path.basename(path)
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


def _walk(folder: str) -> Iterator[str]:
    """Supported files under ``folder``; symlinked folders are not entered (a link to a parent
    would loop), and a folder that cannot be listed is yielded for ``read_path`` to report."""
    unlisted: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unlisted.append):
        yield from (str(e.filename) for e in unlisted)
        unlisted.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            if _listable(path):
                yield path
    yield from (str(e.filename) for e in unlisted)


def _glob(pattern: str) -> list[str]:
    """``glob.glob(pattern, recursive=True)``, except that ``**`` never enters a symlinked
    folder (glob's does: a link to a parent stores every file again at each level, and two such
    links never end) and a folder under it that cannot be listed is returned, to be reported.
    Files only: a folder that matches gives the files below it."""
    parts = pattern.split(os.sep)
    if "**" not in parts:
        return sorted(glob.glob(pattern))  # each ``*`` is one level: no loop
    cut = parts.index("**")
    head, rest = os.sep.join(parts[:cut]), parts[cut:]
    if not head and pattern.startswith(os.sep):
        head = os.sep
    tops = sorted(glob.glob(head)) if glob.has_magic(head) else [head]
    found: set[str] = set()
    for top in tops:
        if top and not os.path.isdir(top):
            continue
        matched: dict[str, bool] = {}  # folder → it or a folder above it matches
        unlisted: list[OSError] = []
        for root, dirs, files in os.walk(top or os.curdir, onerror=unlisted.append):
            rel = os.path.relpath(root, top or os.curdir)
            names = [] if rel == os.curdir else rel.split(os.sep)
            inside = matched.get(os.path.dirname(root), False) or _matches(rest, names)
            matched[root] = inside
            dirs[:] = [d for d in dirs
                       if not d.startswith(".") and not os.path.islink(os.path.join(root, d))]  # fmt: skip
            for name in files:
                if inside or _matches(rest, [*names, name]):
                    found.add(os.path.join(top, *names, name))
        found.update(str(e.filename) for e in unlisted)
    return sorted(found)


def _matches(parts: list[str], names: list[str]) -> bool:
    """Path components ``names`` against pattern components (``**``: any number of them)."""
    if not parts:
        return not names
    if parts[0] == "**":
        return any(_matches(parts[1:], names[i:]) for i in range(len(names) + 1))
    return (
        bool(names)
        and fnmatch.fnmatchcase(names[0], parts[0])
        and not (names[0].startswith(".") and not parts[0].startswith("."))
        and _matches(parts[1:], names[1:])
    )


# ---------------------------------------------------------------------------------------------
# Files


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = MAX_BYTES, ocr: Ocr = DEFAULT_OCR
) -> Iterator[Source | ReadError]:
    """Read every file ``iter_paths`` finds; errors are yielded, the batch goes on."""
    for path in iter_paths(paths):
        result = read_path(path, max_bytes=max_bytes, ocr=ocr)
        if isinstance(result, ReadError):
            yield result
        else:
            yield from result


def read_path(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, ocr: Ocr = DEFAULT_OCR
) -> list[Source] | ReadError:
    """Read one file by its suffix: a list of Sources (several for a .csv register) or a ReadError.

    ``max_bytes`` caps the file size (default 50 MB) so one stray dump cannot stall a batch;
    ``ocr`` reads the PDF pages that have no text layer (``Ocr(max_pages=0)``: none).
    """
    name = os.fspath(path)
    problem = name_problem(name)
    if problem is not None:
        return ReadError(shown_name(name), problem)
    suffix = os.path.splitext(name)[1].lower()
    try:
        data = _read_bytes(name, max_bytes)
        if data.startswith(b"PK\x03\x04"):  # a .docx, or one under another name
            _check_unpacked_size(data, max_bytes * UNPACKED_PER_BYTE_LIMIT)
        reader = _READERS.get(suffix, _read_text)
        # a PDF under another name is read as a PDF (downloads often lose their suffix)
        if suffix == ".pdf" or (reader is _read_text and data.startswith(b"%PDF-")):
            return _read_pdf(name, data, ocr)
        return reader(name, data, suffix)
    except (_Unreadable, DecodeError) as err:
        return ReadError(name, str(err))
    except (MemoryError, RecursionError) as err:
        return ReadError(name, f"too large or too deeply nested to read ({type(err).__name__})")


class _Unreadable(Exception):
    """Internal: carries a ReadError reason out of a reader."""


def name_problem(path: str) -> str | None:
    """Why ``path`` cannot name a file in the graph, or None. Names are stored as UTF-8 text;
    a name in another encoding reaches Python with its bytes escaped as lone surrogates."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8 (its odd bytes are shown as \\xNN): rename it"
    return None


def shown_name(path: str) -> str:
    """``path`` as it can be printed: bytes that are not UTF-8 as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_bytes(path: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if glob.has_magic(path):
            raise _Unreadable("no file matches this pattern") from None
        raise _Unreadable("no such file") from None
    except PermissionError:
        raise _Unreadable("permission denied (cannot access the file)") from None
    except OSError as err:
        raise _Unreadable(f"cannot access the file: {err.strerror or err}") from None
    if stat.S_ISDIR(info.st_mode):
        try:
            os.scandir(path).close()
        except OSError as err:  # what iter_paths yields for a folder it could not list
            raise _Unreadable(
                f"cannot list this folder ({err.strerror or err}): its files were not read"
            ) from None
        raise _Unreadable("is a directory (give it to iter_paths/read_paths to read its files)")
    if not stat.S_ISREG(info.st_mode):
        raise _Unreadable("not a regular file (device, pipe or socket)")
    if info.st_size > max_bytes:
        raise _Unreadable(
            f"file too large: {_mb(info.st_size)}, over the {_mb(max_bytes)} limit (max_bytes)"
        )
    if info.st_size == 0:
        raise _Unreadable("empty file (0 bytes)")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except PermissionError:
        raise _Unreadable("permission denied (cannot open the file for reading)") from None
    except OSError as err:
        raise _Unreadable(f"cannot read the file: {err.strerror or err}") from None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _check_unpacked_size(data: bytes, limit: int) -> None:
    """Refuse a zip whose parts add up to more than ``limit`` bytes, before anything unpacks
    them. The sizes are the archive's own word, and enough: ``zipfile`` never gives more
    bytes than a part declares (a part that holds more fails its CRC check)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: the reader says what it is
    if unpacked > limit:
        raise _Unreadable(
            f"refused: this zip archive would unpack to {_mb(unpacked)} from {_mb(len(data))}, "
            f"over the {_mb(limit)} limit ({UNPACKED_PER_BYTE_LIMIT} x max_bytes): a zip bomb?"
        )


# ---------------------------------------------------------------------------------------------
# Text and its encodings


def normalize_text(text: str) -> str:
    """Newlines to ``\\n`` and NFC; the only changes readers make to a document's text."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if unicodedata.is_normalized("NFC", text):
        return text
    # Most non-NFC files have a few decomposed letters; normalising only the chunks that need it
    # is ~10x faster. Cutting after "\n" is safe: it never composes with its neighbours.
    parts = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + _NFC_CHUNK)
        end = len(text) if end < 0 else end + 1
        piece = text[start:end]
        if not unicodedata.is_normalized("NFC", piece):
            piece = unicodedata.normalize("NFC", piece)
        parts.append(piece)
        start = end
    return "".join(parts)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to text: (text, encoding). Raises DecodeError with the reason.

    Order: a BOM (UTF-8/16/32); UTF-16 without BOM (NULs on every other byte); UTF-8;
    UTF-8 with a few bad bytes; then charset detection (legacy code pages such as
    Windows-1258, whose codec yields decomposed tone marks: ``normalize_text`` recomposes).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise DecodeError(
                    f"undecodable: starts with a {encoding} BOM but {err.reason} "
                    f"at byte {err.start + len(bom)}"
                ) from None

    size = len(data)
    nuls = data.count(0)
    # control bytes: counted on the head only (a C pass over every byte costs ~10% of reading)
    head = data[:_HEAD_BYTES]
    control_share = (len(head) - len(head.translate(None, _CONTROL_BYTES))) / max(1, len(head))
    if nuls:
        guessed = _utf16_without_bom(data)
        if guessed is not None:
            return guessed

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if nuls > size * _MAX_CONTROL_RATIO_UTF8 or control_share > _MAX_CONTROL_RATIO_UTF8:
            raise DecodeError(_binary_reason(nuls, control_share))
        return text, "utf-8"

    if nuls > size * _MAX_NUL_RATIO_LEGACY or control_share > _MAX_CONTROL_RATIO_LEGACY:
        raise DecodeError(_binary_reason(nuls, control_share))

    nearly = _nearly_utf8(data)
    if nearly is not None:
        return nearly, "utf-8 (invalid bytes replaced)"
    return _detect_legacy(data)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: same first two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    # ASCII in UTF-16 puts a NUL in every other byte; Vietnamese letters (U+1Exx, U+01xx) put a
    # small non-zero byte there instead, so require a clear majority, not all.
    half = len(data) // 2
    if half == 0 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros > 0.3 * half and other < 0.02 * half:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _nearly_utf8(data: bytes) -> str | None:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    # well-formed multi-byte characters; legacy code pages make almost none, and make almost
    # every non-ASCII byte invalid instead
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if bad <= 0 or good < 20:
        return None
    return text if bad <= max(1, good * _MAX_BAD_UTF8_SHARE) else None


def _detect_legacy(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise DecodeError(
            "undecodable: not UTF-8 or UTF-16, and no legacy encoding (e.g. Windows-1258) "
            "fits; convert the file to UTF-8"
        )
    encoding = best.encoding
    # Vietnamese documents: prefer Windows-1258 when it fits as well as the best guess.
    for match in matches:
        if match.encoding == "cp1258" and match.chaos <= best.chaos:
            encoding = "cp1258"
            break
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as err:
        raise DecodeError(f"undecodable: detected {encoding} but decoding failed ({err})") from None


def _binary_reason(nuls: int, control_share: float) -> str:
    return (
        f"binary content, not text ({nuls} NUL bytes, {control_share:.0%} control bytes at the "
        "start); give a .txt/.md/.html/.docx/.pdf/.csv file"
    )


def _decoded(data: bytes) -> tuple[str, str]:
    text, encoding = decode_text(data)
    text = normalize_text(text)
    if not text.strip():
        raise _Unreadable("empty file (only whitespace)")
    return text, encoding


def _check_text_layer(text: str, pages: int, advice: str = "OCR it first") -> None:
    """Refuse the text of scanned pages: beyond the page furniture that ``clean`` masks, a
    few letters a page (a signer's name), so it would be stored as an empty document. Only
    texts that show their pages (running headers, form feeds) are judged: a short text that
    shows none is a short document."""
    if pages < 2 or len(text) > _SCANNED_CHARS_PER_PAGE * pages:
        return
    letters = sum(ch.isalpha() for ch in clean(text).text)
    if letters < MIN_LETTERS_PER_PAGE * pages:
        raise _Unreadable(
            f"scanned pages without a text layer: {pages} pages, {letters} letters besides page "
            f"headers, page numbers and signature stamps; {advice}"
        )


def _read_text(path: str, data: bytes, suffix: str) -> list[Source]:
    # a Word file under another name (downloads often lose their suffix; a PDF: read_path)
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]:
        return _read_docx(path, data, ".docx")
    text, encoding = _decoded(data)
    _check_text_layer(text, pages_shown(text))
    fmt = "md" if suffix == ".md" else "txt"
    return [Source(path=path, text=text, fmt=fmt, encoding=encoding, meta=metadata_for(path))]


# ---------------------------------------------------------------------------------------------
# HTML

# fmt: off
_SKIPPED_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas",
    "select", "button", "-comment", "-doctype",
})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})
# fmt: on
_CELL_TAGS = frozenset({"td", "th"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _read_html(path: str, data: bytes, suffix: str) -> list[Source]:
    from selectolax.lexbor import LexborHTMLParser

    markup, encoding = decode_text(data)
    text = normalize_text(html_text(LexborHTMLParser(markup).root))
    if not text.strip():
        raise _Unreadable("no visible text in this HTML page")
    return [Source(path=path, text=text, fmt="html", encoding=encoding)]


def html_text(root: Any) -> str:
    """Visible text of a selectolax tree: block elements and <br> end lines, cells get a tab.

    Whitespace inside text collapses as a browser shows it (except in <pre>).
    """
    parts: list[str] = []

    def newline() -> None:
        if parts and not parts[-1].endswith("\n"):
            parts.append("\n")

    # iterative walk (deeply nested pages would overflow recursion): (node, closing, in_pre)
    stack: list[tuple[Any, bool, bool]] = [(root, False, False)]
    while stack:
        node, closing, in_pre = stack.pop()
        tag = node.tag
        if closing:
            if tag in _CELL_TAGS:
                parts.append("\t")
            else:
                newline()
            continue
        if tag == "-text":
            chunk = node.text_content or ""
            parts.append(chunk if in_pre else _HTML_SPACE.sub(" ", chunk))
            continue
        if tag in _SKIPPED_TAGS:
            continue
        if tag == "br":
            parts.append("\n")
            continue
        block = tag in _BLOCK_TAGS or tag in _CELL_TAGS
        if tag in _BLOCK_TAGS:
            newline()
        if block:
            stack.append((node, True, in_pre))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        pre = in_pre or tag == "pre"
        stack.extend((c, False, pre) for c in reversed(children))
    lines = (line.strip(" \t") for line in "".join(parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


# ---------------------------------------------------------------------------------------------
# DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _read_docx(path: str, data: bytes, suffix: str) -> list[Source]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _Unreadable("a legacy Word .doc file, not .docx: save it as .docx")
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise _Unreadable("not a .docx: not a zip archive (truncated, or another format)")
    try:
        document = docx.Document(io.BytesIO(data))
        footnotes = _docx_footnotes(document)
        body = _DocxText(footnotes)
        text = body.blocks(document.element.body)
        notes = body.notes()
    except KeyError as err:  # a zip without the parts of a Word document
        raise _Unreadable(f"not a Word document: {err.args[0] if err.args else err}") from None
    except PackageNotFoundError:
        raise _Unreadable("not a Word document (no main document part)") from None
    except Exception as err:  # noqa: BLE001 - malformed zips/XML raise many types; report them
        raise _Unreadable(f"corrupt .docx: {type(err).__name__}: {err}") from None
    text = normalize_text(text + ("\n" + notes if notes else ""))
    if not text.strip():
        raise _Unreadable("no text in this Word document")
    return [Source(path=path, text=text, fmt="docx", encoding="utf-8")]


def _docx_footnotes(document: Any) -> dict[str, str]:
    """Footnote id → text; python-docx does not expose footnotes, so read their part."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype == _FOOTNOTES_REL and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            reader = _DocxText({})
            return {
                note.get(f"{_W}id", ""): reader.blocks(note).strip()
                for note in root.iter(f"{_W}footnote")
                if note.get(f"{_W}type") in (None, "normal")
            }
    return {}


class _DocxText:
    """Paragraphs and table cells of a body in reading order; footnote references become their
    number glued to the word (as in a PDF), and the notes follow the body as "N text" lines."""

    def __init__(self, footnotes: dict[str, str]) -> None:
        self.footnotes = footnotes
        self.cited: list[str] = []

    def blocks(self, parent: Any) -> str:
        lines: list[str] = []
        self._blocks(parent, lines)
        return "\n".join(lines)

    def notes(self) -> str:
        order = self.cited + [k for k in self.footnotes if k not in self.cited]
        return "\n".join(
            f"{n} {self.footnotes[k]}" for n, k in enumerate(order, 1) if self.footnotes.get(k)
        )

    def _blocks(self, parent: Any, lines: list[str]) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{_W}p":
                lines.append(self._paragraph(child))
            elif tag == f"{_W}tbl":
                for row in child.iterchildren(f"{_W}tr"):
                    for cell in row.iterchildren(f"{_W}tc"):
                        self._blocks(cell, lines)
            elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                self._blocks(child, lines)

    def _paragraph(self, para: Any) -> str:
        out: list[str] = []
        self._runs(para, out)
        return "".join(out)

    def _runs(self, node: Any, out: list[str]) -> None:
        for el in node:
            tag = el.tag
            if not isinstance(tag, str) or tag == _MC_FALLBACK:
                continue  # comments/PIs; Fallback duplicates the Choice content
            if tag == f"{_W}t":
                out.append(el.text or "")
            elif tag == f"{_W}tab":
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            elif tag == f"{_W}footnoteReference":
                note = el.get(f"{_W}id", "")
                if note not in self.cited:
                    self.cited.append(note)
                out.append(str(self.cited.index(note) + 1))
            elif tag == f"{_W}p":  # a paragraph inside a text box
                out.append("\n")
                self._runs(el, out)
            elif tag not in (f"{_W}delText", f"{_W}instrText", f"{_W}pPr", f"{_W}rPr"):
                self._runs(el, out)


# ---------------------------------------------------------------------------------------------
# PDF


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    # pypdf logs recoverable damage as warnings; the ReadError (or success) is what we report
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pdf(path: str, data: bytes, ocr: Ocr) -> list[Source]:
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise _Unreadable("not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise _Unreadable("truncated PDF (no %%EOF marker at the end): get the complete file")
    try:
        with _quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise _Unreadable("encrypted PDF: needs a password")
            pages = [page.extract_text() or "" for page in reader.pages]
    except _Unreadable:
        raise
    except Exception as err:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise _Unreadable(f"corrupt or truncated PDF: {type(err).__name__}: {err}") from None
    read_by_ocr = None
    scanned = _scanned_pages(data, pages)
    problem = ocr.problem() if scanned else None
    if scanned and problem is None:
        if len(scanned) > ocr.max_pages:
            raise _Unreadable(
                f"scanned pages without a text layer: {len(scanned)} pages, more than the "
                f"{ocr.max_pages} a file that LEGAL_GRAPH_OCR_MAX_PAGES lets OCR read"
            )
        try:
            done = ocr.read_pdf_pages(data, scanned)
        except OcrError as err:
            raise _Unreadable(f"scanned pages without a text layer; OCR failed: {err}") from None
        for text, page in done:
            pages[page.number - 1] = text
        read_by_ocr = OcrPages(tuple(page for _, page in done), ocr.engine)
    text = normalize_text("\n".join(pages))
    advice = problem or "OCR it first"
    # every page a scan: what a text layer holds is page furniture, even on a single page
    if not text.strip() or (problem is not None and len(scanned) == len(pages)):
        raise _Unreadable(
            f"no text layer (scanned PDF?): {len(pages)} page(s) without text; {advice}"
        )
    _check_text_layer(text, pages_shown(text), advice)
    return [Source(path=path, text=text, fmt="pdf", encoding="utf-8", ocr=read_by_ocr)]


def _scanned_pages(data: bytes, pages: list[str]) -> list[int]:
    """Numbers (1-based) of the pages whose text layer holds fewer letters than a page of text
    (beyond page furniture) and that show an image: scanned pages, to be read by OCR. A sparse
    page without an image (a blank or signature-only page) is read as it is."""
    sparse = [
        n
        for n, page in enumerate(pages, 1)
        if len(page) < _SCANNED_CHARS_PER_PAGE
        and sum(ch.isalpha() for ch in clean(page).text) < MIN_LETTERS_PER_PAGE
    ]
    if not sparse:
        return []
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return []  # pypdf read it; without pdfium's word the pages are read as they are
    try:
        return [
            n
            for n in sparse
            if any(True for _ in document[n - 1].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)))
        ]
    finally:
        document.close()


# ---------------------------------------------------------------------------------------------
# CSV registers

# column name without accents, spaces or underscores → meta key
_REGISTER_COLUMNS = {
    "sokyhieu": "so_ky_hieu",
    "sohieu": "so_ky_hieu",
    "kyhieu": "so_ky_hieu",
    "symbol": "so_ky_hieu",
    "ngaybanhanh": "date",
    "ngay": "date",
    "date": "date",
    "trichyeu": "title",
    "tieude": "title",
    "title": "title",
    "hieuluc": "status",
    "tinhtrang": "status",
    "tinhtranghieuluc": "status",
    "status": "status",
    # whose register it is (ingest/registers.py)
    "tinh": "province",
    "tinhthanh": "province",
    "province": "province",
    "coquanbanhanh": "issuer",
    "noibanhanh": "issuer",
    "issuer": "issuer",
}
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _column_key(name: str) -> str:
    plain = unicodedata.normalize("NFD", name.strip().lower().replace("đ", "d"))
    return "".join(ch for ch in plain if ch.isalnum() and not unicodedata.combining(ch))


def iso_date(value: str) -> str | None:
    """dd/mm/yyyy (also d/m/yyyy, with . or -) or yyyy-mm-dd → yyyy-mm-dd; None if no date."""
    value = value.strip()
    if m := _DMY.fullmatch(value):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _YMD.fullmatch(value):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _read_register(path: str, data: bytes, suffix: str) -> list[Source]:
    text, encoding = _decoded(data)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(rows, [])
    except csv.Error as err:
        raise _Unreadable(f"malformed CSV header: {err}") from None
    columns = {i: _REGISTER_COLUMNS.get(_column_key(name)) for i, name in enumerate(header)}
    found = set(columns.values())
    if not {"so_ky_hieu", "title"} <= found:
        raise _Unreadable(
            "not a document register: needs columns so_ky_hieu (Số ký hiệu) and trich_yeu "
            f"(Trích yếu); found {', '.join(repr(h) for h in header if h) or 'none'}"
        )
    try:
        sources = _register_rows(path, rows, columns, encoding)
    except csv.Error as err:
        raise _Unreadable(f"malformed CSV: {err}") from None
    if not sources:
        raise _Unreadable("register has a header but no rows")
    return sources


def _register_rows(
    path: str, rows: Iterator[list[str]], columns: dict[int, str | None], encoding: str
) -> list[Source]:
    sources: list[Source] = []
    for number, row in enumerate(rows, 1):
        if not any(cell.strip() for cell in row):
            continue
        values: dict[str, str] = {}
        for i, cell in enumerate(row):
            key = columns.get(i)
            if key and cell.strip() and key not in values:
                values[key] = cell.strip()
        if "date" in values:
            date = iso_date(values["date"])
            if date is None:
                del values["date"]
            else:
                values["date"] = date
        meta = tuple(
            (k, values[k])
            for k in ("so_ky_hieu", "date", "title", "status", "province", "issuer")
            if k in values
        )
        sources.append(
            Source(
                path=path,
                text=values.get("title", ""),
                fmt="register",
                encoding=encoding,
                locator=f"row {number}",
                meta=meta,
            )
        )
    return sources


_READERS: dict[str, Callable[[str, bytes, str], list[Source]]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
    ".csv": _read_register,
}
