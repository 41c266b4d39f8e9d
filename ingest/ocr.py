"""OCR of PDF pages without a text layer: pypdfium2 renders the page, Tesseract reads it.

Tesseract is called as the documented ``tesseract`` command (``stdin stdout -l vie tsv``): its TSV
output gives every word with its confidence (0-100), so a page's text comes with the mean
confidence of its words. The text is rebuilt line by line from the TSV and its OCR damage that
breaks document numbers is repaired (``repair``): the text a reader stores is this text.

The records (``OcrPage``, ``OcrPages``) are in ingest/models.py. ``Ocr`` is the configuration
the reader is given (``ingest.read.read_path(..., ocr=...)``);
``Ocr.problem()`` says why OCR cannot run here (command or its ``vie`` data not installed).
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from ingest.identity import CENTRAL_ISSUERS, LOCAL_ISSUERS, TYPE_ABBRS
from ingest.models import OcrPage

INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-vie"
# Tesseract's OpenMP threads slow down parallel ingest workers (its own advice): one each
_ENV = {"OMP_THREAD_LIMIT": "1"}


class OcrError(Exception):
    """OCR could not read a page; the message is the user's reason."""


@dataclass(frozen=True)
class Ocr:
    """How pages without a text layer are read. ``max_pages``: pages of one file, at most
    (0: no OCR); ``command``: the Tesseract program (a name on PATH or a path)."""

    command: str = "tesseract"
    languages: str = "vie"
    dpi: int = 300
    max_pages: int = 50
    timeout: float = 300.0  # seconds for one page

    def problem(self) -> str | None:
        """Why OCR cannot run here, or None."""
        if self.max_pages <= 0:
            return "OCR is off (LEGAL_GRAPH_OCR_MAX_PAGES=0)"
        return _problem(self.command, self.languages)

    @property
    def engine(self) -> str:
        return f"{_version(self.command)} ({self.languages})"

    def read_pdf_pages(self, data: bytes, numbers: list[int]) -> list[tuple[str, OcrPage]]:
        """Text and confidence of the pages ``numbers`` (1-based) of the PDF ``data``."""
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
        try:
            read = []
            for number in numbers:
                page = document[number - 1]
                try:
                    bitmap = page.render(scale=self.dpi / 72, grayscale=True)
                    image = io.BytesIO()
                    bitmap.to_pil().save(image, format="PNG")
                finally:
                    page.close()
                text, confidence, words = self.read_image(image.getvalue())
                read.append((text, OcrPage(number, confidence, words)))
            return read
        finally:
            document.close()

    def read_image(self, png: bytes) -> tuple[str, float, int]:
        """(text, mean word confidence, words) of one page image."""
        args = [self.command, "stdin", "stdout", "-l", self.languages, "--dpi", str(self.dpi)]
        try:
            done = subprocess.run(
                [*args, "tsv"],
                input=png,
                capture_output=True,
                timeout=self.timeout,
                env={**os.environ, **_ENV},
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise OcrError(f"OCR of a page took over {self.timeout:.0f} s") from None
        except OSError as err:
            raise OcrError(f"cannot run {self.command}: {err.strerror or err}") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OcrError(f"{self.command} failed: {message[-1] if message else done.returncode}")
        return tsv_text(done.stdout.decode("utf-8", "replace"))


# a frozen configuration, the readers' default: Tesseract on PATH, vie, 50 pages a file at most
DEFAULT_OCR = Ocr()


def tsv_text(tsv: str) -> tuple[str, float, int]:
    """Tesseract's TSV → (text, mean word confidence, words): a line per text line, a blank
    line between blocks, the OCR damage repaired."""
    lines: list[str] = []
    confidences: list[float] = []
    line_key: tuple[str, ...] = ()  # (page, block, paragraph, line) of the words in ``words``
    words: list[str] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:  # level 5: a word
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        if key != line_key:
            if words:
                lines.append(" ".join(words))
            if line_key and key[:2] != line_key[:2]:
                lines.append("")
            words, line_key = [], key
        words.append(word)
        confidences.append(float(row["conf"]))
    if words:
        lines.append(" ".join(words))
    text = repair("\n".join(lines) + "\n") if lines else ""
    mean = round(sum(confidences) / len(confidences), 1) if confidences else 0.0
    return text, mean, len(confidences)


# ---------------------------------------------------------------------------------------------
# OCR damage to document numbers (general rules; tests/test_ocr.py has a table of them)

# Look-alikes of the slash (the fraction slash, the division slash). The eth for Đ, Cyrillic
# capitals and spaces beside a symbol's "-" or "/" ("NĐ- CP", "445 /NQ-CP") need no repair here:
# the reference patterns accept them (ingest/references.py, ingest/identity.py LOOKALIKES).
_SLASHES = str.maketrans({"\u2044": "/", "\u2215": "/"})
# A capital code after a symbol's "-" or "/" that is no code, but is one with the letters OCR
# takes for others put back: "NO" for "NQ", "UBTVOH14" for "UBTVQH14", "ND" for "NĐ"
_CODE = re.compile(r"(?<=[-/])([A-ZĐ]{2,10})(\d{0,2})(?!\w)")
_KNOWN_CODES = frozenset(TYPE_ABBRS) | frozenset(CENTRAL_ISSUERS) | frozenset(LOCAL_ISSUERS)
_MISREAD = (("O", "Q"), ("D", "Đ"))
# the National Assembly's term split from its code: "/QH 15", "/UBTVQH 14"
_TERM = re.compile(r"(?<=[-/])((?:UBTV)?QH)[ \t]+(\d{2})(?!\d)")
# "số" with the wrong tone or hat before a number ("Nghị định sô 186/…", "só 164/…", "SÓ 158/…")
# (only ô and ó, which make no word there: "sổ", "sò" … are words)
_SO = re.compile(r"(?<!\w)(?:(s)[ôó]|(S)[ôóÔÓ])(?=[ \t]*:?[ \t]*\d)")
# a number split by a space after "số": "số 1 23/2024/NĐ-CP"
_SPLIT_NUMBER = re.compile(r"(?<=[sS]ố )(\d{1,3}) (\d{1,3})(?=[ \t]?/)")
# a stray mark between the number and its slash ("409 _/QĐ-BTC"), a doubled hyphen ("NĐ- -CP")
_STRAY = re.compile(r"(?<=\d)[ \t]?[_.,'‘’][ \t]?(?=/[A-ZĐ])|(?<=[A-ZĐ]-)[ \t]*-(?=[A-ZĐ])")


def repair(text: str) -> str:
    """Undo the OCR damage that breaks document numbers, and only that (the table in
    tests/test_ocr.py gives each rule): look-alike slashes and code letters, a code or a number
    split by a space, stray marks inside a symbol, "số" misread before a number."""
    text = _SO.sub(lambda m: "số" if m[1] else ("Số" if m[0][1].islower() else "SỐ"), text)
    text = _STRAY.sub("", text.translate(_SLASHES))
    text = _TERM.sub(r"\1\2", text)
    text = _SPLIT_NUMBER.sub(r"\1\2", text)
    return _CODE.sub(_known_code, text)


def _known_code(m: re.Match[str]) -> str:
    code = m[1]
    if code in _KNOWN_CODES:
        return m[0]
    for misread, letter in _MISREAD:
        if misread in code and code.replace(misread, letter) in _KNOWN_CODES:
            return code.replace(misread, letter) + m[2]
    return m[0]


# ---------------------------------------------------------------------------------------------


@functools.cache
def _problem(command: str, languages: str) -> str | None:
    if shutil.which(command) is None:
        return f"OCR is not installed ({command} not found: {INSTALL_HINT})"
    try:
        done = subprocess.run(
            [command, "--list-langs"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"OCR is not installed ({command} does not run: {err}; {INSTALL_HINT})"
    installed = set(done.stdout.decode("utf-8", "replace").split())
    missing = [lang for lang in languages.split("+") if lang not in installed]
    if missing:
        return f"OCR is not installed (no {'+'.join(missing)} data for {command}: {INSTALL_HINT})"
    return None


@functools.cache
def _version(command: str) -> str:
    try:
        done = subprocess.run([command, "--version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return command
    first = (done.stdout or done.stderr).decode("utf-8", "replace").strip().splitlines()
    return first[0] if first else command
