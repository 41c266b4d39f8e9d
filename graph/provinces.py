"""The 34 provinces and centrally-run cities of 2025, and which earlier provinces each absorbed.

Resolution 202/2025/QH15 merged the 63 provinces into 34 (in force 1 July 2025). A document
keeps the jurisdiction it was issued in (``kon-tum``); coverage questions ("which provinces have
no plan yet?") are asked about today's 34, so an earlier province counts for the one it joined.
"""

from __future__ import annotations

from ingest.identity import slug

# 2025 province → the provinces merged into it (itself first). Unchanged ones map to themselves.
MERGED_2025: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("Hà Nội",),
    "Huế": ("Huế", "Thừa Thiên Huế"),
    "Lai Châu": ("Lai Châu",),
    "Điện Biên": ("Điện Biên",),
    "Sơn La": ("Sơn La",),
    "Lạng Sơn": ("Lạng Sơn",),
    "Quảng Ninh": ("Quảng Ninh",),
    "Thanh Hóa": ("Thanh Hóa",),
    "Nghệ An": ("Nghệ An",),
    "Hà Tĩnh": ("Hà Tĩnh",),
    "Cao Bằng": ("Cao Bằng",),
    "Tuyên Quang": ("Tuyên Quang", "Hà Giang"),
    "Lào Cai": ("Lào Cai", "Yên Bái"),
    "Thái Nguyên": ("Thái Nguyên", "Bắc Kạn"),
    "Phú Thọ": ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
    "Hưng Yên": ("Hưng Yên", "Thái Bình"),
    "Hải Phòng": ("Hải Phòng", "Hải Dương"),
    "Ninh Bình": ("Ninh Bình", "Hà Nam", "Nam Định"),
    "Quảng Trị": ("Quảng Trị", "Quảng Bình"),
    "Đà Nẵng": ("Đà Nẵng", "Quảng Nam"),
    "Quảng Ngãi": ("Quảng Ngãi", "Kon Tum"),
    "Gia Lai": ("Gia Lai", "Bình Định"),
    "Khánh Hòa": ("Khánh Hòa", "Ninh Thuận"),
    "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
    "Hồ Chí Minh": ("Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Đồng Nai", "Bình Phước"),
    "Tây Ninh": ("Tây Ninh", "Long An"),
    "Cần Thơ": ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Đồng Tháp", "Tiền Giang"),
    "Cà Mau": ("Cà Mau", "Bạc Liêu"),
    "An Giang": ("An Giang", "Kiên Giang"),
}
PROVINCES_2025: tuple[str, ...] = tuple(MERGED_2025)

# jurisdiction slug (as in keys) → 2025 province name
PROVINCE_2025_OF: dict[str, str] = {
    slug(old): new for new, olds in MERGED_2025.items() for old in olds
}
PROVINCE_2025_OF["ho-chi-minh"] = "Hồ Chí Minh"
PROVINCE_2025_OF["tp-ho-chi-minh"] = "Hồ Chí Minh"
PROVINCE_2025_OF["thanh-pho-ho-chi-minh"] = "Hồ Chí Minh"

# Display names of every jurisdiction slug, old provinces included.
NAME_OF: dict[str, str] = {slug(old): old for olds in MERGED_2025.values() for old in olds}
NAME_OF["vn"] = "Việt Nam"


def province_2025(jurisdiction: str | None) -> str | None:
    """The 2025 province a jurisdiction slug belongs to (None for ``vn`` or unknown)."""
    if not jurisdiction:
        return None
    return PROVINCE_2025_OF.get(jurisdiction)


def jurisdiction_slugs(name: str) -> set[str]:
    """Jurisdiction slugs a province filter means: the province itself and, for a 2025
    province, every province merged into it (``Quảng Ngãi`` → quang-ngai, kon-tum)."""
    s = slug(name)
    for new, olds in MERGED_2025.items():
        if slug(new) == s:
            return {slug(o) for o in olds}
    return {s}
