"""The province of a document register (.csv): every row is a document of its bodies.

A province's register lists what its own bodies issued: UBND, its departments, and committees
and councils whose codes may look like a ministry's ("70/KH-BTC" of a festival's organising
committee, Ban Tổ chức, is not the Ministry of Finance's BTC). So every row is keyed to the
register's province, which comes from (first that says): a column naming it ("tỉnh", "cơ quan
ban hành"), the ``--province`` option, the file's name, its folders (innermost first).
"""

from __future__ import annotations

import os
from dataclasses import replace

from ingest.header import province_in
from ingest.identity import PROVINCE_BY_SLUG, province_from, slug
from ingest.models import Source


def register_of(source: Source, province: str) -> Source:
    """``source`` (a register row) with the province given for the register, unless its own
    columns name one."""
    if source.fmt != "register" or "province" in source.meta_dict:
        return source
    return replace(source, meta=(*source.meta, ("province", province)))


def register_province(source: Source) -> str | None:
    """The province of a register row (see the module docstring), or None."""
    meta = source.meta_dict
    for value in (meta.get("province"), meta.get("issuer")):
        if value and (found := province_from(value) or province_in(value) or _named_in(value)):
            return found
    path = os.path.abspath(source.path)
    parts = [os.path.splitext(os.path.basename(path))[0]]
    folder = os.path.dirname(path)
    while folder and folder != os.path.dirname(folder):
        parts.append(os.path.basename(folder))
        folder = os.path.dirname(folder)
    for part in parts:
        if found := _named_in(part):
            return found
    return None


def _named_in(text: str) -> str | None:
    """A province whose name is written in ``text`` in any case, with or without spaces
    ("data_vanbanphapluatBinhDuong", "binh-duong")."""
    compact = slug(text).replace("-", "")
    hits = [p for s, p in PROVINCE_BY_SLUG.items() if s.replace("-", "") in compact]
    return max(hits, key=len) if hits else None
