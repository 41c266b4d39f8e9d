"""A synthetic corpus with a realistic citation structure, and the edges it planted.

``generate(n, out_dir, seed)`` writes ``n`` plain-text documents in the layouts of real
Vietnamese administrative and legal documents, plus ``truth.jsonl``: one line per file in the
gold format of ``shared/gold/README.md`` (the edges the text states, with their quotes), so the
extractor and the store can be scored and benchmarked at any scale.

The structure follows how policy flows down the system: Party (TW) → Government (CP, TTg,
VPCP) → ministries → the 34 provinces of 2025 (Tỉnh ủy, HĐND, UBND) → departments (Sở) and
districts. Numbers follow Decree 30/2020: ``number/TYPE-ISSUER`` restarting every year per
issuer, ``number/YEAR/TYPE-ISSUER`` for normative texts, ``number-TYPE/TW`` for Party documents
(numbered per term). Targets are drawn by preferential attachment, so citation counts are
heavy-tailed: a few resolutions are implemented by very many documents.

Documents are generated in date order and written as they are made; only a small record per
document (symbol, date, subject) stays in memory. The output depends only on ``n`` and ``seed``.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

START = date(2019, 1, 1)
END = date(2025, 12, 31)
FILES_PER_DIR = 1000

# The 34 provinces and centrally-run cities after the 2025 merger (Resolution 202/2025/QH15).
CITIES = ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")
PROVINCES_2025: tuple[str, ...] = CITIES + (
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
)

# Ministries with the years they existed under that name (the 2025 restructuring merged some).
MINISTRIES: tuple[tuple[str, str, int, int], ...] = (
    ("BTC", "Bộ Tài chính", 2019, 2025),
    ("BYT", "Bộ Y tế", 2019, 2025),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo", 2019, 2025),
    ("BKHCN", "Bộ Khoa học và Công nghệ", 2019, 2025),
    ("BNV", "Bộ Nội vụ", 2019, 2025),
    ("BTP", "Bộ Tư pháp", 2019, 2025),
    ("BCT", "Bộ Công Thương", 2019, 2025),
    ("BXD", "Bộ Xây dựng", 2019, 2025),
    ("BCA", "Bộ Công an", 2019, 2025),
    ("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", 2019, 2025),
    ("BKHĐT", "Bộ Kế hoạch và Đầu tư", 2019, 2024),
    ("BTTTT", "Bộ Thông tin và Truyền thông", 2019, 2024),
    ("BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn", 2019, 2024),
    ("BNNMT", "Bộ Nông nghiệp và Môi trường", 2025, 2025),
)

DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("STC", "Sở Tài chính"),
    ("SYT", "Sở Y tế"),
    ("SGDĐT", "Sở Giáo dục và Đào tạo"),
    ("SNV", "Sở Nội vụ"),
    ("STP", "Sở Tư pháp"),
    ("SXD", "Sở Xây dựng"),
    ("SCT", "Sở Công Thương"),
)

# Laws cited by name and date in "Căn cứ" preambles: (title, date passed, in force until).
LAWS: tuple[tuple[str, date, date], ...] = (
    ("Luật Tổ chức Chính phủ", date(2015, 6, 19), date(2025, 2, 28)),
    ("Luật Tổ chức Chính phủ", date(2025, 2, 18), END),
    ("Luật Tổ chức chính quyền địa phương", date(2015, 6, 19), date(2025, 2, 28)),
    ("Luật Tổ chức chính quyền địa phương", date(2025, 2, 19), END),
    ("Luật Ban hành văn bản quy phạm pháp luật", date(2015, 6, 22), date(2025, 3, 31)),
    ("Luật Ban hành văn bản quy phạm pháp luật", date(2025, 2, 19), END),
    ("Luật Ngân sách nhà nước", date(2015, 6, 25), END),
    ("Luật Đầu tư công", date(2019, 6, 13), END),
    ("Luật Quản lý thuế", date(2019, 6, 13), END),
    ("Luật Kế toán", date(2015, 11, 20), END),
    ("Luật Khoa học và Công nghệ", date(2013, 6, 18), END),
    ("Luật Giao dịch điện tử", date(2023, 6, 22), END),
    ("Luật Giáo dục", date(2019, 6, 14), END),
    ("Luật Khám bệnh, chữa bệnh", date(2023, 1, 9), END),
    ("Luật Bảo vệ môi trường", date(2020, 11, 17), END),
    ("Luật Bảo hiểm xã hội", date(2024, 6, 29), END),
)
GOV_LAW, LOCAL_LAW = "Luật Tổ chức Chính phủ", "Luật Tổ chức chính quyền địa phương"

TOPICS: tuple[str, ...] = (
    "một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
    "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    "phát triển kinh tế tư nhân",
    "đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp",
    "xây dựng nông thôn mới giai đoạn 2021 - 2025",
    "giảm nghèo bền vững",
    "phát triển du lịch trở thành ngành kinh tế mũi nhọn",
    "tăng cường công tác phòng, chống tham nhũng, lãng phí",
    "phát triển nguồn nhân lực chất lượng cao",
    "bảo vệ môi trường và ứng phó với biến đổi khí hậu",
    "nâng cao chất lượng công tác y tế cơ sở",
    "đổi mới căn bản, toàn diện giáo dục và đào tạo",
    "bảo đảm trật tự, an toàn giao thông",
    "phát triển hạ tầng số và dữ liệu số",
    "hội nhập quốc tế trong tình hình mới",
    "tiếp tục sắp xếp, tinh gọn tổ chức bộ máy của hệ thống chính trị",
    "phát triển văn hóa, con người Việt Nam",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
)

FILLER: tuple[str, ...] = (
    "Tăng cường công tác lãnh đạo, chỉ đạo, điều hành; đẩy nhanh tiến độ triển khai và nâng "
    "cao hiệu quả thực hiện các nhiệm vụ được giao.",
    "Phân công rõ trách nhiệm chủ trì, phối hợp; bảo đảm sự phối hợp chặt chẽ giữa các cơ "
    "quan, đơn vị trong quá trình triển khai, tránh chồng chéo, lãng phí nguồn lực.",
    "Đẩy mạnh công tác thông tin, tuyên truyền, phổ biến sâu rộng đến cán bộ, công chức, viên "
    "chức, doanh nghiệp và người dân.",
    "Rà soát, đề xuất sửa đổi, bổ sung cơ chế, chính sách phù hợp với điều kiện thực tế của "
    "địa phương, đơn vị.",
    "Ưu tiên bố trí kinh phí từ nguồn ngân sách nhà nước và huy động các nguồn lực hợp pháp "
    "khác để thực hiện các nhiệm vụ, giải pháp.",
    "Định kỳ hằng năm tổng hợp, đánh giá kết quả thực hiện; kịp thời báo cáo những khó khăn, "
    "vướng mắc phát sinh để xem xét, xử lý.",
    "Tổ chức sơ kết, tổng kết, rút kinh nghiệm; biểu dương, khen thưởng các tập thể, cá nhân "
    "có thành tích tiêu biểu.",
    "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của cơ quan nhà "
    "nước; nâng cao chất lượng dịch vụ công trực tuyến.",
)

SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
)
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Hoàng")
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phong",
    "Quang",
    "Sơn",
    "Tâm",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
)
DISTRICT_WORDS = (
    "An",
    "Bình",
    "Phú",
    "Tân",
    "Hòa",
    "Long",
    "Thạnh",
    "Đông",
    "Tây",
    "Vĩnh",
    "Quảng",
    "Hưng",
    "Thuận",
    "Mỹ",
    "Lộc",
    "Xuân",
    "Sơn",
    "Phước",
)

TYPE_NAMES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "KH": "Kế hoạch",
    "CTr": "Chương trình hành động",
    "CV": "Văn bản",
    "TT": "Thông tư",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True, slots=True)
class Issuer:
    """An issuing body, with how it names itself and how others name it."""

    code: str  # as in symbols: TW, CP, TTg, VPCP, BTC, TU, HĐND, UBND, SKHCN
    name: str  # as cited from anywhere: "Ủy ban nhân dân tỉnh Kon Tum"
    local_name: str  # as cited from inside its province: "Ủy ban nhân dân tỉnh"
    short: str  # for the gold "issuer" field: "UBND tỉnh Kon Tum"
    header: tuple[str, ...]  # left header column
    level: str  # party | government | ministry | province_party | council | province | department | district
    place: str
    province: str | None = None
    district: str | None = None
    units: tuple[str, ...] = ("VP",)
    party: bool = False


@dataclass(slots=True)
class Doc:
    """What later documents need to know to cite one: a few hundred bytes each."""

    idx: int
    issuer: Issuer
    type: str
    symbol: str
    date: date
    topic: int
    subject: str  # trích yếu without "V/v"
    pool: str
    stated: tuple[tuple[int, int, str], ...] = ()  # (from, to, relation) its subject states
    party_root: int | None = None  # the Party resolution its chain carries out


@dataclass
class Draft:
    """One document being written: header facts, body and the edges its text states."""

    issuer: Issuer
    type: str
    subject: str
    topic: int
    pool: str
    normative: bool = False
    recipients: tuple[str, ...] = ()
    preamble: list[str] = field(default_factory=list)
    paras: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    edges: list[tuple[int | str, int | str, str, str, bool, bool]] = field(default_factory=list)
    stated: list[tuple[int, int, str]] = field(default_factory=list)
    party_root: int | None = None
    superscript: bool = False
    unit: str | None = None  # an official letter's drafting unit (the part after the issuer)

    def edge(
        self,
        frm: int | str,
        to: int | str,
        rel: str,
        quote: str,
        reported: bool = False,
        optional: bool = False,
    ) -> None:
        self.edges.append((frm, to, rel, quote, reported, optional))

    def footnote(self, text: str) -> str:
        """Add a footnote; return its marker, glued to the preceding word as PDF text shows."""
        self.footnotes.append(text)
        n = str(len(self.footnotes))
        return n.translate(SUPERSCRIPT) if self.superscript else n


def slug(text: str) -> str:
    s = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def party_term(issuer: Issuer, d: date) -> int:
    """Party documents number per committee term: congresses in early 2021 (TW), late 2020 and 2025 (provinces)."""
    if issuer.level == "party":
        return 13 if d >= date(2021, 2, 1) else 12
    return 2025 if d >= date(2025, 10, 15) else (2020 if d >= date(2020, 10, 15) else 2015)


def doc_key(issuer: Issuer, typ: str, d: date, number: int) -> str:
    """Canonical key as in docs/data-model.md: {jurisdiction}/{issuer}/{year}/{type}/{number}."""
    jur = slug(issuer.province) if issuer.province else "vn"
    iss = slug(issuer.code) + (f"-{slug(issuer.district)}" if issuer.district else "")
    return f"{jur}/{iss}/{d.year}/{slug(typ)}/{number}"


def fmt_date(d: date, style: int) -> str:
    if style == 0:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == 1:
        return f"{d.day}/{d.month}/{d.year}"
    if style == 2:  # Decree 30/2020: day below 10 and months 1-2 take a leading zero
        return (
            f"{d.day:02d} tháng {d.month:02d} năm {d.year}"
            if d.month < 3
            else f"{d.day:02d} tháng {d.month} năm {d.year}"
        )
    return f"{d.day} tháng {d.month} năm {d.year}"


def wrap(text: str, width: int) -> str:
    """Break a paragraph at spaces, as text extracted from a PDF page is broken."""
    if width <= 0 or len(text) <= width:
        return text
    out: list[str] = []
    line_len = 0
    for word in text.split(" "):
        if line_len and line_len + 1 + len(word) > width:
            out.append("\n")
            line_len = 0
        elif line_len:
            out.append(" ")
            line_len += 1
        out.append(word)
        line_len += len(word)
    return "".join(out)


def _issuers() -> dict[str, Any]:
    """Every issuing body, built once (independent of the seed)."""
    tw = Issuer(
        "TW",
        "Bộ Chính trị",
        "Bộ Chính trị",
        "Bộ Chính trị",
        ("BAN CHẤP HÀNH TRUNG ƯƠNG",),
        "party",
        "Hà Nội",
        party=True,
    )
    cp = Issuer("CP", "Chính phủ", "Chính phủ", "Chính phủ", ("CHÍNH PHỦ",), "government", "Hà Nội")
    ttg = Issuer(
        "TTg",
        "Thủ tướng Chính phủ",
        "Thủ tướng Chính phủ",
        "Thủ tướng Chính phủ",
        ("THỦ TƯỚNG CHÍNH PHỦ",),
        "government",
        "Hà Nội",
    )
    vpcp = Issuer(
        "VPCP",
        "Văn phòng Chính phủ",
        "Văn phòng Chính phủ",
        "Văn phòng Chính phủ",
        ("VĂN PHÒNG CHÍNH PHỦ",),
        "government",
        "Hà Nội",
        units=("KGVX", "KTTH", "NN", "CN", "QHĐP", "PL"),
    )
    ministries = [
        (
            Issuer(
                code,
                name,
                name,
                name,
                (name.upper(),),
                "ministry",
                "Hà Nội",
                units=("VP", "KHTC", "PC", "TCCB"),
            ),
            y0,
            y1,
        )
        for code, name, y0, y1 in MINISTRIES
    ]
    provinces: list[dict[str, Any]] = []
    for pi, prov in enumerate(PROVINCES_2025):
        city = prov in CITIES
        kind = "thành phố" if city else "tỉnh"
        shown = ("Thành phố " + prov) if prov == "Hồ Chí Minh" else prov
        place = "TP. Hồ Chí Minh" if prov == "Hồ Chí Minh" else prov
        upper = f"{kind.upper()} {prov.upper()}"
        tu_word = "Thành ủy" if city else "Tỉnh ủy"
        tu = Issuer(
            "TU",
            f"Ban Thường vụ {tu_word} {shown}",
            f"Ban Thường vụ {tu_word}",
            f"Ban Thường vụ {tu_word} {shown}",
            (f"{tu_word.upper()} {prov.upper()}",),
            "province_party",
            place,
            province=prov,
            party=True,
        )
        hdnd = Issuer(
            "HĐND",
            f"Hội đồng nhân dân {kind} {shown}",
            f"Hội đồng nhân dân {kind}",
            f"HĐND {kind} {shown}",
            ("HỘI ĐỒNG NHÂN DÂN", upper),
            "council",
            place,
            province=prov,
        )
        ubnd = Issuer(
            "UBND",
            f"Ủy ban nhân dân {kind} {shown}",
            f"Ủy ban nhân dân {kind}",
            f"UBND {kind} {shown}",
            ("ỦY BAN NHÂN DÂN", upper),
            "province",
            place,
            province=prov,
            units=("KGVX", "KTTH", "NNTN", "HTKT", "NC", "TH"),
        )
        depts = [
            Issuer(
                code,
                f"{name} {kind} {shown}",
                name,
                f"{name} {kind} {shown}",
                (f"UBND {upper}", name.upper()),
                "department",
                place,
                province=prov,
                units=("VP", "KHTC", "NV", "TH"),
            )
            for code, name in DEPARTMENTS
        ]
        drng = random.Random(pi)  # district names depend on the province only
        names: list[str] = []
        while len(names) < 5:
            nm = f"{drng.choice(DISTRICT_WORDS)} {drng.choice(DISTRICT_WORDS)}"
            if nm not in names and nm.split()[0] != nm.split()[1]:
                names.append(nm)
        districts = [
            Issuer(
                "UBND",
                f"Ủy ban nhân dân huyện {nm}",
                f"Ủy ban nhân dân huyện {nm}",
                f"UBND huyện {nm}",
                ("ỦY BAN NHÂN DÂN", f"HUYỆN {nm.upper()}"),
                "district",
                nm,
                province=prov,
                district=nm,
                units=("VP", "TCKH", "NV"),
            )
            for nm in names
        ]
        provinces.append(
            dict(name=prov, tu=tu, hdnd=hdnd, ubnd=ubnd, depts=depts, districts=districts)
        )
    return dict(tw=tw, cp=cp, ttg=ttg, vpcp=vpcp, ministries=ministries, provinces=provinces)


# Share of documents by kind (weights), from the top of the system to the bottom.
KINDS: tuple[tuple[str, float], ...] = (
    ("tw", 0.004),
    ("cp_nq", 0.008),
    ("cp_nd", 0.012),
    ("ttg", 0.02),
    ("vpcp", 0.025),
    ("min_tt", 0.025),
    ("min_kh", 0.03),
    ("min_cv", 0.04),
    ("min_bc", 0.006),
    ("tu", 0.03),
    ("hdnd", 0.02),
    ("ubnd_kh", 0.08),
    ("ubnd_qd", 0.07),
    ("ubnd_cv", 0.15),
    ("so_kh", 0.08),
    ("so_cv", 0.12),
    ("so_ttr", 0.05),
    ("dist_kh", 0.08),
    ("dist_cv", 0.15),
)


class Generator:
    """Writes documents one at a time in date order; keeps per-document records for citing."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.seed = seed
        self.I = _issuers()
        self.docs: list[Doc] = []
        self.pools: dict[str, list[int]] = {}
        self.counters: dict[tuple[Any, ...], int] = {}
        # (province, party root) → provincial Party plan; (province, cp doc) → provincial plan
        self.tu_plan: dict[tuple[str, int], int] = {}
        self.prov_plan: dict[tuple[str, int], int] = {}
        self.cp_program: dict[int, int] = {}  # Party resolution → Government action programme
        self.kinds = [k for k, _ in KINDS]
        self.weights = [w for _, w in KINDS]
        self.span = (END - START).days

    # -- picking ------------------------------------------------------------------------------

    def pick(self, pool: str, fresh: bool = False) -> int | None:
        """Preferential attachment: a pool lists each document once plus once per citation.

        ``fresh`` draws from the tail of the pool only (what was issued or cited lately): a
        letter answers last month's letter, while a resolution is carried out for years.
        """
        items = self.pools.get(pool)
        if not items:
            return None
        if fresh or self.rng.random() < 0.3:
            return items[-1 - self.rng.randrange(min(len(items), 40))]
        return items[self.rng.randrange(len(items))]

    def cited(self, idx: int) -> None:
        self.pools[self.docs[idx].pool].append(idx)

    def person(self) -> str:
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    # -- citations ----------------------------------------------------------------------------

    def issuer_phrase(self, target: Doc, me: Issuer) -> str:
        t = target.issuer
        if (
            t.province
            and t.province == me.province
            and t.district is None
            and me.level != "ministry"
        ):
            return t.local_name
        return t.name

    def cite(
        self,
        dr: Draft,
        idx: int,
        *,
        subject: bool = False,
        footnote: bool = False,
        short: bool = False,
        word: str | None = None,
    ) -> str:
        """A citation of document ``idx`` as the citing text writes it; records reported edges."""
        t = self.docs[idx]
        r = self.rng
        name = word or TYPE_NAMES[t.type]
        if t.type == "CV" and word is None:
            name = r.choice(("Văn bản", "Công văn"))
        if short:
            return f"{name} {'số ' if r.random() < 0.5 else ''}{t.symbol}"
        s = f"{name} số {t.symbol} ngày {fmt_date(t.date, r.randrange(4))} của {self.issuer_phrase(t, dr.issuer)}"
        if subject or footnote:
            about = t.subject
            if subject:
                about = about[0].lower() + about[1:]
                lead = "" if about.startswith("về ") else "về việc " if t.type == "CV" else "về "
                s += " " + lead + about
            else:
                s += self.footnote(dr, ("Về " if r.random() < 0.5 else "") + about)
            for frm, to, rel in t.stated:
                # what a cited document's subject says about a third one is a looser statement
                dr.edge(frm, to, rel, about, reported=True, optional=frm != idx)
        return s

    def footnote(self, dr: Draft, text: str) -> str:
        if not dr.footnotes:
            dr.superscript = self.rng.random() < 0.3
        return dr.footnote(text)

    # -- the kinds of documents ---------------------------------------------------------------

    def make(self, kind: str, d: date) -> Draft | None:
        return getattr(self, "k_" + kind)(d)

    def k_tw(self, d: date) -> Draft | None:
        r = self.rng
        tw = self.I["tw"]
        typ = r.choices(("NQ", "KL", "CT"), (0.6, 0.25, 0.15))[0]
        topic = r.randrange(len(TOPICS))
        issuer = (
            tw
            if typ != "CT"
            else Issuer(
                "TW",
                "Ban Bí thư",
                "Ban Bí thư",
                "Ban Bí thư",
                tw.header,
                "party",
                "Hà Nội",
                party=True,
            )
        )
        dr = Draft(issuer, typ, f"về {TOPICS[topic]}", topic, "tw")
        prev = self.pick("tw")
        if prev is not None and r.random() < 0.3:
            c = self.cite(dr, prev)
            q = f"Tiếp tục thực hiện {c}"
            dr.paras.append(q + ", nhằm tạo chuyển biến mạnh mẽ trong thời gian tới.")
            dr.edge("@self", prev, "implements", q)
        dr.paras += self.filler(3)
        dr.paras.append(f"{TYPE_NAMES[typ]} này được phổ biến đến chi bộ.")
        return dr

    def k_cp_nq(self, d: date) -> Draft | None:
        """A Government action programme carrying out a Party resolution."""
        roots = [
            i
            for i in self.pools.get("tw", ())
            if self.docs[i].type == "NQ" and i not in self.cp_program
        ]
        if not roots:
            return None
        root = roots[-1] if self.rng.random() < 0.7 else self.rng.choice(roots)
        t = self.docs[root]
        dr = Draft(self.I["cp"], "NQ", "", t.topic, "cp_nq")
        c = self.cite(dr, root)
        dr.subject = (
            f"Ban hành Chương trình hành động của Chính phủ thực hiện {c} về {TOPICS[t.topic]}"
        )
        dr.edge("@self", root, "implements", "Chương trình hành động của Chính phủ thực hiện " + c)
        dr.stated.append((-1, root, "implements"))
        law = self.law(GOV_LAW, d)
        dr.preamble.append(f"Căn cứ {law[0]} ngày {fmt_date(law[1], 2)};")
        dr.edge("@self", f"name:{law[0]}|{law[1].isoformat()}", "based_on", f"Căn cứ {law[0]}")
        q = f"Căn cứ {c}"
        dr.preamble.append(q + ";")
        dr.edge("@self", root, "based_on", q)
        dr.preamble.append("Xét đề nghị của Bộ trưởng Bộ Tài chính,")
        dr.paras.append("QUYẾT NGHỊ:")
        dr.paras.append(
            "Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động của "
            f"Chính phủ thực hiện {self.cite(dr, root, short=True)}."
        )
        dr.paras.append("Điều 2. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành.")
        dr.paras.append(
            "Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban "
            "nhân dân các tỉnh, thành phố trực thuộc Trung ương chịu trách nhiệm "
            "thi hành Nghị quyết này./."
        )
        dr.party_root = root
        self.cited(root)
        return dr

    def k_cp_nd(self, d: date) -> Draft | None:
        """A decree: based on laws; sometimes amends, replaces or repeals an earlier decree."""
        r = self.rng
        topic = r.randrange(len(TOPICS))
        dr = Draft(self.I["cp"], "NĐ", "", topic, "cp_nd", normative=True)
        for law in self.laws(d, GOV_LAW, r.randint(1, 3)):
            dr.preamble.append(f"Căn cứ {law[0]} ngày {fmt_date(law[1], 2)};")
            dr.edge("@self", f"name:{law[0]}|{law[1].isoformat()}", "based_on", f"Căn cứ {law[0]}")
        dr.preamble.append(f"Theo đề nghị của Bộ trưởng {r.choice(MINISTRIES[:9])[1]};")
        old = self.pick("cp_nd")
        mode = r.random() if old is not None else 1.0
        if old is not None and mode < 0.35:
            c = self.cite(dr, old)
            dr.subject = f"Sửa đổi, bổ sung một số điều của {c}"
            dr.preamble.append(
                f"Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của "
                f"{self.cite(dr, old, short=True, word='Nghị định')}."
            )
            q = f"Điều 1. Sửa đổi, bổ sung một số điều của {c}"
            dr.paras.append(q)
            dr.paras += self.filler(2)
            dr.edge("@self", old, "amends", q)
            dr.stated.append((-1, old, "amends"))
            if r.random() < 0.5:
                q2 = f"Bãi bỏ khoản {r.randint(1, 6)} Điều {r.randint(2, 30)} của {self.cite(dr, old, short=True, word='Nghị định')}"
                dr.paras.append(f"Điều 2. {q2}.")
                dr.edge("@self", old, "repeals", q2)
            self.cited(old)
        else:
            dr.subject = f"Quy định chi tiết một số điều về {TOPICS[topic]}"
            dr.paras.append(
                f"Điều 1. Phạm vi điều chỉnh: Nghị định này quy định về {TOPICS[topic]}."
            )
            dr.paras += self.filler(2)
            if old is not None and mode < 0.55:
                q = f"Nghị định này thay thế {self.cite(dr, old)}"
                dr.paras.append(f"Điều {r.randint(3, 40)}. Hiệu lực thi hành. {q}.")
                dr.edge("@self", old, "replaces", q)
                self.cited(old)
        dr.paras.append(
            "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân "
            "các tỉnh, thành phố trực thuộc Trung ương chịu trách nhiệm thi hành Nghị định này./."
        )
        return dr

    def k_ttg(self, d: date) -> Draft | None:
        """A Prime Minister's decision approving a plan for a Government resolution or a decree."""
        r = self.rng
        target = self.pick("cp_nq") if r.random() < 0.6 else self.pick("cp_nd")
        if target is None:
            target = self.pick("cp_nd")
        if target is None:
            return None
        t = self.docs[target]
        typ = "QĐ" if r.random() < 0.75 else "CT"
        dr = Draft(self.I["ttg"], typ, "", t.topic, "ttg")
        c = self.cite(dr, target)
        if typ == "QĐ":
            if t.type == "NĐ":
                dr.subject = (
                    f"Ban hành Kế hoạch triển khai thi hành {self.cite(dr, target, short=True)}"
                )
                dr.edge("@self", target, "implements", dr.subject)
                dr.stated.append((-1, target, "implements"))
            else:
                dr.subject = f"Phê duyệt Đề án về {TOPICS[t.topic]}"
            law = self.law(GOV_LAW, d)
            dr.preamble.append(f"Căn cứ {law[0]} ngày {fmt_date(law[1], 2)};")
            dr.edge("@self", f"name:{law[0]}|{law[1].isoformat()}", "based_on", f"Căn cứ {law[0]}")
            q = f"Căn cứ {c}"
            dr.preamble.append(q + ";")
            dr.edge("@self", target, "based_on", q)
            dr.paras.append("QUYẾT ĐỊNH:")
            dr.paras.append("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện.")
        else:
            dr.subject = f"Về tăng cường thực hiện các giải pháp {TOPICS[t.topic]}"
            q = f"Để triển khai thực hiện {c}"
            dr.paras.append(q + ", Thủ tướng Chính phủ chỉ thị:")
            dr.edge("@self", target, "implements", q)
        dr.paras += self.filler(2)
        dr.party_root = self.docs[target].party_root
        self.cited(target)
        return dr

    def k_vpcp(self, d: date) -> Draft | None:
        """A Government Office letter conveying a Deputy Prime Minister's instruction."""
        r = self.rng
        target = self.pick(r.choice(("cp_nq", "ttg", "cp_nq")))
        if target is None:
            return None
        t = self.docs[target]
        dr = Draft(
            self.I["vpcp"],
            "CV",
            "",
            t.topic,
            "vpcp",
            recipients=(
                "Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
            ),
        )
        dr.subject = f"thực hiện {self.cite(dr, target, short=True)}"
        dr.edge("@self", target, "implements", "V/v " + dr.subject)
        dr.stated.append((-1, target, "implements"))
        rep = self.pick("min_bc", fresh=True)
        if rep is not None and r.random() < 0.5:
            c = self.cite(dr, rep, subject=True)
            q = f"Xét đề nghị của {self.docs[rep].issuer.name} tại {c}"
            dr.paras.append(q + f", Phó Thủ tướng Chính phủ {self.person()} có ý kiến như sau:")
            dr.edge("@self", rep, "responds_to", q)
            self.cited(rep)
        else:
            dr.paras.append(f"Phó Thủ tướng Chính phủ {self.person()} có ý kiến như sau:")
        c = self.cite(dr, target, subject=r.random() < 0.6)
        q = f"tiếp tục triển khai thực hiện nghiêm túc, hiệu quả {c}"
        dr.paras.append(f"1. Các Bộ, cơ quan, địa phương {q}.")
        dr.edge("@self", target, "implements", q)
        dr.paras += self.filler(1)
        dr.paras.append("Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.")
        dr.party_root = t.party_root
        self.cited(target)
        return dr

    def ministry(self, d: date) -> Issuer:
        live = [m for m, y0, y1 in self.I["ministries"] if y0 <= d.year <= y1]
        return self.rng.choice(live)

    def k_min_tt(self, d: date) -> Draft | None:
        """A circular detailing a decree (based_on + guides), sometimes replacing an older one."""
        r = self.rng
        nd = self.pick("cp_nd")
        if nd is None:
            return None
        me = self.ministry(d)
        t = self.docs[nd]
        dr = Draft(me, "TT", "", t.topic, "min_tt", normative=True)
        for law in self.laws(d, GOV_LAW, r.randint(1, 2))[1:]:
            dr.preamble.append(f"Căn cứ {law[0]} ngày {fmt_date(law[1], 2)};")
            dr.edge("@self", f"name:{law[0]}|{law[1].isoformat()}", "based_on", f"Căn cứ {law[0]}")
        c = self.cite(dr, nd)
        dr.subject = f"Hướng dẫn thi hành một số điều của {c}"
        q = f"Căn cứ {c}"
        dr.preamble.append(q + ";")
        dr.edge("@self", nd, "based_on", q)
        dr.edge("@self", nd, "guides", "Hướng dẫn thi hành một số điều của " + c)
        dr.stated.append((-1, nd, "guides"))
        dr.preamble.append(
            f"Bộ trưởng {me.name} ban hành Thông tư hướng dẫn thi hành "
            f"{self.cite(dr, nd, short=True)}."
        )
        dr.paras += self.filler(2)
        old = self.pick("min_tt")
        if old is not None and self.docs[old].issuer is me and r.random() < 0.5:
            q = f"Thông tư này thay thế {self.cite(dr, old)}"
            dr.paras.append(q + ".")
            dr.edge("@self", old, "replaces", q)
            self.cited(old)
        self.cited(nd)
        return dr

    def k_min_kh(self, d: date) -> Draft | None:
        r = self.rng
        target = self.pick("cp_nq") if r.random() < 0.6 else self.pick("ttg")
        if target is None:
            return None
        me = self.ministry(d)
        t = self.docs[target]
        dr = Draft(me, "KH", "", t.topic, "min_kh")
        c = self.cite(dr, target, subject=r.random() < 0.4)
        dr.subject = f"Triển khai thực hiện {self.cite(dr, target, short=True)}"
        q = f"Thực hiện {c}"
        dr.paras.append(q + f", {me.name} ban hành Kế hoạch triển khai thực hiện như sau:")
        dr.edge("@self", target, "implements", q)
        dr.stated.append((-1, target, "implements"))
        dr.paras += self.filler(3)
        dr.party_root = t.party_root
        self.cited(target)
        return dr

    def k_min_cv(self, d: date) -> Draft | None:
        r = self.rng
        target = self.pick(r.choice(("vpcp", "min_tt", "cp_nd")), fresh=True)
        if target is None:
            return None
        me = self.ministry(d)
        t = self.docs[target]
        dr = Draft(
            me,
            "CV",
            "",
            t.topic,
            "min_cv",
            recipients=("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",),
        )
        if t.pool == "vpcp":
            dr.subject = f"triển khai ý kiến chỉ đạo tại {self.cite(dr, target, short=True)}"
            c = self.cite(dr, target, subject=r.random() < 0.5)
            q = f"Thực hiện ý kiến chỉ đạo của Phó Thủ tướng Chính phủ tại {c}"
            dr.edge("@self", target, "implements", q)
            dr.stated.append((-1, target, "implements"))
        else:
            dr.subject = f"hướng dẫn thực hiện {self.cite(dr, target, short=True)}"
            c = self.cite(dr, target)
            q = f"Để hướng dẫn thực hiện {c}"
            dr.edge("@self", target, "guides", q)
            dr.stated.append((-1, target, "guides"))
        dr.paras.append(q + f", {me.name} đề nghị các địa phương:")
        dr.paras += self.filler(2)
        self.cited(target)
        return dr

    def k_min_bc(self, d: date) -> Draft | None:
        me = self.ministry(d)
        topic = self.rng.randrange(len(TOPICS))
        dr = Draft(
            me,
            "BC",
            f"Tình hình và kết quả thực hiện nhiệm vụ về {TOPICS[topic]} năm {d.year}",
            topic,
            "min_bc",
        )
        dr.paras += self.filler(4)
        return dr

    def province(self) -> dict[str, Any]:
        return self.rng.choice(self.I["provinces"])

    def k_tu(self, d: date) -> Draft | None:
        """A provincial Party plan carrying out a Party resolution (one per province and root)."""
        r = self.rng
        p = self.province()
        roots = [i for i in self.pools.get("tw", ()) if (p["name"], i) not in self.tu_plan]
        if not roots:
            return None
        root = roots[-1] if r.random() < 0.6 else r.choice(roots)
        t = self.docs[root]
        typ = r.choices(("KH", "CTr", "NQ"), (0.6, 0.3, 0.1))[0]
        dr = Draft(p["tu"], typ, "", t.topic, "tu")
        c = self.cite(dr, root)
        dr.subject = f"thực hiện {c} về {TOPICS[t.topic]}"
        dr.stated.append((-1, root, "implements"))
        q = f"Thực hiện {c}"
        dr.paras.append(
            q + f" (sau đây gọi tắt là {self.cite(dr, root, short=True)}), "
            f"{p['tu'].local_name} xây dựng {TYPE_NAMES[typ]} thực hiện như sau:"
        )
        dr.edge("@self", root, "implements", q)
        dr.paras += self.filler(3)
        dr.party_root = root
        self.tu_plan[(p["name"], root)] = len(self.docs)
        self.cited(root)
        return dr

    def k_hdnd(self, d: date) -> Draft | None:
        r = self.rng
        p = self.province()
        nd = self.pick("cp_nd")
        if nd is None:
            return None
        dr = Draft(p["hdnd"], "NQ", "", self.docs[nd].topic, "hdnd", normative=True)
        for law in self.laws(d, LOCAL_LAW, r.randint(1, 2)):
            dr.preamble.append(f"Căn cứ {law[0]} ngày {fmt_date(law[1], 2)};")
            dr.edge("@self", f"name:{law[0]}|{law[1].isoformat()}", "based_on", f"Căn cứ {law[0]}")
        c = self.cite(dr, nd)
        q = f"Căn cứ {c}"
        dr.preamble.append(q + ";")
        dr.edge("@self", nd, "based_on", q)
        dr.subject = f"Quy định một số chính sách về {TOPICS[dr.topic]} trên địa bàn {p['ubnd'].local_name.split()[-1]}"
        dr.preamble.append(
            "Xét Tờ trình của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban "
            "Kinh tế - Ngân sách; ý kiến thảo luận của đại biểu."
        )
        dr.paras.append("QUYẾT NGHỊ:")
        dr.paras += self.filler(2)
        self.cited(nd)
        return dr

    def k_ubnd_kh(self, d: date) -> Draft | None:
        """A provincial plan carrying out a Government resolution and the provincial Party plan."""
        r = self.rng
        p = self.province()
        target = self.pick("cp_nq") if r.random() < 0.65 else self.pick(r.choice(("ttg", "min_kh")))
        if target is None:
            return None
        t = self.docs[target]
        dr = Draft(p["ubnd"], "KH", "", t.topic, "ubnd_kh:" + p["name"])
        tu = self.tu_plan.get((p["name"], t.party_root)) if t.party_root is not None else None
        fn = r.random() < 0.5
        c = self.cite(dr, target, footnote=fn, subject=not fn and r.random() < 0.5)
        dr.subject = f"Triển khai thực hiện {self.cite(dr, target, short=True)}"
        q = f"Thực hiện {c}"
        dr.edge("@self", target, "implements", q)
        dr.stated.append((-1, target, "implements"))
        if tu is not None:
            c2 = self.cite(dr, tu, footnote=fn)
            q2 = f"và {c2}"
            dr.subject += f" và {self.cite(dr, tu, short=True)}"
            dr.edge("@self", tu, "implements", q2)
            dr.stated.append((-1, tu, "implements"))
            q = f"{q} {q2}"
            self.cited(tu)
        dr.paras.append(
            q + f", {p['ubnd'].local_name} ban hành Kế hoạch triển khai thực hiện "
            "trên địa bàn như sau:"
        )
        dr.paras.append("I. MỤC ĐÍCH, YÊU CẦU")
        dr.paras += self.filler(2)
        dr.paras.append("II. NHIỆM VỤ, GIẢI PHÁP")
        dr.paras += self.filler(2)
        old = self.pick(dr.pool)
        if old is not None and r.random() < 0.3:
            q3 = f"Tiếp tục triển khai thực hiện có hiệu quả {self.cite(dr, old)}"
            dr.paras.append(q3 + ".")
            dr.edge("@self", old, "implements", q3)
            self.cited(old)
        dr.party_root = t.party_root
        self.prov_plan[(p["name"], target)] = len(self.docs)
        self.cited(target)
        return dr

    def k_ubnd_qd(self, d: date) -> Draft | None:
        """A provincial decision: based on laws and a plan, responding to a department's proposal."""
        r = self.rng
        p = self.province()
        ttr = self.pick("so_ttr:" + p["name"], fresh=True)
        base = self.pick("ubnd_kh:" + p["name"])
        if base is None:
            base = self.pick("cp_nd")
        if base is None:
            return None
        normative = r.random() < 0.25
        dr = Draft(
            p["ubnd"], "QĐ", "", self.docs[base].topic, "ubnd_qd:" + p["name"], normative=normative
        )
        law = self.law(LOCAL_LAW, d)
        dr.preamble.append(f"Căn cứ {law[0]} ngày {fmt_date(law[1], 2)};")
        dr.edge("@self", f"name:{law[0]}|{law[1].isoformat()}", "based_on", f"Căn cứ {law[0]}")
        q = f"Căn cứ {self.cite(dr, base)}"
        dr.preamble.append(q + ";")
        dr.edge("@self", base, "based_on", q)
        if ttr is not None:
            t = self.docs[ttr]
            q2 = f"Theo đề nghị của Giám đốc {t.issuer.local_name} tại {self.cite(dr, ttr)}"
            dr.preamble.append(q2 + ".")
            dr.edge("@self", ttr, "responds_to", q2)
            self.cited(ttr)
        dr.subject = f"Ban hành Quy chế phối hợp về {TOPICS[dr.topic]} trên địa bàn tỉnh"
        dr.paras.append("QUYẾT ĐỊNH:")
        dr.paras.append("Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.")
        old = self.pick(dr.pool)
        if normative and old is not None and r.random() < 0.5:
            q3 = f"Quyết định này thay thế {self.cite(dr, old)}"
            dr.paras.append(f"Điều 2. {q3}.")
            dr.edge("@self", old, "replaces", q3)
            self.cited(old)
        dr.paras += self.filler(1)
        self.cited(base)
        return dr

    def k_ubnd_cv(self, d: date) -> Draft | None:
        """A provincial letter passing a central instruction on, naming the provincial plan."""
        r = self.rng
        p = self.province()
        target = self.pick(r.choice(("vpcp", "min_cv", "vpcp")), fresh=True)
        if target is None:
            return None
        t = self.docs[target]
        unit = r.choice(p["ubnd"].units)
        depts = r.sample(p["depts"], 2)
        dr = Draft(
            p["ubnd"],
            "CV",
            "",
            t.topic,
            "ubnd_cv:" + p["name"],
            recipients=tuple(x.local_name for x in depts)
            + ("Ủy ban nhân dân các huyện, thành phố",),
        )
        dr.subject = f"thực hiện {self.cite(dr, target, short=True)}"
        c = self.cite(dr, target, subject=r.random() < 0.5)
        q = f"Thực hiện ý kiến chỉ đạo tại {c}"
        dr.edge("@self", target, "implements", q)
        dr.stated.append((-1, target, "implements"))
        mark = (
            self.footnote(dr, "Trên cơ sở đề xuất của " + depts[0].local_name)
            if r.random() < 0.3
            else ""
        )
        tail = f", {p['ubnd'].local_name}{mark} có ý kiến như sau:"
        dr.paras.append(q + tail)
        plan = self.pick("ubnd_kh:" + p["name"])
        if plan is not None:
            c2 = self.cite(dr, plan, footnote=r.random() < 0.6)
            q2 = f"tiếp tục triển khai thực hiện có hiệu quả các nhiệm vụ tại {c2}"
            dr.paras.append(f"1. Các đơn vị, địa phương {q2}.")
            dr.edge("@self", plan, "implements", q2)
            self.cited(plan)
        dr.paras.append(
            f"2. Giao {depts[0].local_name} chủ trì, phối hợp với {depts[1].local_name} "
            f"tham mưu {p['ubnd'].local_name} triển khai theo ý kiến chỉ đạo tại Văn bản nêu trên."
        )
        dr.paras += self.filler(1)
        dr.unit = unit
        self.cited(target)
        return dr

    def k_so_kh(self, d: date) -> Draft | None:
        r = self.rng
        p = self.province()
        plan = self.pick("ubnd_kh:" + p["name"])
        if plan is None:
            return None
        me = r.choice(p["depts"])
        dr = Draft(me, "KH", "", self.docs[plan].topic, "so_kh:" + p["name"])
        c = self.cite(dr, plan, subject=r.random() < 0.5)
        dr.subject = (
            f"Triển khai thực hiện {self.cite(dr, plan, short=True)} của Ủy ban nhân dân tỉnh"
        )
        q = f"Thực hiện {c}"
        dr.paras.append(q + f", {me.local_name} xây dựng Kế hoạch thực hiện như sau:")
        dr.edge("@self", plan, "implements", q)
        dr.stated.append((-1, plan, "implements"))
        dr.paras += self.filler(3)
        self.cited(plan)
        return dr

    def k_so_cv(self, d: date) -> Draft | None:
        r = self.rng
        p = self.province()
        target = self.pick("ubnd_cv:" + p["name"], fresh=True)
        if target is None:
            return None
        me = r.choice(p["depts"])
        dr = Draft(
            me,
            "CV",
            "",
            self.docs[target].topic,
            "so_cv:" + p["name"],
            recipients=("Ủy ban nhân dân các huyện, thành phố",),
        )
        dr.subject = f"triển khai {self.cite(dr, target, short=True)} của UBND tỉnh"
        c = self.cite(dr, target, subject=r.random() < 0.5)
        q = f"Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh tại {c}"
        dr.paras.append(q + f", {me.local_name} đề nghị các đơn vị:")
        dr.edge("@self", target, "implements", q)
        dr.stated.append((-1, target, "implements"))
        tt = self.pick("min_tt")
        if tt is not None and r.random() < 0.3:
            q2 = f"theo quy định tại {self.cite(dr, tt)}"
            dr.paras.append(f"Tổ chức thực hiện {q2}.")
            dr.edge("@self", tt, "cites", q2)
            self.cited(tt)
        dr.paras += self.filler(2)
        self.cited(target)
        return dr

    def k_so_ttr(self, d: date) -> Draft | None:
        r = self.rng
        p = self.province()
        plan = self.pick("ubnd_kh:" + p["name"])
        me = r.choice(p["depts"])
        topic = self.docs[plan].topic if plan is not None else r.randrange(len(TOPICS))
        dr = Draft(
            me,
            "TTr",
            f"Đề nghị ban hành Quy chế phối hợp về {TOPICS[topic]}",
            topic,
            "so_ttr:" + p["name"],
        )
        if plan is not None:
            q = f"Thực hiện {self.cite(dr, plan)}"
            dr.paras.append(q + f", {me.local_name} kính trình Ủy ban nhân dân tỉnh xem xét:")
            dr.edge("@self", plan, "implements", q)
            self.cited(plan)
        dr.paras += self.filler(2)
        return dr

    def k_dist_kh(self, d: date) -> Draft | None:
        r = self.rng
        p = self.province()
        plan = self.pick("ubnd_kh:" + p["name"])
        if plan is None:
            return None
        me = r.choice(p["districts"])
        dr = Draft(me, "KH", "", self.docs[plan].topic, "dist_kh:" + p["name"])
        fn = r.random() < 0.4
        c = self.cite(dr, plan, footnote=fn, subject=not fn and r.random() < 0.5)
        dr.subject = (
            f"Triển khai thực hiện {self.cite(dr, plan, short=True)} của Ủy ban nhân dân tỉnh"
        )
        q = f"Triển khai thực hiện {c}"
        dr.paras.append(q + f", {me.local_name} ban hành Kế hoạch thực hiện như sau:")
        dr.edge("@self", plan, "implements", q)
        dr.stated.append((-1, plan, "implements"))
        dr.paras += self.filler(3)
        self.cited(plan)
        return dr

    def k_dist_cv(self, d: date) -> Draft | None:
        r = self.rng
        p = self.province()
        target = self.pick(("so_cv:" if r.random() < 0.5 else "ubnd_cv:") + p["name"], fresh=True)
        if target is None:
            return None
        me = r.choice(p["districts"])
        dr = Draft(
            me,
            "CV",
            "",
            self.docs[target].topic,
            "dist_cv:" + p["name"],
            recipients=(
                "Các phòng, ban chuyên môn thuộc huyện",
                "Ủy ban nhân dân các xã, thị trấn",
            ),
        )
        dr.subject = f"thực hiện {self.cite(dr, target, short=True)}"
        c = self.cite(dr, target, subject=r.random() < 0.4)
        q = f"Thực hiện {c}"
        dr.paras.append(q + f", {me.local_name} yêu cầu các cơ quan, đơn vị:")
        dr.edge("@self", target, "implements", q)
        dr.stated.append((-1, target, "implements"))
        dr.paras += self.filler(2)
        self.cited(target)
        return dr

    # -- helpers ------------------------------------------------------------------------------

    def law(self, title: str, d: date) -> tuple[str, date]:
        for t, passed, until in LAWS:
            if t == title and passed <= d <= until:
                return t, passed
        return title, LAWS[0][1]

    def laws(self, d: date, first: str, k: int) -> list[tuple[str, date]]:
        out = [self.law(first, d)]
        others = [(t, p) for t, p, u in LAWS if p <= d <= u and t not in (GOV_LAW, LOCAL_LAW)]
        for law in self.rng.sample(others, min(k - 1, len(others))):
            out.append(law)
        return out

    def filler(self, k: int) -> list[str]:
        return [f"{i + 1}. {s}" for i, s in enumerate(self.rng.sample(FILLER, k))]

    # -- numbering and rendering --------------------------------------------------------------

    def number(self, dr: Draft, d: date) -> int:
        iss = dr.issuer
        if iss.party:
            key: tuple[Any, ...] = (iss.code, iss.province, dr.type, party_term(iss, d))
            # the term running when the corpus starts is well advanced; a new term starts at 1
            first = party_term(iss, START) == key[-1]
            start = (40 if iss.level == "party" else 100) if first else 0
        else:
            # one yearly sequence per issuer (per type for the Government's own series), shared by
            # normative and administrative texts, so that 05/2024/QĐ-UBND and 05/QĐ-UBND of 2024
            # are never two documents (the identity rule treats them as one)
            group = dr.type if iss.level == "government" else ""
            key = (iss.code, iss.province, iss.district, d.year, group)
            start = 0
        gap = {
            "party": 2,
            "province_party": 8,
            "government": 4,
            "ministry": 40,
            "council": 3,
            "province": 30,
            "department": 15,
            "district": 10,
        }[iss.level]
        n = self.counters.get(key, start) + 1 + (self.rng.randrange(gap) if gap > 1 else 0)
        self.counters[key] = n
        return n

    def symbol(self, dr: Draft, n: int, d: date) -> str:
        iss = dr.issuer
        if iss.party:
            return f"{n}-{dr.type}/{iss.code}"
        num = f"{n:02d}" if n < 10 else str(n)
        if dr.type == "CV":
            unit = dr.unit or self.rng.choice(iss.units)
            return f"{num}/{iss.code}-{unit}"
        if dr.normative:
            return f"{num}/{d.year}/{dr.type}-{iss.code}"
        return f"{num}/{dr.type}-{iss.code}"

    def render(self, dr: Draft, symbol: str, d: date, sig: str) -> str:
        r = self.rng
        iss = dr.issuer
        width = r.choice((0, 72, 78, 80, 84))
        date_line = f"{iss.place}, ngày {fmt_date(d, 2)}"
        out: list[str] = [""]
        if iss.party:
            out.append(f"{iss.header[0]} ĐẢNG CỘNG SẢN VIỆT NAM")
            out.append("*")
            out.append(f"Số {symbol} {date_line}")
        elif r.random() < 0.75:  # PDF extraction: both columns on one line
            out.append(f"{iss.header[0]} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ")
            if len(iss.header) > 1:
                out.append(f"{iss.header[1]} Độc lập - Tự do - Hạnh phúc ")
            else:
                out.append("Độc lập - Tự do - Hạnh phúc ")
            out.append(f"Số: {symbol} {date_line} ")
        else:  # columns one after the other
            out += list(iss.header)
            out += [
                "",
                f"Số: {symbol}",
                "",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "",
                date_line,
            ]
        out.append("")
        if dr.type == "CV":
            out.append(wrap("V/v " + dr.subject, 34))
            out += ["", "Kính gửi:"]
            out += [f"- {x};" for x in dr.recipients]
        else:
            out.append(TYPE_NAMES[dr.type].upper())
            out.append(wrap(dr.subject[0].upper() + dr.subject[1:], 70))
            if dr.normative or dr.preamble:
                out += [
                    "",
                    iss.name.upper()
                    if iss.level != "ministry"
                    else f"BỘ TRƯỞNG {iss.name.upper()}",
                ]
        out.append("")
        for line in dr.preamble:
            out.append(wrap(line, width))
        if dr.preamble:
            out.append("")
        for para in dr.paras:
            out.append(wrap(para, width))
            out.append("")
        if dr.footnotes:
            out.append(" " * 19)
            for i, fn in enumerate(dr.footnotes, 1):
                mark = str(i).translate(SUPERSCRIPT) if dr.superscript else str(i)
                out.append(wrap(f"{mark} {fn}", 110))
            out.append("")
        out.append("Nơi nhận:")
        out += ["- Như trên;", "- Lưu: VT."]
        out.append("")
        out += self.signature(dr)
        out += ["", sig, ""]
        return "\n".join(out)

    def signature(self, dr: Draft) -> list[str]:
        lvl = dr.issuer.level
        deputy = self.rng.random() < 0.5
        if lvl == "party":
            return [
                "T/M BỘ CHÍNH TRỊ" if dr.issuer.name == "Bộ Chính trị" else "T/M BAN BÍ THƯ",
                "TỔNG BÍ THƯ" if not deputy else "THƯỜNG TRỰC BAN BÍ THƯ",
            ]
        if lvl == "province_party":
            return ["T/M BAN THƯỜNG VỤ", "BÍ THƯ" if not deputy else "PHÓ BÍ THƯ"]
        if dr.issuer.code == "CP":
            return (
                ["TM. CHÍNH PHỦ", "THỦ TƯỚNG"]
                if not deputy
                else ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"]
            )
        if dr.issuer.code == "TTg":
            return ["THỦ TƯỚNG"] if not deputy else ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"]
        if dr.issuer.code == "VPCP":
            return ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"]
        if lvl == "ministry":
            return ["BỘ TRƯỞNG"] if not deputy else ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
        if lvl == "council":
            return ["CHỦ TỊCH"]
        if lvl in ("province", "district"):
            return (
                ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
                if not deputy
                else ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
            )
        return ["GIÁM ĐỐC"] if not deputy else ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]

    # -- the loop -----------------------------------------------------------------------------

    def documents(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Yield (relative path, text, gold record) for each document, in date order."""
        r = self.rng
        for i in range(self.n):
            d = (
                START + timedelta(days=(i * self.span) // max(1, self.n - 1))
                if self.n > 1
                else START
            )
            # The first documents of a corpus are Party resolutions, so every chain has a root.
            kind = (
                "tw"
                if i < 3 or not self.pools.get("tw")
                else r.choices(self.kinds, self.weights)[0]
            )
            dr = self.make(kind, d)
            if dr is None:
                dr = self.make("min_bc" if r.random() < 0.5 else "tw", d)
            assert dr is not None
            n = self.number(dr, d)
            sym = self.symbol(dr, n, d)
            path = f"{i // FILES_PER_DIR:04d}/{i:07d}.txt"
            text = self.render(dr, sym, d, self.person())
            doc = Doc(
                i,
                dr.issuer,
                dr.type,
                sym,
                d,
                dr.topic,
                dr.subject,
                dr.pool,
                tuple((i if f == -1 else f, t, rel) for f, t, rel in dr.stated),
                dr.party_root,
            )
            self.docs.append(doc)
            self.pools.setdefault(dr.pool, []).append(i)
            yield path, text, self.gold(path, doc, dr, n)

    def gold(self, path: str, doc: Doc, dr: Draft, n: int) -> dict[str, Any]:
        """The gold record: one edge per (from, to) pair, relations merged, optional kept honest."""
        pairs: dict[tuple[str, str], dict[str, Any]] = {}

        def node(x: int | str) -> str:
            if isinstance(x, str):
                return x
            return "@self" if x in (-1, doc.idx) else self.docs[x].symbol

        required_to: set[str] = set()
        for frm, to, rel, quote, reported, optional in dr.edges:
            f, t = node(frm), node(to)
            if f == t:
                continue
            e = pairs.get((f, t))
            if e is None:
                e = {"from": f, "to": t, "rel": [], "quote": quote}
                if isinstance(to, int) and to >= 0:
                    e["to_date"] = self.docs[to].date.isoformat()
                    e["to_key"] = self.key_of(to)
                if isinstance(frm, int) and frm >= 0 and f != "@self":
                    e["from_key"] = self.key_of(frm)
                if reported:
                    e["reported"] = True
                e["optional"] = optional
                pairs[(f, t)] = e
            elif not optional:
                e["optional"] = False
            if rel not in e["rel"]:
                e["rel"].append(rel)
            if f == "@self" and not optional:
                required_to.add(t)
        # Every document the text names is at least cited; say so, without demanding it.
        for frm, to, _rel, quote, _rep, _opt in dr.edges:
            for x in (frm, to):
                if isinstance(x, int) and x >= 0 and x != doc.idx:
                    s = self.docs[x].symbol
                    if s not in required_to and ("@self", s) not in pairs:
                        pairs[("@self", s)] = {
                            "from": "@self",
                            "to": s,
                            "rel": ["cites"],
                            "quote": quote,
                            "optional": True,
                            "to_date": self.docs[x].date.isoformat(),
                            "to_key": self.key_of(x),
                        }
        edges = []
        for e in pairs.values():
            if not e.get("optional"):
                e.pop("optional", None)
            edges.append(e)
        iss = dr.issuer
        title = ("V/v " + dr.subject) if dr.type == "CV" else dr.subject
        return {
            "file": path,
            "source": f"legal-graph synth (seed {self.seed})",
            "document": {
                "symbol": doc.symbol,
                "type": dr.type,
                "issuer": iss.short,
                "issuer_code": iss.code,
                "date": doc.date.isoformat(),
                "jurisdiction": iss.province,
                "title": title,
                "key": doc_key(iss, dr.type, doc.date, n),
            },
            "edges": edges,
        }

    def key_of(self, idx: int) -> str:
        t = self.docs[idx]
        m = re.match(r"\d+", t.symbol)
        return doc_key(t.issuer, t.type, t.date, int(m.group(0)) if m else 0)


@dataclass(frozen=True)
class SynthReport:
    documents: int
    edges: int
    bytes: int
    out_dir: str


def generate(n: int, out_dir: str | Path, seed: int = 0) -> SynthReport:
    """Write ``n`` documents and ``truth.jsonl`` under ``out_dir``; return what was written."""
    if n < 1:
        raise ValueError(f"N must be at least 1, got {n}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(n, seed)
    edges = size = 0
    made: set[str] = set()
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth:
        for path, text, gold in gen.documents():
            sub = path.split("/", 1)[0]
            if sub not in made:
                (out / sub).mkdir(exist_ok=True)
                made.add(sub)
            data = text.encode("utf-8")
            (out / path).write_bytes(data)
            size += len(data)
            edges += len(gold["edges"])
            truth.write(json.dumps(gold, ensure_ascii=False) + "\n")
    return SynthReport(n, edges, size, str(out))
