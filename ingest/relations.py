"""Classify each citation: who asserts what about whom, from cue phrases and their scope.

A clause is read left to right. The first citation takes the nearest cue before it ("Thực hiện",
"Căn cứ", "sửa đổi, bổ sung" …). Citations joined by "và" or "," share that cue. Text right after
a citation that begins its own description ("về …", "ban hành …", "thực hiện …") belongs to that
citation: citations inside it are related to it, not to the citing document (a REPORTED relation:
"Nghị quyết số 50/NQ-CP … ban hành Chương trình hành động … thực hiện Nghị quyết số 52-NQ/TW"
⇒ 50/NQ-CP implements 52-NQ/TW). A citation joined by "và" climbs out of a description when the
described document could not carry it out: a document carries out documents of its own or a
higher level (a Government resolution does not implement a provincial Party plan).

Footnotes are tied to their markers: a footnote that starts with a citation names what the marked
words refer to; a footnote after a citation is that citation's description; any other footnote is
a remark of the citing document itself.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ingest.clean import CleanText, lowered, squash
from ingest.identity import LOWER, UPPER
from ingest.laws import LAW_TYPES, name_key
from ingest.references import TYPE_WORD_RE, Mention

SELF = -1

# "… mục đích sử dụng đất tại (các) ", "… Điều 1 tại ", "… danh mục quỹ đất do Nhà nước quản lý
# trên địa bàn tỉnh kèm theo ", "… tại khoản 1 Điều 1 ": what stands in the document named next
# (not "… theo quy định tại", nor a thing "được phê duyệt tại X": there X only issued it)
_STANDS_IN = (
    r"(?:(?!(?:được|theo|quy|thực|như|hướng)\s)[\w()/,-]+\s+){1,16}?"
    r"(?:tại|(?:ban\s+hành\s+)?kèm\s+theo(?:\s+tại)?)\s+(?:các\s+)?"  # ("… phụ lục kèm theo tại X")
    # "… tại khoản 1 Điều 1 Quyết định X"
    r"(?:(?:điểm|khoản|điều|mục|phụ\s+lục)\s+[\w.]+\s+(?:của\s+)?){0,3}"
)
# "Điều 2, Điều 3 ", "khoản 1 Điều 1 của ": provisions of the document named next
_PROVISION_LIST = (
    r"(?:(?:điểm|khoản|điều|mục|phụ\s+lục)\s+[\w.]+(?:\s*,\s*|\s+và\s+|\s+)){1,6}(?:của\s+)?"
)
_NUMBERED = (
    r"(?:nghị\s+định|nghị\s+quyết|thông\s+tư|quyết\s+định|kế\s+hoạch|chỉ\s+thị)\s+(?:số\s*:?\s*)?\d"
)

_CUES: list[tuple[str, str]] = [
    ("based_on", r"căn\s+cứ"),
    (
        "responds_to",
        r"xét\s+đề\s+nghị|xét\s+đề\s+xuất|xét\s+tờ\s+trình|xét\s+báo\s+cáo|theo\s+đề\s+nghị|"
        r"theo\s+đề\s+xuất|xem\s+xét\s+đề\s+nghị|đề\s+nghị\s+của|kiến\s+nghị\s+của|phúc\s+đáp|"
        r"trả\s+lời|hồi\s+đáp",
    ),
    (
        "amends",
        r"sửa\s+đổi,?\s+bổ\s+sung|sửa\s+đổi|bổ\s+sung\s+một\s+số\s+điều|"
        # "bổ sung Nghị định số X", "Bổ sung Điều 5a vào Luật …" (not "bổ sung hồ sơ"); "bổ sung
        # danh mục dự án tại Quyết định X": what stands in X
        rf"bổ\s+sung(?=\s+(?:nghị\s|thông\s+tư|quyết\s+định|luật|điều|khoản|điểm|phụ\s+lục|vào\s|"
        rf"{_STANDS_IN}{_NUMBERED}))|"
        # "Thay (thế) cụm từ … của Nghị định X": a wording of X changes
        r"thay(?:\s+thế)?(?=\s+(?:các\s+|một\s+số\s+)?(?:cụm\s+từ|từ\s+ngữ|từ\s*[“\"]))|"
        # "Bỏ cụm từ “…” tại Điều 65 của Luật X": dropping words from X changes X
        r"bỏ(?=\s+(?:các\s+|một\s+số\s+)?(?:cụm\s+từ|từ\s+ngữ|từ\s*[“\"]))|"
        # "điều chỉnh (một số nội dung (tại)) Quyết định X" changes X; "điều chỉnh giá", "phạm vi
        # điều chỉnh của Nghị định X" change no document
        # (a numbered one: "điều chỉnh quyết định chủ trương đầu tư", "kế hoạch lựa chọn nhà thầu"
        # are things, and "Phạm vi điều chỉnh\nThông tư này …" is a heading)
        # "điều chỉnh Điều 2, Điều 3 Quyết định X": X's own provisions
        r"(?<!vi\s)điều\s+chỉnh(?:,?[ \t]+bổ[ \t]+sung)?(?=[ \t]+(?:(?:một\s+số\s+|các\s+)?(?:nội\s+dung|"
        rf"điều\s+khoản)(?:\s+\w+){{0,3}}?\s+(?:của\s+)?|{_PROVISION_LIST}|{_STANDS_IN})?{_NUMBERED})",
    ),
    ("replaces", r"thay\s+thế"),
    (
        "repeals",
        r"bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|hết\s+hiệu\s+lực|chấm\s+dứt\s+hiệu\s+lực|"
        # "thu hồi Quyết định số X" revokes X ("thu hồi đất theo Quyết định X" takes back land)
        r"thu\s+hồi(?=\s+(?:các\s+)?(?:quyết\s+định|văn\s+bản|công\s+văn|chỉ\s+thị|kế\s+hoạch|"
        r"thông\s+báo)\s+(?:số\s*:?\s*)?\d)",
    ),
    ("corrects", r"đính\s+chính"),
    (
        "guides",
        r"hướng\s+dẫn\s+thi\s+hành|hướng\s+dẫn\s+thực\s+hiện|hướng\s+dẫn(?!\s+viên)|quy\s+định\s+chi\s+tiết|"
        r"biện\s+pháp\s+thi\s+hành",
    ),
    ("promulgates", r"phê\s+duyệt"),
    ("_attached", r"ban\s+hành\s+kèm\s+theo|kèm\s+theo"),
    (
        "implements",
        r"triển\s+khai\s+thực\s+hiện|tổ\s+chức\s+thực\s+hiện|thực\s+hiện|triển\s+khai|"
        r"cụ\s+thể\s+hóa|cụ\s+thể\s+hoá|chỉ\s+đạo",
    ),
]
# Cue phrases are matched on a lower-cased copy of the text (same offsets), which lets the
# regex engine skip ahead on first letters; re.I would test every position.
CUE_RE = re.compile("|".join(f"(?P<{rel}>{rx})" for rel, rx in _CUES))


# "báo cáo (kết quả) thực hiện X" reports on X; it does not carry X out.
_REPORTING = re.compile(
    r"(?:báo\s+cáo|kết\s+quả|tình\s+hình|tổng\s+hợp|đánh\s+giá|sơ\s+kết|tổng\s+kết|kiểm\s+tra|"
    r"giám\s+sát|theo\s+dõi|thanh\s+tra)"
    r"(?:\s+(?:việc|kết\s+quả|tình\s+hình|và|\d+\s+năm))*\s*$",
    re.I,
)
_CHECKED = re.compile(
    r"(?:kiểm\s+tra|thanh\s+tra|giám\s+sát|theo\s+dõi|đánh\s+giá)\s[^.;]{0,120}\sviệc\s+$", re.I
)
_PASSIVE = re.compile(
    r"(?:[Đđ]ã\s+được|[Đđ]ược|[Bb]ị)(?:\s+công\s+bố|\s+" + UPPER + r"\w*(?:\s+\w+){0,5})?\s*$"
)  # "được Thủ tướng Chính phủ phê duyệt": the agent named between
# "không thay thế", "chưa sửa đổi": a negated cue states no relation; nor does one suspended
# ("tạm hoãn việc triển khai thực hiện Công văn X"; "không ngừng" is "ceaselessly").
_NEGATED = re.compile(
    r"(?<!\w)(?:không|chưa|chẳng|(?<!không\s)(?:tạm\s+)?(?:hoãn|dừng|ngừng)|đình\s+chỉ)"
    r"\s+(?:được\s+|việc\s+)?$",
    re.I,
)
_NEGATING_WORDS = ("không", "chưa", "chẳng", "hoãn", "dừng", "ngừng", "đình")
_NEEDED = re.compile(
    r"(?<!\w)cần\s+(?:phải\s+|được\s+)*(?:(?:sửa\s+đổi|bổ\s+sung|thay\s+thế)\s*,?\s*)*$", re.I
)
# A request or a task asks for a change; it makes none: "đề nghị Bộ … ban hành Thông tư thay
# thế …", "tham mưu … trình Hội đồng nhân dân tỉnh sửa đổi …". ("đề nghị của" is the
# responds_to cue; "chương trình", "quy trình", "Tờ trình" are nouns.)
_REQUEST = re.compile(
    r"(?<!\w)(?:đề\s+nghị(?!\s+của)|đề\s+xuất|kiến\s+nghị(?!\s+của)|tham\s+mưu|"
    r"(?<!chương\s)(?<!quy\s)(?<!tờ\s)(?<!lộ\s)(?<!hành\s)trình)(?!\w)",
    re.I,
)
# An unnamed document described by the cue: "xây dựng Nghị định sửa đổi Nghị định X", "các văn
# bản quy định chi tiết Bộ luật X": the cue is that document's, not the citing text's.
_UNNAMED_DOC = re.compile(
    r"(?<!\w)(?:(?P<issue>ban\s+hành\s+)|(?:hệ\s+thống\s+)?các\s+)?(?:nghị\s+định|thông\s+tư(?:\s+liên\s+tịch)?|"
    r"quyết\s+định|nghị\s+quyết|văn\s+bản|chỉ\s+thị|"
    # a draft, not yet a text: "xây dựng, hoàn thiện dự án Luật sửa đổi, bổ sung … Luật X"
    r"dự\s+(?:án|thảo)\s+(?:luật|nghị\s+định|thông\s+tư|quyết\s+định|nghị\s+quyết))"
    r"(?:\s+quy\s+phạm\s+pháp\s+luật)?(?:\s+(?:mới|khác))?"
    # "Nghị định của Chính phủ quy định chi tiết …": its issuer named, still no number
    r"(?:\s+của\s+(?:Chính\s+phủ|Quốc\s+hội|Thủ\s+tướng\s+Chính\s+phủ|Bộ\s+trưởng|Bộ))?"
    # "văn bản quy định, hướng dẫn chi tiết …": two verbs of the same document
    r"(?:\s+quy\s+định\s*,)?\s+\Z",
    re.I,
)
# After the cue, before the citation: the citation is where a rule stands or what a thing is
# done by ("hướng dẫn tại Thông tư X", "sửa đổi hồ sơ … theo quy định Nghị định X", "cụ thể hóa
# bằng các kế hoạch"), not the cue's object.
# ("bãi bỏ Phụ lục II tại Quyết định X" removes part of X; "hướng dẫn thực hiện một số điều quy
# định tại Nghị định X" guides X: only a guide's "tại" right after it points elsewhere.)
_LOCUS = re.compile(r"(?<!kèm\s)(?<!\w)theo(?!\w)", re.I)
_GUIDE_LOCUS = re.compile(r"\s*(?:tại|theo)(?!\w)", re.I)
# "Nghị định số ngày 10/01/2022 của Chính phủ quy định chi tiết Luật X": the description of a
# document whose number the text lost (no citation was read), not the citing text's own act.
# ("Chương trình hành động của Chính phủ thực hiện Nghị quyết X" in a title is the text's own.)
_DESCRIBED = re.compile(
    r"(?<!\w)số\s+ngày\s+[\d/]+\s+của\s+(?:Chính\s+phủ|Quốc\s+hội|Thủ\s+tướng(?:\s+Chính\s+phủ)?|Bộ\s+trưởng(?:\s+"
    + UPPER
    + r"\w*){1,6}|(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân(?:\s+\w+){1,4}|Hội\s+đồng\s+nhân\s+dân(?:\s+\w+){1,4})\s+$"
)
_NOMINAL = re.compile(r"(?<!\w)đến\s+$", re.I)
# "Khi thực hiện phân phối …, đại lý phải …": a "when" clause whose verb takes an activity, not a
# document, sets the scene; it carries nothing out ("Khi thực hiện Nghị quyết X" still does).
_WHEN = re.compile(r"(?<!\w)khi\s+$", re.I)
_DOCUMENT_NEXT = re.compile(
    r"\s*(?:các\s+|nghiêm\s+|đúng\s+|tốt\s+)*(?:" + TYPE_WORD_RE.pattern + ")", re.I
)
_HAS_GROUNDS = frozenset(("có", "đủ", "không", "làm", "là"))
_MID_SENTENCE = re.compile(r"[\w)][ \t]*\n?[ \t]*$")
_GROUNDS_OF = re.compile(
    r"\s+(?:vào\s+)?(?:chức\s+năng|nhiệm\s+vụ|tình\s+hình|kết\s+quả|điều\s+kiện|thực\s+tế|"
    r"nhu\s+cầu|khả\s+năng|xác\s+định|đề\s+xuất|ý\s+kiến)",
    re.I,
)
# The nouns a table's column heads make of "hết hiệu lực" (they state no repeal)
_COLUMN_HEAD = re.compile(r"(?:Ngày|Lý\s+do|Văn\s+bản|quy\s+định)\s+$")
# A label naming the text that changes ("Văn bản sửa đổi, bổ sung, thay thế, bãi bỏ một phần:
# Nghị định X" in a list of texts in force): X is the actor, the citing text changes nothing.
_ACTOR_LABEL = re.compile(
    r"(?<!\w)[Vv]ăn\s+bản\s+(?:(?:sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ|h(?:ủy|uỷ)\s+bỏ)\s*,?\s*)*$"
)
_LABEL_COLON = re.compile(r"\s*(?:một\s+phần|toàn\s+bộ)?\s*:[^:;.\n]{0,30}$")
# A change verb whose object is described, not named: "sửa đổi, bổ sung các Nghị định quy định
# điều kiện …", "bãi bỏ các văn bản có liên quan" (not "các Quyết định: số X", "các Nghị định số X")
_GENERIC_OBJECT = re.compile(
    r"[ \t\n]+(?:một\s+số\s+|các\s+)(?:nghị\s+định|thông\s+tư|luật|quyết\s+định|nghị\s+quyết|"
    r"văn\s+bản)(?:\s+quy\s+phạm\s+pháp\s+luật)?\s+(?!số\b|:|\d|sau|dưới|nêu|này|trên)"
    r"(?:quy\s+định|có\s+liên\s+quan|liên\s+quan|về|hướng\s+dẫn)",
    re.I,
)
_MEANS = re.compile(r"(?<!\w)bằng(?!\w)", re.I)
# A change verb's object that is a thing, not a document nor its part, then "và" and the
# citation: "hủy bỏ bằng tốt nghiệp trung cấp, cao đẳng và "
_THING_AND = re.compile(
    r"[ \t\n]+(?!(?:các|một|toàn|những|điều|khoản|điểm|mục|chương|phụ|tiết|nội|văn|quy|tên|"
    r"tại|theo|đối|cho|trong|của|số)(?!\w))" + LOWER + r"[^;:.“”\"]*?[ \t\n]và[ \t\n]+"
)
_THEN = re.compile(r"(?<!\w)thì(?!\w)")
# "… tại Điều 14 ", "(Điểm a khoản 3 Điều 73 ": a provision right before the citation
_PROVISION_LAST = re.compile(
    r"(?<!\w)(?:điểm|khoản|điều|mục|chương|phụ\s+lục)\s+(?:\d{1,3}[a-zđ]?|[IVXL]{1,5}|[a-zđ])"
    r"(?:\s+(?:của|số))?\s*$",
    re.I,
)
# (a provision's word with its number: "Chương trình …", "mục tiêu", "điều kiện" are no provisions)
_PROVISION_FIRST = re.compile(
    r"\s*(?:các\s+|một\s+số\s+)?(?:quy\s+định\s+(?:tại|của)\s+)?(?:điểm|khoản|điều|mục|chương|phụ\s+lục)"
    r"\s+(?:\d|[IVXLC]+\b|[a-zđ]\b)",
    re.I,
)
_PROCEDURE = re.compile(r"\s+(?:các\s+|một\s+trong\s+các\s+)?thủ\s+tục(?!\w)", re.I)
# "thực hiện theo Luật X", "thực hiện xã hội hóa … theo quy định tại Quyết định X"
_FOLLOWS = re.compile(
    r"(?:^\s*(?:đúng\s+)?|(?<!\w))theo(?:\s+(?:đúng\s+)?quy\s+định(?:\s+(?:tại|của))?)?\s*(?:các\s+)?$|"
    r"^\s*(?:đúng\s+)?theo(?!\w)",
    re.I,
)
_PROVISION_WORDS = frozenset(("điểm", "khoản", "điều", "mục", "chương", "lục", "tiết"))


# what follows a provision's word: its number ("12", "9a", "II") or letter ("điểm a")
_PROVISION_NUMBER = re.compile(r"(?:\d+[a-zđ]?|[IVXLC]+|[a-zđ])[.,;:)]?", re.I)


def _names_provision(gap: str) -> bool:
    """Whether ``gap`` ends with a provision ("khoản 4 Điều 12 ", "Điều 18 của "; not "các mục
    tiêu của": a provision's word is followed by its number): a cheap test before the pattern."""
    words = gap[-40:].split()
    while words and words[-1] in ("của", "số"):
        words.pop()
    return (
        len(words) >= 2
        and words[-2].lower() in _PROVISION_WORDS
        and _PROVISION_NUMBER.fullmatch(words[-1]) is not None
    )


# Between a cue and the citation: "theo quy định tại …" only points at the text.
_POINTER = re.compile(r"quy\s+định\s+tại|theo\s+quy\s+định|được\s+quy\s+định", re.I)
# ", và, hoặc" before the next member of a list; "các Kế hoạch số X, số Y": the type word is
# shared and the member starts with its "số".
_COORD_END = re.compile(
    r"(?:,|\bvà\b|\bcùng\b|\bhoặc\b)\s*(?:các\s+|với\s+)?(?:số\s*:?\s*)?$", re.I
)


def _coordinated(gap: str) -> bool:
    """Whether ``gap`` ends with ``_COORD_END``. Each of its words holds one of these letters:
    a test for them spares the search, under re.I tried at every position, most of the time."""
    tail = gap[-24:]
    if "," not in tail and not any(map(tail.lower().__contains__, "àùặ")):
        return False
    return _COORD_END.search(tail) is not None


# "…; khoản 4 Điều 12 Nghị định X và điểm d khoản 4 Điều 1 Nghị định Y": members named by their
# provisions (when no cue stands between: "(sửa đổi điểm c, điểm e Điều 18 Thông tư Y)" is not)
_COORD_PROVISIONS = re.compile(
    r"(?:,|\bvà\b|\bhoặc\b)\s*(?:(?:điểm|khoản|điều|mục|chương|phụ\s+lục)\s+[\w.]+\s+(?:của\s+)?)+"
    r"(?:số\s*:?\s*)?$",
    re.I,
)
# "hướng dẫn Điều 52 của Luật A và một số điều của Nghị định B": unnumbered provisions of B
_COORD_SOME_PROVISIONS = re.compile(
    r"(?:,|\bvà\b|\bhoặc\b)\s*(?:một\s+số|các)\s+(?:điều|khoản|điểm)\s+(?:của\s+)?$", re.I
)
_DESC_OPEN = re.compile(
    r"^[\s,(]*(?:về|v/v|ban\s+hành|thực\s+hiện|triển\s+khai|quy\s+định|hướng\s+dẫn|sửa\s+đổi|"
    r"bổ\s+sung|phê\s+duyệt|thay\s+thế|bãi\s+bỏ|đính\s+chính|cụ\s+thể\s+h(?:óa|oá)|được|đã\s+được|"
    r"kèm\s+theo|hợp\s+nhất|[\"“])(?!\w)",
    re.I,
)
_LIST_ITEM = re.compile(
    r"(?:[-–•+]|[a-zđ]\)|\d{1,3}(?:\.\d{1,2})*[.)]|[IVX]{1,4}\.)\s|(?:Nghị|Quyết|Thông|Luật|Bộ|Chỉ|Kế|Văn)\s",
)
_HEADING_INITIALS = frozenset("ĐCMPN")  # the first letters of _HEADING's words
_HEADING = re.compile(r"(?:Điều|Chương|Mục|Phụ\s+lục|Căn\s+cứ|Nơi\s+nhận)\b")
# An article heading that announces the documents listed under it, with no colon: "Điều 1. Bãi
# bỏ toàn bộ 15 văn bản quy phạm pháp luật" (its items take its cue, as after "… sau đây:")
_ANNOUNCES_DOCUMENTS = re.compile(
    r"(?:\d+|các|những)\s+văn\s+bản(?:\s+quy\s+phạm\s+pháp\s+luật)?(?:\s+sau(?:\s+đây)?)?$",
    re.I,
)


def _announces_documents(clause: str) -> bool:
    """Whether ``clause`` ends announcing a list of documents ("Bãi bỏ toàn bộ 15 văn bản");
    searched (under re.I, at every position of a clause) only when "văn" is in it."""
    return "văn" in clause.lower() and _ANNOUNCES_DOCUMENTS.search(clause) is not None


# A footnote that says where the marked thing was issued: "¹ Phê duyệt tại Quyết định số …"
_SOURCE_LEAD = re.compile(
    r"[ \t]*(?:(?:được|đã\s+được)\s+)?(?:(?:phê\s+duyệt|ban\s+hành)(?:\s+kèm\s+theo)?\s+)?(?:tại|theo)\s+",
    re.I,
)
_NEXT_CITATION = re.compile(
    r"\b(?:Nghị|Quyết|Thông|Luật|Chỉ|Kế|Văn|Công)\s+\S+\s+(?:số\s+)?\d", re.I
)
_ATTACHED = re.compile(r"^\W*(?:được\s+)?(?:ban\s+hành\s+)?kèm\s+theo\s*$", re.I)
_ISSUED = re.compile(r"\bđã\s+ban\s+hành\s*$", re.I)
_OPENERS = r"(?:Thực|Triển|Căn|Xét|Theo|Phúc|Trên|Nhằm|Để|Tiếp|Sau|Ngày|Quán)\s"
_CLAUSE_BREAK = re.compile(
    r";|\.(?=\s+(?:[^\W\d_]|\d|[-–•])|\s*$)|:(?=\s*\n)"
    # (the line breaks' alternatives share their "\n": the engine reads it once per line, not
    # three times; in their order, so the same one matches)
    r"|\n(?:(?=[ \t]*(?:[-–•+][ \t]|[a-zđ]\)[ \t]|"
    r"\d{1,2}(?:\.\d{1,2})*\.[ \t]|[IVX]{1,4}\.[ \t]|Điều[ \t]+\d|Chương[ \t]+[IVX\d]|Căn[ \t]+cứ|"
    r"Nơi[ \t]+nhận))"
    r"|[ \t]*\n\s*(?=" + _OPENERS + r")"
    # a table row's number on a line of its own, the row's document on the next: a row's note
    # ("Đã được đính chính tại Quyết định X về việc đính chính Thông tư …") ends with its row
    # (or the number masked as page furniture, and a type cell "Thông tư" over a "Số …" cell)
    r"|(?=[ \t]*\d{1,4}\.?[ \t]*\n[ \t]*(?:Thông|Nghị|Quyết|Luật|Bộ|Pháp|Chỉ|Văn|Kế|Công)\s"
    r"|[ \t]*\n[ \t]*(?:Thông\s+tư(?:\s+liên\s+tịch)?|Nghị\s+định|Quyết\s+định|Nghị\s+quyết|Luật|"
    r"Pháp\s+lệnh|Chỉ\s+thị)[ \t]*\n[ \t]*Số\s))"
    # an article's heading that names its topic ("Điều 9. Trách nhiệm thực hiện"): its cue word is a
    # noun, the citation on the next line (often a footnote's) is not carried out. (The line
    # start is a look-behind after the "Đ": every alternative starts with a literal character,
    # which lets the engine skip to them; "(?m:^…)" first would make it try each position.)
    r"|Đ(?<![^\n]Đ)iều[ \t]+\d+[a-zđ]?\.[^\n]{0,60}?(?:thực[ \t]+hiện|triển[ \t]+khai)[ \t]*\n"
    # after ")": a heading run into the text ("… (Kèm theo Quyết định số X) Thực hiện …")
    r"|\)[ \t]*\n?[ \t]*(?=" + _OPENERS + r")"
)
_MAX_CUE_DISTANCE = 320
_LINE_ENDS = re.compile(r"[ \t]*\n")
# A deadline cell of a task table on lines of its own: "Tháng \n5/2026", "Quý IV/2026", "Năm
# 2026", "Thường \nxuyên", "Hằng năm", "2026"
_DEADLINE_CELL = re.compile(
    r"\n[ \t]*(?:(?:Tháng|Quý|Năm)[ \t\n]+(?:(?:[IVX]{1,4}|\d{1,2})(?:/|[ \t\n]+năm[ \t\n]+))?\d{4}|"
    r"Thường[ \t\n]+xuyên|(?:Hằng|Hàng)[ \t\n]+năm|\d{4})[ \t]*\n"
)
# A header line in capitals ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"): no lower-case letter in it.
_CAPS_LINE = re.compile(
    r"(?m)^(?=[^\n]*?" + UPPER + r"[^\n]*?" + UPPER + r")[^\n" + LOWER[1:-1] + r"]{4,}$"
)


class Assertion(NamedTuple):
    """subject/object are mention indices (SELF for the citing document). A NamedTuple: a
    long document makes thousands, and a frozen dataclass costs ten times more to build."""

    subject: int
    relation: str
    object: int
    start: int
    end: int
    reported: bool = False
    cue: str = ""  # the words that typed the relation ("" for a plain mention)


@dataclass(frozen=True)
class Carry:
    rel: str
    head: int | None  # for a passive list ("X được sửa đổi bởi:"), the X
    start: int
    words: str = ""  # the cue words of the list's lead-in
    earlier: tuple[int, ...] = ()  # other citations that open a line before the X, last first

    def head_for(self, gi: int, rank: Rank) -> int | None:
        """The X an item ``gi`` changes: the head, or, when the head is of a higher level (a
        decree that opens a line of the X's description: "Thông tư X … hướng dẫn … của\nNghị
        định Y …, được sửa đổi, bổ sung bởi: Thông tư Z"), the last citation before it that
        opens a line and is not."""
        if self.head is None or self.rel not in _DOWNWARD:
            return self.head
        for h in (self.head, *self.earlier):
            if not _outranks(rank, h, gi):
                return h
        return self.head


@dataclass
class _Frame:
    governors: tuple[int, ...]  # (SELF,) or mention indices
    parent: _Frame | None
    rel: str | None = None
    cue_start: int | None = None
    members: list[int] = field(default_factory=list)
    # "X được sửa đổi, bổ sung bởi Y và Z": every member of the frame amends X
    passive: tuple[str, int, str] | None = None  # (relation, X, cue words)
    words: str = ""  # the cue words that typed ``rel``


def clauses(
    text: str, start: int = 0, end: int | None = None, extra: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """Clause spans: split at ";", sentence ends, list items and all-capitals header lines."""
    end = len(text) if end is None else end
    cuts = [start, *(x for x in extra if start < x < end)]
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        cuts.append(m.end())
    for m in _CAPS_LINE.finditer(text, start, end):
        if sum(c.isalpha() for c in m.group()) >= 4:
            cuts.append(m.start())
            cuts.append(m.end())
    cuts.append(end)
    cuts = sorted(set(cuts))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


_WORDING = re.compile(r"\s*(?:các\s+|một\s+số\s+)?(?:cụm\s+từ|từ\s+ngữ|từ\s*[“\"]|cụm)", re.I)
_ABOUT = re.compile(r"\bvề\s+(?:việc\s+)?$", re.I)
# a text that opens with its own subject line (a register's row: "về việc triển khai thực hiện
# chỉ thị X"): "về việc" is the text's own subject, not an unnamed document's
_OWN_SUBJECT = re.compile(r"\s*(?:v/v|về\s+việc|về)\s+", re.I)


# The first syllable of every cue, as a word: one scan of a window finds where a cue may start,
# then the cue is matched there. Scanning with CUE_RE itself costs several times more (it
# tries its alternatives at each letter), and one str.find per syllable, more again.
def _alternatives(rx: str) -> list[str]:
    """The top-level alternatives of a pattern (a "|" inside a group or a look-ahead is not one)."""
    out, depth, last = [], 0, 0
    for i, c in enumerate(rx):
        if c == "(" and rx[i - 1 : i] != "\\":
            depth += 1
        elif c == ")" and rx[i - 1 : i] != "\\":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(rx[last:i])
            last = i + 1
    return [*out, rx[last:]]


# A look-behind before the head ("(?<!vi\\s)điều") is dropped: left in, it would make an empty
# head, which matches at every position and turns the scan into a call of CUE_RE per word.
_LOOK_BEHIND = re.compile(r"\(\?<[!=](?:[^()\\]|\\.)*\)")
_CUE_HEADS = sorted(
    {
        re.split(r"\\s|[,(?|\\]", _LOOK_BEHIND.sub("", alt), maxsplit=1)[0]
        for _, rx in _CUES
        for alt in _alternatives(rx)
    },
    key=len,
    reverse=True,
)
# The words a cue spells out after its head ("quy\s+định\s+chi\s+tiết"), up to the first that
# is not a plain word (a group, a class, or its last letters optional: the letters before stay).
_SPELLED_WORD = re.compile(r"\\s\+?([^\W\d_]+)(?![?*{])")


def _next_words(alternatives: Iterable[str]) -> dict[str, str]:
    """For each cue head whose every cue spells out words after it: a look-ahead for them. Most
    heads the scan finds start no cue ("quy định tại", "theo quy định", "Điều 5"): the look-ahead
    refuses them in the scan, not in a call of CUE_RE each."""
    nexts: dict[str, set[str] | None] = {}
    for alt in alternatives:
        alt = _LOOK_BEHIND.sub("", alt)
        head = re.split(r"\\s|[,(?|\\]", alt, maxsplit=1)[0]
        words, pos = [], len(head)
        while m := _SPELLED_WORD.match(alt, pos):
            words.append(m.group(1))
            pos = m.end()
        known = nexts.setdefault(head, set())
        if not words or known is None:
            nexts[head] = None  # a head any word may follow
        else:
            known.add(r"\s+" + r"\s+".join(words))
    return {h: "(?=" + "|".join(sorted(n)) + ")" for h, n in nexts.items() if n}


def _trie(words: Iterable[str], after: Mapping[str, str] | None = None, _start: str = "") -> str:
    """A pattern for literal words, their shared starts factored out ("t(?:h(?:ay|eo)|ổ)"): at
    a position the engine tries one branch per letter, not one per word (1.5-2x faster). A
    word that is the start of another stays optional after it: the longer is tried first.
    ``after``: what must follow a word (a look-ahead)."""
    by_first: dict[str, list[str]] = {}
    for w in words:
        if w:
            by_first.setdefault(w[0], []).append(w[1:])
    alts = []
    for c, rests in sorted(by_first.items()):
        longer = [r for r in rests if r]
        sub = _trie(longer, after, _start + c) if longer else ""
        end = (after or {}).get(_start + c, "") if "" in rests else ""
        if longer and "" in rests:
            sub = f"(?:{sub}|{end})" if end else f"(?:{sub})?"
        alts.append(re.escape(c) + sub + (end if not longer else ""))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


# (no look-behind for the word start: it would stop the engine from skipping ahead on the first
# letters; cue_hits checks the character before instead)
_CUE_HEAD_RE = re.compile(
    _trie(_CUE_HEADS, _next_words(alt for _, rx in _CUES for alt in _alternatives(rx)))
)


class Cue(NamedTuple):
    """A cue phrase at [start, end) of a text; ``rel`` is its relation (or "_attached")."""

    start: int
    end: int
    rel: str


def cue_hits(text: str, lo: int, end: int) -> list[Cue]:
    """Cue phrases in ``text[lo:end]``, in order, as finditer would find them.

    Only the window is lower-cased: cues are matched in lower case (so the scan can look for
    their first syllables, with no re.I); the texts are long, the windows short."""
    # a little past the end: a cue may look ahead at the citation ("bổ sung Nghị định …")
    low = lowered(text[lo : end + 24])
    kept: list[Cue] = []
    last = 0
    for h in _CUE_HEAD_RE.finditer(low, 0, end - lo):
        pos = h.start()
        before = low[pos - 1] if pos else (text[lo - 1] if lo else " ")
        if pos < last or before.isalnum():
            continue  # inside the previous cue, or inside a word
        m = CUE_RE.match(low, pos)
        if m and m.end() <= end - lo:
            kept.append(Cue(lo + pos, lo + m.end(), m.lastgroup or "cites"))
            last = m.end()
    return kept


def cues_before(text: str, start: int, end: int) -> list[Cue]:
    """The cues that may govern a citation at ``end``: those in the window before it (at most
    ``_MAX_CUE_DISTANCE`` characters, not before ``start``)."""
    lo = max(start, end - _MAX_CUE_DISTANCE)
    if end - lo < 5:  # " và ", ", ": no room for a cue
        return []
    return cue_hits(text, lo, end)


def last_cue(
    text: str, start: int, end: int, top: bool = False, found: list[Cue] | None = None
) -> tuple[str, int, int] | None:
    """The cue that governs a citation at ``end``: the nearest one before it, read in context.

    ``top``: the citation hangs on the citing document itself; there "… về thực hiện X" is the
    subject of some unnamed document, which the citing text only mentions. ``found``: the
    window's cues (``cues_before``), when the caller has read them already.
    """
    if found is None:
        found = cues_before(text, start, end)
    for m in reversed(found):
        rel = m.rel
        if "\n" in text[m.end : end] and _DEADLINE_CELL.search(text, m.end, end):
            # a table row read across its cells ("… phê duyệt Đề án | Tháng 8/2026 | Nghị quyết
            # X"): the cue is in the result cell, the citation in the basis cell after the deadline
            return "cites", m.start, m.end
        before = text[max(start, m.start - 40) : m.start]
        if rel == "implements" and before.endswith("Ban "):
            return "cites", m.start, m.end  # "Ban Chỉ đạo …": a steering committee's name
        if rel == "amends" and before.endswith("(") and text.startswith(")", m.end):
            continue  # "Luật Nhà ở (sửa đổi)": a law's label, the revision to be made
        if rel == "repeals" and _COLUMN_HEAD.search(before):
            continue  # a table's column head ("Ngày hết hiệu lực", "Lý do hết hiệu lực")
        if (
            rel in ("amends", "replaces", "repeals")
            and "ăn" in before  # (the label's "văn bản": a search at every position spared)
            and _ACTOR_LABEL.search(before)
            and _LABEL_COLON.match(text[m.end : end])
        ):
            return "cites", m.start, m.end  # "Văn bản … bãi bỏ một phần: X": X is the actor
        if rel == "_attached" or (
            ("ợc" in before or "ị" in before)
            and (_PASSIVE.search(before) or _passive_run(before, 0, len(before)) is not None)
        ):
            # "Đề án … được phê duyệt tại Quyết định X", "Quy chế ban hành kèm theo Quyết định X":
            # X is where the thing acted on was issued, not what the text acts on
            continue
        if rel == "implements" and (
            _REPORTING.search(before)
            or (
                before.endswith("việc ")
                and _CHECKED.search(text, max(start, m.start - 140), m.start)
            )
        ):
            # "báo cáo kết quả thực hiện X", "kiểm tra việc A, việc thực hiện X": a review of X
            return "cites", m.start, m.end
        if (
            rel == "implements"
            and "hi" in before
            and _WHEN.search(before)
            and not _DOCUMENT_NEXT.match(text, m.end)
        ):
            return "cites", m.start, m.end
        if rel == "implements" and "việc" in before[-6:] and _DETAILS_DOING.search(before):
            continue  # "quy định chi tiết việc thực hiện khoản 6 Điều 37 của Luật X": X is detailed
        if rel == "implements" and "đến" in before and _NOMINAL.search(before):
            # "liên quan đến thực hiện X": a noun phrase inside another phrase; an earlier cue
            # may govern ("thay thế các nội dung liên quan đến thực hiện …")
            continue
        if rel not in ("based_on", "responds_to") and _ordinary_sense(text, start, m, end):
            return "cites", m.start, m.end
        if rel in ("amends", "replaces", "repeals", "promulgates", "responds_to") and _ruled_thing(
            text, start, m, end
        ):
            return "cites", m.start, m.end
        if rel == "based_on" and (
            _last_word(before) in _HAS_GROUNDS
            or _GROUNDS_OF.match(text, m.end)
            # after a word, "căn cứ (vào, quy định tại) X" is how someone acts (by X's table,
            # by X's rule), not the text's own basis, which opens a line ("Căn cứ X;") or an
            # aside ("Sở Tài chính, căn cứ X, hướng dẫn …")
            # ("Luật này căn cứ Hiến pháp": the text itself)
            or (
                text[m.start] == "c"
                and _MID_SENTENCE.search(before) is not None
                and _last_word(before) != "này"
            )
            # "Căn cứ" alone on its line: a table's column heading ("Căn cứ \nbổ sung") repeated
            # over a page break into a cell, not a preamble (whose "Căn cứ" runs on into its text)
            or _LINE_ENDS.match(text, m.end) is not None
        ):
            # "có căn cứ xác định …" (there are grounds), "Căn cứ chức năng, nhiệm vụ …"
            return "cites", m.start, m.end
        if (
            top
            and rel == "implements"
            and _ABOUT.search(before)
            and not _OWN_SUBJECT.fullmatch(text, 0, m.start)
        ):
            return "cites", m.start, m.end
        if (
            top
            and rel not in ("based_on", "responds_to")
            and "số ngày" in before
            and _DESCRIBED.search(before)
        ):
            return "cites", m.start, m.end
        bare_guide = (
            rel == "guides" and " ".join(text[m.start : m.end].lower().split()) == "hướng dẫn"
        )
        if bare_guide and (end - m.end > 80 or _POINTER.search(text, m.end, end)):
            # bare "hướng dẫn" is also everyday "instruct": guidance only close to the citation
            return "cites", m.start, m.end
        if rel == "implements" and _POINTER.search(text, m.end, end):
            # "thực hiện theo quy định tại Nghị định X": acts by X's rules, does not carry X out
            return "cites", m.start, m.end
        if rel in ("replaces", "repeals", "amends") and _WORDING.match(text, m.end):
            # "thay thế cụm từ “Nghị định số X” bằng …": the quoted words are words, not a
            # document; "… tại Điều 5 của Nghị định Y": Y is amended
            # (straight quotes pair up in turn: an odd count opens one)
            quoted = (
                text.count("“", m.end, end) > text.count("”", m.end, end)
                or text.count('"', m.end, end) % 2 == 1
            )
            return ("cites", m.start, m.end) if quoted else ("amends", m.start, m.end)
        return rel, m.start, m.end
    return None


_CHANGES = ("amends", "replaces", "repeals", "guides", "corrects")
# the words _UNNAMED_DOC can end with (a cheap test before the pattern)
_UNNAMED_LAST = frozenset(
    (
        "định",
        "tư",
        "tịch",
        "quyết",
        "bản",
        "thị",
        "luật",
        "mới",
        "khác",
        "định,",
        "phủ",
        "hội",
        "trưởng",
        "bộ",
    )
)
# "quy định chi tiết việc …", "hướng dẫn việc …": what follows is detailed, done or not
_DETAILS_DOING = re.compile(r"(?:quy\s+định\s+chi\s+tiết|hướng\s+dẫn)\s+việc\s+$", re.I)
# a predicate of the guided topic's own ("tổ chức được thành lập … theo quy định của Luật X"):
# the rule it points to after it is that predicate's, not what is guided ("hướng dẫn chế độ
# đối với người được cử … theo Quyết định Y" names the regime Y set up: guided)
_OWN_PREDICATE = re.compile(r"(?<!\w)(?:được|đã)\s", re.I)
_BY_RULE_OF = re.compile(r"(?<!\w)theo\s+quy\s+định\s+(?:của|tại)\s+(?:các\s+)?$", re.I)
# "quy định chi tiết một số điều và biện pháp thi hành Luật X": the second verb has the first's
# subject (the unnamed document before the first)
_GUIDE_BEFORE = re.compile(
    r"(?:quy\s+định\s+chi\s+tiết|hướng\s+dẫn(?:\s+thi\s+hành)?)(?:\s+(?:một\s+số\s+|các\s+)?điều)?"
    r"(?:\s+(?:và|,))?\s*,?\s*(?:và\s+)?$",
    re.I,
)


def _last_word(text: str) -> str:
    words = text[-30:].split()
    return words[-1].lower() if words else ""


def _requested(text: str, start: int, end: int) -> bool:
    """A request or a task verb in ``text[start:end]`` (a cheap test before the pattern)."""
    seg = text[start:end]
    return any(w in seg for w in ("nghị", "xuất", "mưu", "trình")) and bool(_REQUEST.search(seg))


# "(quy định) tại điểm c khoản 6 Điều 63 ", "tại các Điều 8, 9 và 10 ", "tại mục II.4 Phụ lục III
# ban hành kèm theo ": the provisions of the citation next, which rule the thing before them
_NUM = r"(?:\d[\w.]*|[IVXLC]+\b(?:\.[\w.]+)?|[a-zđ]\b(?:\.[\w.]+)?)"
_PROV = rf"(?:(?:điểm|khoản|điều|mục|chương|phần|tiết|phụ\s+lục)(?:\s+{_NUM})?|{_NUM})"
_RULED_AT = re.compile(
    rf"(?<!\w)(?:(?:được\s+)?quy\s+định\s+)?tại\s+(?:các\s+)?{_PROV}(?:\s*(?:,|và)?\s*{_PROV})*"
    r"\s*(?:(?:được\s+)?(?:ban\s+hành\s+)?kèm\s+theo\s+)?(?:của\s+)?$",
    re.I,
)
# A procedure, or one of its parts, named before a change verb: "thủ tục (cấp mới,) sửa đổi …",
# "Thời hạn xác nhận sửa đổi …", "Hồ sơ đề nghị cấp sửa đổi …" (the verb names the procedure)
_PROCEDURE_BEFORE = re.compile(
    r"(?<!\w)(?:thủ\s+tục|thời\s+hạn|thời\s+gian|hồ\s+sơ|trình\s+tự|thẩm\s+quyền|cấp)"
    r"(?:[ \t\n,]+[^\W\d]+){0,4}?[ \t\n,]*$"
    # "3. Việc sửa đổi, bổ sung giấy phép …": the act named as a clause's subject (not "quy
    # định việc sửa đổi …", the text's own act)
    # (the clause may start past its item's mark: looked behind for)
    r"|(?:(?<![^\n])|(?<=\n\d\. )|(?<=\n\d\d\. )|(?<=\n[a-zđ]\) ))[ \t]*(?-i:V)iệc[ \t]+$",
    re.I,
)
# What a change verb takes in a text itself: its provisions, its content, its wording, the rules
# or lists it issued ("sửa đổi một số nội dung quy định tại …", "bãi bỏ các quy định tại …")
_CONTENT_OBJECT = re.compile(
    r"\s*(?:các\s+|một\s+số\s+|toàn\s+bộ\s+|một\s+phần\s+)?(?:điểm|khoản|điều|mục|chương|phần|"
    r"tiết|phụ\s+lục|nội\s+dung|quy\s+định|quy\s+chế|điều\s+lệ|danh\s+mục|bảng|biểu|mẫu|cụm|từ|"
    r"tên|tiêu\s+đề|đoạn|câu|số\s+thứ\s+tự)(?!\w)",
    re.I,
)
# A standard the act must meet: "phê duyệt điều chỉnh kế hoạch … để phù hợp với quy định của Luật
# X", "phê duyệt hồ sơ … không trái quy định của Luật X", "sửa đổi Quy chế … tuân thủ Luật X":
# X is the frame, not what is approved or changed
_CONFORMS = re.compile(
    r"(?<!\w)(?:phù\s+hợp\s+(?:với|các\s+quy\s+định|quy\s+định)|trái\s+(?:với\s+)?(?:các\s+)?"
    r"quy\s+định|tuân\s+thủ|đúng\s+(?:với\s+)?(?:các\s+)?quy\s+định)(?!\w)",
    re.I,
)
# A paper issued to a person, not a text's provision ("VIII. Sửa đổi, bổ sung giấy phép … tại
# điểm a khoản 2 Điều 36 Nghị định X": a procedure's heading)
_PERMIT = re.compile(
    r"\s*(?:các\s+)?(?:giấy\s+phép|giấy\s+chứng\s+nhận|giấy\s+xác\s+nhận|giấy\s+đăng\s+ký|"
    r"chứng\s+chỉ|chứng\s+thư|thẻ|văn\s+bằng|văn\s+bản\s+(?:xác\s+nhận|chấp\s+thuận)|"
    r"quyết\s+định\s+(?:cho\s+phép|công\s+nhận|chỉ\s+định))(?!\w)",
    re.I,
)
_FILE = re.compile(r"\s*hồ\s+sơ(?!\w)", re.I)


def _ruled_thing(text: str, start: int, cue: Cue, end: int) -> bool:
    """Whether the cue acts on a thing a provision of the citation rules, not on the citation:
    "theo đề nghị của tổ chức … tại khoản 1 Điều 35 Nghị định X", "phê duyệt liên kết … quy
    định tại Phụ lục … Nghị định X", and a change verb in a procedure's name ("Thời hạn giải
    quyết thủ tục sửa đổi, bổ sung, gia hạn Quyết định cho phép thành lập … quy định tại điểm b
    khoản 6 Điều 5 Nghị định X"). ("Bãi bỏ 07 thủ tục … tại Phụ lục II … Quyết định X", "Sửa đổi
    một số nội dung quy định tại Điều 3 Quyết định X" change X.)"""
    after = text[cue.end : end]
    if "tại" not in after or not _RULED_AT.search(after[-240:]):
        return False
    if cue.rel in ("promulgates", "responds_to"):
        return True
    return not _CONTENT_OBJECT.match(after) and bool(
        _PERMIT.match(after)
        or _PROCEDURE_BEFORE.search(text, max(start, cue.start - 60), cue.start)
    )


def _ordinary_sense(text: str, start: int, cue: Cue, end: int) -> bool:
    """Whether the cue at ``cue`` states no relation of the citing text to a citation at
    ``end``: negated, requested, said of an unnamed document, or pointing elsewhere."""
    before = text[max(start, cue.start - 60) : cue.start]
    if any(w in before for w in _NEGATING_WORDS) and _NEGATED.search(before):
        return True
    if cue.rel in ("amends", "replaces", "repeals") and _NEEDED.search(before):
        return True  # "Điều, khoản cần sửa đổi, bổ sung, bãi bỏ": a change still to be made
    if cue.rel in ("amends", "replaces", "repeals") and _directed(text, cue.start):
        return True
    after = text[cue.end : end]
    if cue.rel == "implements":
        # "cụ thể hóa bằng các kế hoạch", "thực hiện theo Luật X": the means, the rule followed;
        # "thực hiện thủ tục … tại Điều 18 Nghị định X": a procedure, performed by X's rules
        return (
            ("bằng" in after and _MEANS.search(after) is not None)
            or (("theo" in after or "Theo" in after) and _FOLLOWS.search(after) is not None)
            or ("thủ" in after[:24] and _PROCEDURE.match(after) is not None)
            # "thực hiện khảo nghiệm tại Điều 14 Nghị định X": an activity, by X's provision
            # ("Thực hiện khoản 2 Điều 5 Nghị định X" carries the provision out)
            or (
                _PROVISION_LAST.search(after[-48:]) is not None
                and not _PROVISION_FIRST.match(after)
            )
        )
    if (cue.rel == "promulgates" or cue.rel in _CHANGES) and (
        ("hợp" in after or "trái" in after or "tuân" in after or "đúng" in after)
        and _CONFORMS.search(after) is not None
    ):
        return True
    if cue.rel == "promulgates":  # "Đề án … phê duyệt tại Quyết định X": X approved it;
        # "phê duyệt quy trình bảo trì theo quy định tại … Luật X": approved by X's rule
        # "phê duyệt Kế hoạch … quy định khoản 2 Điều 34 Nghị định X": X's provision rules it
        # "phê duyệt danh sách và kinh phí hỗ trợ theo Quyết định X": approved by X's rules
        return (
            _GUIDE_LOCUS.match(after) is not None
            or _LOCUS.search(after) is not None
            or _names_provision(after)
        )
    if cue.rel not in _CHANGES:
        return False
    if "thì" in after and _THEN.search(after):
        return True  # "Trường hợp … sửa đổi trên Hệ thống … thì … vi phạm … Luật X": the cue is
        # in the condition, the citation in the clause it leads to
    if cue.rel == "guides":
        if _GUIDE_LOCUS.match(after) or before.rstrip().lower().endswith("theo"):
            return True  # "theo hướng dẫn tại Công văn X": the text follows X's guidance
        if "theo" in after[-40:] and _BY_RULE_OF.search(after) and _OWN_PREDICATE.search(after):
            return True
    elif _LOCUS.search(after):
        return True
    if cue.rel != "guides" and _FILE.match(after):
        return True  # "bổ sung, sửa đổi hồ sơ …": a file, not a document, is changed
    if cue.rel != "guides" and _GENERIC_OBJECT.match(text, cue.end, end):
        return True  # "sửa đổi, bổ sung các Nghị định quy định …": no document named as its object
    if cue.rel in _DOWNWARD and len(after) < 120 and _THING_AND.fullmatch(after):
        return True  # "… thu hồi, hủy bỏ bằng tốt nghiệp trung cấp và Thông tư X": a thing is
        # the object, the citation the next member of a list the cue is in (a title's)
    requested = _requested(text, start, cue.start)
    if cue.rel == "guides" and (
        first := _GUIDE_BEFORE.search(text, max(start, cue.start - 60), cue.start)
    ):
        before = text[max(start, first.start() - 60) : first.start()]
    unnamed = _UNNAMED_DOC.search(before) if _last_word(before) in _UNNAMED_LAST else None
    if unnamed and "\n" in unnamed.group() and not text[cue.start].islower():
        unnamed = None  # "NGHỊ ĐỊNH\nQuy định chi tiết …": a title, the citing text's own
    # "Chính phủ ban hành Nghị định sửa đổi …" is the citing text's own act, unless requested
    return (
        requested
        or (unnamed is not None and (not unnamed.group("issue") or requested))
        or (cue.rel in _DOWNWARD and _said_of_a_text_described(text, start, cue))
    )


# "văn bản" before a change verb, then only its description: no number ("văn bản số"), no "này"
# (the citing text), no list ("các văn bản sau"), no quotation, no other clause
_TEXT_DESCRIBED = re.compile(r"(?!\s+(?:này|số|\d|sau)(?!\w))[^;:“”\"]*$")
_THIS = re.compile(r"(?<!\w)này(?!\w)")


def _said_of_a_text_described(text: str, start: int, cue: Cue) -> bool:
    """Whether a change verb (in lower case, inside its sentence) is said of an unnamed text
    described before it ("… áp dụng theo văn bản hướng dẫn của cấp có thẩm quyền quy định về chế
    độ tiền lương mới … thay thế cho Nghị định X": that future text replaces X, the citing one
    does not). ("… hết hiệu lực" is said of what ends.)"""
    if not text[cue.start].islower() or text.startswith(("hết", "chấm", "thu"), cue.start):
        return False
    low = lowered(text[max(start, cue.start - 250) : cue.start])
    at = low.rfind("văn bản")
    return (
        at >= 0
        and not low[:at].endswith("ban hành ")  # "Luật Ban hành văn bản quy phạm pháp luật"
        and _TEXT_DESCRIBED.match(low, at + 7) is not None
        and _THIS.search(low, at) is None
    )


# "Chính sách 1: … theo hướng: Bãi bỏ … trong Luật X; sửa đổi … tại Luật Y": the direction a text
# still to be drafted is to take (not "theo hướng dẫn")
_DIRECTION = re.compile(r"(?<!\w)theo\s+hướng(?!\s+dẫn)(?!\w)", re.I)
_FULL_STOP = re.compile(r"\.\s")


def _directed(text: str, pos: int) -> bool:
    """Whether ``pos`` is in what a "theo hướng" before it in its sentence directs: a change
    to be made, which the citing text does not make."""
    lo = max(0, pos - 600)
    if text.rfind("hướng", lo, pos) < 0:  # (a cheap test before the pattern)
        return False
    found = list(_DIRECTION.finditer(text, lo, pos))
    return bool(found) and not _FULL_STOP.search(text, found[-1].end(), pos)


def _cut_passive(text: str, cited: Sequence[tuple[int, int, int]], end: int) -> Carry | None:
    """The passive a note's page cut before its agents ("X … được sửa đổi, bổ sung bởi"), for the
    rest of the note: its first citations amend X, the note's last citation (``cited``: the
    note's citations; ``end``: where its page cut it)."""
    if not cited:
        return None
    cue = passive_cue(text, cited[-1][1], end)
    if cue is None or text[cue.end : end].strip(" \t\n:").lower() not in ("bởi", "tại", "theo"):
        return None
    return Carry(_passive_rel(cue), cited[-1][2], cited[-1][1], _passive_words(text, cue))


def passive_cue(text: str, start: int, end: int, found: list[Cue] | None = None) -> Cue | None:
    """A relation stated in the passive before a citation: "được sửa đổi, bổ sung bởi X".
    ``found``: the cues of ``cues_before(text, start, end)``, whose tail this window is."""
    lo = max(start, end - 120)
    if end - lo < 5:
        return None
    found = cue_hits(text, lo, end) if found is None else [h for h in found if h.start >= lo]
    if not found:
        return None
    m = found[-1]
    if m.rel == "implements" and _BY_RULES.match(text, m.end):
        return None  # "X được thực hiện theo quy định tại … Nghị định Y": done by Y's rules
    if _PASSIVE.search(text[max(start, m.start - 15) : m.start]):
        return m
    if run := _passive_run(text, max(start, m.start - 60), m.start):
        # "Được sửa đổi, bổ sung, thay thế, bãi bỏ bởi X": X changes it in parts (its first verb)
        return next(h for h in found if h.start >= run)
    return None


# "được sửa đổi, bổ sung, thay thế, " before a cue: one passive of several verbs
_PASSIVE_RUN = re.compile(
    r"(?:[Đđ]ã\s+được|[Đđ]ược|[Bb]ị)\s+(?:(?:sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ|hủy\s+bỏ)"
    r"\s*,?\s*(?:và\s+|hoặc\s+)?)+$"
)


def _passive_run(text: str, lo: int, cue_start: int) -> int | None:
    """Where the first verb of a passive of several verbs ending at ``cue_start`` starts."""
    if "," not in text[lo:cue_start]:  # (the verbs are listed with commas)
        return None
    run = _PASSIVE_RUN.search(text, lo, cue_start)
    return run.start() if run else None


_BY_RULES = re.compile(r"\s+(?:đúng\s+)?theo(?!\w)", re.I)


def _cue_words(text: str, cue: tuple[str, int, int]) -> str:
    """The words of a cue (relation, start, end) as the text has them; none for a mention."""
    return "" if cue[0] == "cites" else squash(text[cue[1] : cue[2]])


def _passive_rel(cue: Cue) -> str:
    """ "Quy chế ban hành kèm theo Quyết định X": X promulgates it."""
    return "promulgates" if cue.rel == "_attached" else cue.rel


Rank = Callable[[int], tuple[int | None, int | None]]  # (level rank, year) of a citation


def _list_cue(
    text: str, a: int, b: int, items: list[tuple[int, int, int]], carry: Carry | None
) -> Carry | None:
    """The cue a clause hands on to the list items after it ("… sau đây:", a heading)."""
    body = text[a:b].rstrip()
    caps_heading = _is_caps(body)
    announces = _announces_documents(body)
    if not (body.endswith(":") or caps_heading or announces) or _GREETING_END.search(body):
        return carry
    lo = max(items[-1][1] if items else a, a + len(body) - 200)
    found = cues_before(text, lo, b)  # read once for both
    cue = last_cue(text, lo, b, found=found)
    passive = passive_cue(text, lo, b, found=found)
    if passive and items:
        # "Thông tư X …, được sửa đổi, bổ sung bởi:" — the list amends the clause's first citation,
        # or the last that opens a line (a title above it may run into the clause)
        heads = [
            it
            for it in items
            if lo - 400 <= it[0] and not text[_line_start(text, it[0]) : it[0]].strip()
        ]
        head = heads[-1] if heads else items[0]
        earlier = tuple(it[2] for it in reversed(heads[:-1]))
        return Carry(_passive_rel(passive), head[2], a, _passive_words(text, passive), earlier)
    if (
        cue
        and cue[0] != "cites"
        and not (caps_heading and cue[0] == "implements" and not body.endswith(":"))
        and not (cue[0] == "implements" and not _carries_out_documents(text, cue[2], b))
    ):
        # ("TỔ CHỨC THỰC HIỆN": a section's topic, which carries out none of the citations after it)
        return Carry(cue[0], None, a, _cue_words(text, cue))
    return None if caps_heading else carry


_ONLY_THE_LIST = frozenset(("sau", "sau đây", "như sau"))


def _carries_out_documents(text: str, pos: int, end: int) -> bool:
    """Whether "thực hiện" at ``pos`` in a list's lead-in takes the documents listed: nothing
    but the list follows it ("… sau đây:"), or a document's type word. "thực hiện một trong các
    thủ tục sau:", "quỹ tiền lương thực hiện của người lao động …, bao gồm:" carry out no
    document the items name."""
    rest = text[pos:end].strip(" \t\n:")
    return not rest or rest in _ONLY_THE_LIST or _DOCUMENT_NEXT.match(text, pos) is not None


class _Lists:
    """The cues lists hand on to their items, in one text whose citations are ``items``."""

    def __init__(self, text: str, items: list[tuple[int, int, int]]) -> None:
        self.text, self.items = text, items
        self.starts = [it[0] for it in items]
        self.intros: dict[tuple[int, int], Carry | None] = {}
        self.lead_ins: dict[int, int] = {}
        self.intro_starts: dict[int, int] = {}

    def item(self, a: int, first: int) -> Carry | None:
        """The cue a clause at ``a`` (first citation at ``first``) takes from the list it is an
        item of ("Thông tư này bãi bỏ:\na) Điều 2 Thông tư X;")."""
        text = self.text
        if not _is_list_item(text, _skip_space(text, a)):
            return None
        intro = _list_intro(text, a, self.lead_ins, self.intro_starts)
        if intro is None:
            return None
        if intro not in self.intros:
            ia = intro[0]
            ilo = bisect.bisect_left(self.starts, ia)
            ihi = bisect.bisect_left(self.starts, intro[1])
            self.intros[intro] = _list_cue(text, ia, intro[1], self.items[ilo:ihi], None)
        carry = self.intros[intro]
        if carry is not None and not (
            _CONTENT_FOLLOWS.search(text, intro[0], intro[1])
            and not _LIST_GOES_ON.fullmatch(text, _item_body(text, a), first)
        ):
            # ("Khoản 3 Điều 4 được sửa đổi, bổ sung như sau:" introduces new wording: a
            # citation in it is cited, unless the item is that citation)
            return carry
        return None

    def carry(self, a: int, first: int, prev: tuple[int, str | None, str]) -> Carry | None:
        """The cue a clause takes from its list, or from the ";" list it goes on; read only
        when the clause has none of its own."""
        return self.item(a, first) or _goes_on(self.text, *prev, a, first)


def relate(
    clean: CleanText,
    main: Sequence[Mention],
    notes: Sequence[Mention],
    rank: Rank,
    skip: Callable[[Mention], bool],
    consolidation: tuple[int, int] | None = None,
) -> tuple[list[Assertion], list[Assertion]]:
    """Relations stated by the text. Mentions are indexed main first, then notes.

    Returns (assertions, virtual) where virtual holds, for identification footnotes, the
    placement of a footnote's citation at its marker (used for evidence).
    """
    out: list[Assertion] = []
    text = clean.text
    n_main = len(main)
    marker_at = {fn.marker: fn for fn in clean.footnotes if fn.marker >= 0 and not fn.continued}
    # identification footnotes: the footnote's first citation stands at its marker
    ident: dict[int, int] = {}  # marker position → notes mention index (global)
    for fn in clean.footnotes:
        if fn.continued:
            continue
        firsts = [i for i, m in enumerate(notes) if fn.start <= m.start < fn.end]
        lead = _SOURCE_LEAD.match(clean.notes, fn.start) if firsts else None
        offset = notes[firsts[0]].start - (lead.end() if lead else fn.start) if firsts else 99
        if firsts and offset <= 3 and notes[firsts[0]].kind != "back":
            ident[fn.marker] = n_main + firsts[0]

    def mention(i: int) -> Mention:
        return main[i] if i < n_main else notes[i - n_main]

    # main text: real mentions plus the identified footnote citations at their markers
    items: list[tuple[int, int, int]] = []  # (start, end, global index)
    for i, m in enumerate(main):
        if not skip(m):
            items.append((m.start, m.end, i))
    for pos, gi in ident.items():
        if pos >= 0 and not _ends_enacting_formula(text, pos, mention(gi).type_word):
            items.append((pos, pos, gi))
    items.sort()
    group_of: dict[int, _Frame] = {}
    extra = sorted(consolidation or ())
    lists = _Lists(text, items)
    prev_b, prev_rel, prev_cue = -1, None, ""

    prev_a, last_frame = -1, None
    within: _Frame | None = None  # the description a ";" list goes on in

    def row_text(pos: int) -> int | None:
        """The text of the table row a note at ``pos`` is in (``_row_text``)."""
        return _row_text(text, items[: bisect.bisect_left(lists.starts, pos)], group_of, pos)

    for a, b, lo, hi in _spans_around(text, items, extra):
        region = (
            "consolidates" if consolidation and consolidation[0] <= a < consolidation[1] else None
        )
        item = items[lo]
        within = _goes_on_inside(
            text, (prev_a, prev_b), a, item, within or last_frame, within is not None, out, mention
        )
        carry: Carry | Callable[[], Carry | None] = (
            Carry(within.rel or "cites", None, a, within.words)
            if within is not None
            else functools.partial(lists.carry, a, item[0], (prev_b, prev_rel, prev_cue))
        )
        prev_rel, prev_cue, last_frame = _walk(
            text,
            a,
            items[lo:hi],
            _Frame(within.governors if within is not None else (SELF,), None),
            rank,
            mention,
            out,
            group_of,
            carry,
            region,
            row_text,
        )
        prev_a, prev_b = a, b

    # footnotes
    notes_text = clean.notes
    note_lists = _Lists(
        notes_text, [(m.start, m.end, n_main + i) for i, m in enumerate(notes) if not skip(m)]
    )
    governors: dict[int, tuple[int, ...]] = {}  # a note's marker → what the note speaks of
    before: list[tuple[int, int, int]] = []  # the previous note's citations, and its end
    before_end = 0
    for fn in clean.footnotes:
        local = [
            (m.start, m.end, n_main + i)
            for i, m in enumerate(notes)
            if fn.start <= m.start < fn.end and not skip(m)
        ]
        cited, cited_end = before, before_end
        before, before_end = local, fn.end
        if not local:
            continue
        cut: Carry | None = None  # what the rest of a note takes from where its page cut it
        if fn.continued:  # the rest of a note cut by its page's end: the note's own governors
            root = _Frame(governors.get(fn.marker, (SELF,)), None)
            start = fn.start
            cut = _cut_passive(notes_text, cited, cited_end)
        elif fn.marker in ident:
            first = ident[fn.marker]
            local = [it for it in local if it[2] != first]
            root = _Frame((first,), None)
            start = mention(first).end
        else:
            anchors = [
                a
                for a in _anchors(fn.marker, text, main, group_of, marker_at)
                or _described(fn.marker, text, main, notes_text, fn.start)
                if not skip(main[a])
            ]
            # a document the footnote names as an object is not what it describes
            named = {_ident(mention(it[2])) for it in local}
            anchors = [a for a in anchors if _ident(mention(a)) not in named]
            root = _Frame(tuple(anchors) if anchors else (SELF,), None)
            start = fn.start
        governors[fn.marker] = root.governors
        prev_b, prev_rel, prev_cue = -1, None, ""
        for a, b in clauses(notes_text, start, fn.end):
            inside = [it for it in local if a <= it[0] < b]
            if inside and cut is not None:
                # "… Thông tư X … được sửa đổi, bổ sung bởi ⟨page⟩ Thông tư Y …": Y amends X
                prev_rel, prev_cue, _ = _walk(
                    notes_text, a, inside, root, rank, mention, out, group_of, cut
                )
                prev_b, cut = b, None
            elif inside:
                # (a footnote that names what its marker refers to lists documents: "Kế hoạch X
                # triển khai Y; Quyết định Z …"; a remark, or a quoted preamble, goes on with its
                # cue: "“Căn cứ Luật A; Luật B;")
                goes_on = root.governors == (SELF,) or prev_rel == "based_on"
                # (a list in a quoted provision hands on its cue: "… quy định như sau: “… 4.
                # Thông tư này bãi bỏ:\na) Điều 2 Thông tư X;")
                note_carry = (
                    note_lists.carry(a, inside[0][0], (prev_b, prev_rel, prev_cue))
                    if goes_on
                    else note_lists.item(a, inside[0][0])
                )
                prev_rel, prev_cue, _ = _walk(
                    notes_text, a, inside, root, rank, mention, out, group_of, note_carry
                )
                prev_b = b
    out += _amended_by_title(text, main, 0, skip)
    out += _amended_by_title(notes_text, notes, n_main, skip)
    if notes_text:  # first: a footnote's quote may go on in the main text
        out = _quoted_preambles(
            notes_text,
            [(m.start, m.end, n_main + i) for i, m in enumerate(notes)],
            out,
            [fn.end for fn in clean.footnotes],
            text,
            clean.source,
            {
                a.end: (b.start, b.end)
                for a, b in itertools.pairwise(clean.footnotes)
                if b.continued
            },
        )
    return _quoted_preambles(text, items, out, clean.breaks, text, clean.source), []


# "Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C": the laws an amending law's
# title names (a name may hold a comma: "Luật Chất lượng sản phẩm, hàng hóa")
_AMENDING_TITLE = re.compile(
    r"(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?(?:của\s+)?",
    re.I,
)
_NEXT_LAW = re.compile(r"\s*(?:,|\bvà\b)\s*(?=(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s)")
_LIST_GAP = re.compile(r"[\s,;]*(?:và\s+)?")


def _amended_by_title(
    text: str, mentions: Sequence[Mention], base: int, skip: Callable[[Mention], bool]
) -> list[Assertion]:
    """ "Luật X số A; Luật sửa đổi, bổ sung một số điều của Luật X số B": B's title names the law
    it amends, and the list gives that law's number just before: B amends A (reported). (By
    day alone, "Luật X ngày …; Luật sửa đổi … ngày …", the amending law is seldom known by
    name: no edge, rather than one from a node of every such law of that year.)"""
    out: list[Assertion] = []
    for i, m in enumerate(mentions):
        name = m.name or ""
        title = _AMENDING_TITLE.match(name)
        if title is None or m.symbol is None or skip(m):
            continue
        amended = {name_key(n) for n in _NEXT_LAW.split(name[title.end() :])}
        j = i - 1
        # back along the list this citation ends ("…; Luật …; Luật sửa đổi …")
        while j >= 0 and _LIST_GAP.fullmatch(text, mentions[j].end, mentions[j + 1].start):
            prev = mentions[j]
            if (
                prev.symbol is not None
                and prev.name is not None
                and not skip(prev)
                and name_key(prev.name) in amended
            ):
                out.append(
                    Assertion(
                        base + i, "amends", base + j, prev.start, m.end, True, "sửa đổi, bổ sung"
                    )
                )
                break
            j -= 1
    return out


_QUOTED_BASIS = re.compile(r"[“\"]\s*Căn\s+cứ\b")
# Where the lead-in to a quote starts: after the previous quote or the previous line-final "." or
# ";" (a ";" inside a line is inside a cited title; page furniture leaves blank lines anywhere)
_QUOTE_OR_BREAK = re.compile(r"”|[;.][ \t]*\n")
# "Luật số X … có căn cứ ban hành như sau:", "Các điều 23, 24 và 25 của Luật Y … quy định như
# sau:": what follows is that document's own wording ("… được sửa đổi như sau:" is new wording
# the citing text gives, and "Sửa đổi Điều 5 quy định như sau" the citing text's act)
_STATES = re.compile(r"(?:căn\s+cứ\s+ban\s+hành|(?<!được\s)quy\s+định)\s+như\s+sau\s*:\s*$", re.I)


_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_PREAMBLE_LINE = re.compile(
    r"[“\"]?\s*(?:Căn\s+cứ\b|Theo\s+đề\s+nghị\b|Xét\b|"
    r"(?:Quốc\s+hội|(?:Ủy|Uỷ)\s+ban\s+[Tt]hường\s+vụ\s+Quốc\s+hội|Chính\s+phủ)\s+ban\s+hành\b)"
)  # (the enacting formula may be all a page had no room for)
# a footnote that ends leading in to a quote the page had no room for
_QUOTE_LEAD_IN = re.compile(
    r"(?:căn\s+cứ\s+ban\s+hành|(?<!được\s)quy\s+định)\s+như\s+sau\s*:\s*$", re.I
)
_CONTINUATION_WINDOW = 8000
# the rule a PDF page draws above its footnotes, extracted as a long line of spaces
_FOOT_RULE = re.compile(r"\n[ \t]{20,}(?=\n)")


def _after_rule(source: str, block: int) -> bool:
    """Whether the line before ``block`` is a page's footnote rule in the ``source`` text (in
    the cleaned text masked furniture is blank too)."""
    line = source.rfind("\n", 0, block - 1)
    return line >= 0 and _FOOT_RULE.match(source, line) is not None


def _continuation(main: str, pos: int, source: str | None = None) -> tuple[int, int] | None:
    """The rest of a quote cut off by a page break at ``pos``: at the foot of the next page,
    the block after the body's last blank line that closes the quote, when it opens with "Căn
    cứ" (or "Theo đề nghị"), or stands under the page's footnote rule (in ``source``) or after a
    consolidated text's authentication block."""
    close = _find_close(main, pos, pos + _CONTINUATION_WINDOW)
    while close >= 0:  # (the body may quote wordings before it)
        block = pos
        for m in _BLANK_LINE.finditer(main, pos, close):
            block = m.end()
        block = _skip_space(main, block)
        if (
            block > pos
            and (
                _PREAMBLE_LINE.match(main, block)
                or (source is not None and _after_rule(source, block))
                # a consolidated text's last page prints its notes under its authentication
                or main.find("XÁC THỰC VĂN BẢN HỢP NHẤT", pos, block) >= 0
            )
            and "“" not in main[block + 1 : close]
        ):
            return block, close
        close = _find_close(main, close + 1, pos + _CONTINUATION_WINDOW)
    return None


# A preamble quoted with no quotation marks: "… có căn cứ ban hành như sau: Căn cứ Luật A …;"
_UNQUOTED_PREAMBLE = re.compile(r"căn\s+cứ\s+ban\s+hành\s+như\s+sau\s*:\s*Căn\s+cứ\b", re.I)
_UNQUOTED_WINDOW = 1500
_LINE_STOP = re.compile(r"\.[ \t]*(?:\n|\Z)")


def _unquoted_lead_in(text: str, end: int) -> int:
    """Where a footnote ending at ``end`` leads in to a preamble it prints without quotation
    marks and that breaks off at the page's end (its last "Căn cứ …" line ends with ";"); -1
    for none."""
    if not text[max(0, end - 8) : end].rstrip().endswith(";"):
        return -1
    lo = max(0, end - _UNQUOTED_WINDOW)
    at = text.rfind("như sau", lo, end)
    if at < 0:
        return -1
    lead = _UNQUOTED_PREAMBLE.search(text, max(lo, at - 30), end)
    return -1 if lead is None or any(q in text[at:end] for q in '“”"') else at


def _rest_of_preamble(main: str, end: int) -> tuple[int, int] | None:
    """The rest of an unquoted preamble cut at a footnote's ``end``: at the foot of the next
    page, the first block after a blank line that opens with "Căn cứ" (or "Theo đề nghị"), up to
    the line that ends with a full stop, when that is the enacting formula ("Chính phủ ban hành
    Nghị định …")."""
    for m in _BLANK_LINE.finditer(main, end, end + _CONTINUATION_WINDOW):
        block = _skip_space(main, m.end())
        if main.startswith(("Căn", "Theo"), block) and _PREAMBLE_LINE.match(main, block):
            stop = _LINE_STOP.search(main, block, block + 3000)
            if stop is None or main.find(" ban hành ", block, stop.start()) < 0:
                return None
            return block, stop.start()
    return None


# a closing quote: "”", or a straight one after a word or a stop (web and PDF copies type
# "Căn cứ …;" with straight quotes; one after a space opens)
_CLOSE = re.compile(r'”|(?<=\S)"')


def _find_close(text: str, pos: int, end: int) -> int:
    m = _CLOSE.search(text, pos, end)
    return m.start() if m else -1


_LINE_CLOSE = re.compile(r"”[ \t]*[.;,]?[ \t]*(?:\n|\Z)")
# (one opened with a straight quote may close with either)
_LINE_CLOSE_ANY = re.compile(r'(?:”|(?<=\S)")[ \t]*[.;,]?[ \t]*(?:\n|\Z)')


def _quote_close(text: str, pos: int) -> int:
    """The "”" that closes a quoted provision opened at ``pos``: the first at a line's end (a
    quoted wording inside closes mid-line: "“Điều 23 … cụm từ “lệ phí” tại …”"); the text's
    end when none does."""
    m = (_LINE_CLOSE_ANY if text[pos] == '"' else _LINE_CLOSE).search(text, pos + 1)
    return m.start() if m else len(text)


def _opening_quotes(text: str) -> Callable[[int], int]:
    """The next opening quote at or after a position (-1 for none): "“", or a straight one at
    a line's start or after a space (PDF and web copies type "quy định như sau:\n"Điều 10.")."""
    straight = []
    pos = text.find('"')
    while pos >= 0:
        if pos == 0 or text[pos - 1].isspace():
            straight.append(pos)
        pos = text.find('"', pos + 1)

    def following(pos: int) -> int:
        curly = text.find("“", pos)
        k = bisect.bisect_left(straight, pos)
        if k == len(straight):
            return curly
        return straight[k] if curly < 0 or straight[k] < curly else curly

    return following


def _foot_stream(
    text: str, source: str, pos: int, close: int, breaks: Sequence[int]
) -> list[tuple[int, int]]:
    """The parts of a quote opened at ``pos`` under a page's footnote rule: it goes on under
    the next page's rule (the body between is the citing text's own), and stops at a page
    with none."""
    k = bisect.bisect_right(breaks, pos)
    page = breaks[k - 1] if k else 0
    if _FOOT_RULE.search(source, page, pos) is None:
        return [(pos, close)]  # a quote in the body runs on over the page's end
    out, a = [], pos
    while k < len(breaks) and breaks[k] < close:
        nxt = breaks[k + 1] if k + 1 < len(breaks) else len(text)
        out.append((a, breaks[k]))
        rule = _FOOT_RULE.search(source, breaks[k], min(nxt, close))
        if rule is None:
            return out
        a, k = rule.end(), k + 1
    return [*out, (a, close)]


def _quoted_preambles(
    text: str,
    items: Sequence[tuple[int, int, int]],
    out: list[Assertion],
    ends: Sequence[int] = (),
    main: str | None = None,
    source: str | None = None,
    rests: Mapping[int, tuple[int, int]] | None = None,
) -> list[Assertion]:
    """A quoted preamble speaks for the document that introduces it: "Nghị định số X … có căn cứ
    ban hành như sau: “Căn cứ Luật A …; Chính phủ ban hành Nghị định sửa đổi Y …”" gives X
    based_on A and X amends Y (reported), not the citing text's own; so do the quoted provisions
    of a document ("Điều 23 của Luật X … quy định như sau: “… Bãi bỏ … Luật Y”": X repeals Y).
    With no citation to speak for, a quoted "Căn cứ" is not the citing text's basis. ``ends``:
    where a quote stops at the latest (sorted: footnotes' or pages' ends); what is left of it is
    looked for in the ``main`` text at the foot of the next page (under its footnote rule in
    ``source``), or in ``rests``: a footnote's end → the span of its rest on the next page."""
    spans = []
    rests = rests or {}

    def rest_of(end: int) -> tuple[int, int] | None:
        if end in rests:
            a, b = rests[end]
            close = text.find("”", a, b)
            return a, b if close < 0 else close
        return _continuation(main, end, source) if main is not None else None

    def speaker_before(pos: int) -> int | None:
        """The first citation of the clause that leads in to a quote at ``pos``."""
        lead = max(0, pos - 1500)
        for m in _QUOTE_OR_BREAK.finditer(text, lead, max(lead, pos - 1)):
            lead = m.end()
        return next((gi for a, _, gi in items if lead <= a < pos), None)

    if main is not None:
        for e in ends:
            # (the lead-in ends with a colon; the pattern, case-blind and led by a look-behind,
            # is tried at each character, so a page end with no colon near is passed at once)
            if (
                text.find(":", max(0, e - 60), e) >= 0
                and _QUOTE_LEAD_IN.search(text, max(0, e - 60), e)
                and (rest := rest_of(e))
            ):
                spans.append((*rest, speaker_before(e)))
            elif (lead := _unquoted_lead_in(text, e)) >= 0:
                rest = _rest_of_preamble(main, e)
                if rest is not None:
                    spans.append((*rest, speaker_before(lead)))
    next_open = _opening_quotes(text)
    pos = next_open(0)
    while pos >= 0:
        q = _QUOTED_BASIS.match(text, pos)
        before = text[max(0, pos - 80) : pos].rstrip()
        stated = q is None and before.endswith(":") and _STATES.search(before)
        speaker = speaker_before(pos) if q or stated else None
        if q or (stated and speaker is not None):
            if q:
                end = (
                    text.find("”", q.end())
                    if text[pos] == "“"
                    else _find_close(text, q.end(), len(text))
                )
                end = len(text) if end < 0 else end
            else:
                end = _quote_close(text, pos)
            k = bisect.bisect_right(ends, pos)
            if stated and main is text:  # in the main text: pages' ends do not cut it
                spans.extend(
                    (a, b, speaker) for a, b in _foot_stream(text, source or text, pos, end, ends)
                )
            else:
                if k < len(ends) and ends[k] < end:  # cut off by the page's end
                    end = ends[k]
                    rest = rest_of(end)
                    if rest is not None:
                        spans.append((*rest, speaker))
                spans.append((pos, end, speaker))
            pos = end
        pos = next_open(pos + 1)
    if not spans:
        return out
    spans.sort(key=lambda s: s[0])
    starts = [a for a, _, _ in spans]
    at = {gi: a for a, _, gi in items}
    kept: list[Assertion] = []
    for a in out:
        k = _quoted_at(spans, starts, a, source or text)
        speaker = spans[k][2] if k >= 0 else None
        if (
            k >= 0
            and speaker is not None
            and a.subject not in (SELF, speaker)
            and at.get(a.subject, len(text)) < at.get(speaker, -1)
        ):
            # a footnote's first document ("1 Luật A … có căn cứ ban hành như sau: “…” Luật B
            # … có căn cứ ban hành như sau: “…”"): B's quote speaks for B, not for A
            a = a._replace(subject=SELF)
        if a.subject != SELF or k < 0:
            kept.append(a)
            continue
        if speaker is None:  # nor does it state the citing text's own changes
            kept.append(a._replace(relation="cites", cue="") if a.relation != "cites" else a)
        elif a.object != speaker:
            kept.append(a._replace(subject=speaker, reported=True))
    return kept


def _quoted_at(
    spans: Sequence[tuple[int, int, int | None]], starts: Sequence[int], a: Assertion, text: str
) -> int:
    """The quote a statement stands in: where its citation's words end, before the quote
    closes; or, in a quote cut off at a page's end, where the statement starts (its citation
    may run on over the cut). -1 for none."""
    k = bisect.bisect_right(starts, a.end - 1) - 1
    if k >= 0 and a.end <= spans[k][1]:
        return k
    k = bisect.bisect_right(starts, a.start) - 1
    if k >= 0 and a.start < spans[k][1] and text[spans[k][1] : spans[k][1] + 1] not in '”"':
        return k
    return -1


_CLAUSE_WINDOW = 1500
# Only a citation (and the provisions of it that are meant) before it: "số X", "khoản 4 Điều 12 …"
_PROVISIONS = r"(?:(?:điểm|khoản|điều|mục|chương|tiết|phụ\s+lục)\s+[\w.]+(?:\s*,\s*|\s+(?:và\s+)?))*(?:của\s+)?"
_LIST_GOES_ON = re.compile(r"\s{0,3}(?:và\s+)?" + _PROVISIONS + r"(?:số\s*:?\s*)?", re.I)
_CONTENT_FOLLOWS = re.compile(r"như\s+sau\s*:\s*$", re.I)
_ITEM_MARK = re.compile(r"\s*(?:[-–•+]|[a-zđ]\)|\d{1,3}(?:\.\d{1,2})*[.)]|[IVX]{1,4}\.)?\s*")


def _item_body(text: str, a: int) -> int:
    """Where a list item's words start, after its mark ("1.", "a)", "-")."""
    m = _ITEM_MARK.match(text, a)
    return m.end() if m else a


_PREAMBLE_HEAD = re.compile(r"Căn\s+cứ\b")
_RUNS_ON = re.compile(r"[ \t]*\n?[ \t]*" + LOWER)


_MARK_KINDS = re.compile(
    r"[ \t]*(?:(?P<digit>\d{1,3}(?:\.\d{1,2})*[.)])|(?P<letter>[a-zđ]\))|"
    r"(?P<dash>[-–•+])|(?P<roman>[IVX]{1,4}\.))"
)


def _mark_kind(text: str, pos: int) -> str | None:
    """The kind of list mark at ``pos`` ("digit", "letter", "dash", "roman"), None for none."""
    m = _MARK_KINDS.match(text, pos)
    return m.lastgroup if m else None


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _goes_on(
    text: str, prev_b: int, prev_rel: str | None, prev_cue: str, a: int, first: int
) -> Carry | None:
    """ "Căn cứ Luật A ngày …; Luật B ngày …;", "Bãi bỏ các Quyết định: số X …; số Y …": a clause
    right after a ";" that is only the next citation goes on with the previous clause's cue."""
    if prev_rel not in (None, "cites") and _next_item(text, prev_b, a, first):
        return Carry(prev_rel or "cites", None, a, prev_cue)
    return None


def _next_item(text: str, prev_b: int, a: int, first: int) -> bool:
    """Whether a clause at ``a`` right after a clause ending with ";" at ``prev_b`` is only the
    next citation (at ``first``) of a list."""
    return (
        text[max(0, prev_b - 8) : prev_b].rstrip().endswith(";")
        and _skip_space(text, prev_b) >= a
        and _LIST_GOES_ON.fullmatch(text, a, first) is not None
    )


def _goes_on_inside(
    text: str,
    prev: tuple[int, int],
    a: int,
    first: tuple[int, int, int],
    frame: _Frame | None,
    going: bool,
    out: Sequence[Assertion],
    mention: Callable[[int], Mention],
) -> _Frame | None:
    """The description a ";" list item at ``a`` goes on in, when its document is one the citing
    text has already changed in the clause before: "… thay thế Thông tư A … và bãi bỏ Điều 2
    Thông tư B … sửa đổi, bổ sung một số điều của Thông tư C …; Thông tư A …; Thông tư D …": A is
    not changed twice, so the list after ";" is what B's title names (B amends A and D), and so
    is every item after it (``going``)."""
    prev_a, prev_b = prev
    if (
        frame is None
        or (frame.parent is None and not going)
        or frame.rel not in _CHANGES
        or SELF in frame.governors
        or not _next_item(text, prev_b, a, first[0])
    ):
        return None
    if going:
        return frame
    named = _ident(mention(first[2]))
    changed = any(
        x.subject == SELF
        and not x.reported
        and x.relation in _DOWNWARD
        and x.start >= prev_a
        and _ident(mention(x.object)) == named
        for x in out[-40:]
    )
    return frame if changed else None


def _is_list_item(text: str, pos: int) -> bool:
    """Whether a clause at ``pos`` is a list item: it starts a line with a list mark ("1.", "a)",
    "-"), or with a citation's type word. A clause after ";" in running text is none."""
    line = text.rfind("\n", 0, pos) + 1
    mark = text[line:pos].lstrip()
    if not mark:
        return _LIST_ITEM.match(text, pos) is not None
    # (a mark is short; the spaces before it, in a footnotes' text, can fill the whole text)
    return len(mark) < 24 and _ITEM_MARK.fullmatch(mark) is not None


_SPACE = re.compile(r"[ \t\n]*")


def _skip_space(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # (matches everywhere)


def _is_caps(line: str) -> bool:
    """A line in capitals (a header or heading): at least four letters, none lower-case."""
    # isupper(): no lower-case letter, at least one cased one; it stops at the first lower-case
    return len(line) >= 4 and line.isupper() and sum(c.isalpha() for c in line) >= 4


def _spans_around(
    text: str, items: list[tuple[int, int, int]], extra: Sequence[int]
) -> list[tuple[int, int, int, int]]:
    """The clause around each run of citations, as (start, end, first item, end item).

    Only the text near citations is read: clause breaks are looked for backwards from a
    citation (at most ``_CLAUSE_WINDOW`` characters) and forwards to the next break.
    """
    out: list[tuple[int, int, int, int]] = []
    i, n, prev_b = 0, len(items), 0
    cells = "[" in text or "]" in text or "|" in text  # editorial notes, tables
    while i < n:
        s = items[i][0]
        for window in (300, _CLAUSE_WINDOW):  # most breaks are near: look close first
            lo = max(prev_b, s - window)
            a = lo
            for m in _CLAUSE_BREAK.finditer(text, lo, s):
                a = m.end()
            if a > lo or lo == prev_b:
                break
        if extra:
            a = max([a, *(x for x in extra if a < x <= s)])
        # an editorial note in brackets ("[Khoản này được hướng dẫn bởi …]") and a table cell
        # are clauses of their own (found with str.rfind: in the pattern they would slow it 2×)
        if cells:
            a = max(
                a, text.rfind("[", a, s) + 1, text.rfind("]", a, s) + 1, text.rfind("|", a, s) + 1
            )
        near = max(a, s - 400)
        if text.find("\n", near, s) >= 0:  # a header line in capitals ends a clause
            pos = near
            for line in text[near:s].split("\n")[:-1]:
                pos += len(line) + 1
                if _is_caps(line):
                    a = max(a, pos)
        brk = _CLAUSE_BREAK.search(text, s + 1, s + 4000)
        if brk and text[brk.start()] == ";" and _PREAMBLE_HEAD.match(text, _skip_space(text, a)):
            # inside a "Căn cứ" item a ";" that runs on in lower case on the same line is part
            # of a cited title ("… tài sản công; thực hành tiết kiệm, chống lãng phí; …")
            while brk and text[brk.start()] == ";" and _RUNS_ON.match(text, brk.end()):
                brk = _CLAUSE_BREAK.search(text, brk.end(), s + 4000)
        b = brk.end() if brk else min(len(text), s + 4000)
        for c in "[]|" if cells else ():
            p = text.find(c, s + 1, b)
            if p >= 0:
                b = p + 1
        if extra:
            b = min([b, *(x for x in extra if s < x < b)])
        if text.find("\n", s, min(b, s + 400)) >= 0:
            pos = s
            lines = text[s : min(b, s + 400)].split("\n")
            pos += len(lines[0]) + 1
            for line in lines[1:]:
                if _is_caps(line):
                    b = pos
                    break
                pos += len(line) + 1
        j = i + 1
        while j < n and items[j][0] < b:
            j += 1
        out.append((a, b, i, j))
        prev_b, i = b, j
    return out


_INTRO_WINDOW = 6000
_GREETING_END = re.compile(r"(?:Kính\s+gửi|Nơi\s+nhận)\s*:$")


def _list_intro(
    text: str, a: int, seen: dict[int, int] | None = None, starts: dict[int, int] | None = None
) -> tuple[int, int] | None:
    """For a list item at ``a``: the clause that introduces the list ("… như sau:", a heading
    in capitals), as (start, end), if only list items stand between them. ``seen`` remembers,
    for each line end walked over, the lead-in line found from it (-1 for none): the items of
    one list walk over each other's lines; ``starts``, where each lead-in's clause starts."""
    end = _lead_in_line(text, a, {} if seen is None else seen)
    if end < 0:
        return None
    if _mark_kind(text, _skip_space(text, end)) != _mark_kind(
        text, _line_start(text, _skip_space(text, a))
    ):
        return None  # the lead-in of a list at another level ("a)" items, not "5.")
    starts = {} if starts is None else starts
    if end not in starts:  # the intro clause: back to the previous break, at most a few lines
        ia = max(0, end - 600)
        for m in _CLAUSE_BREAK.finditer(text, ia, end - 1):
            ia = m.end()
        starts[end] = ia
    return starts[end], end


def _lead_in_line(text: str, a: int, seen: dict[int, int]) -> int:
    """The end of the line ending in ":" (or in capitals) that leads in to the list item at
    ``a``, walking back line by line; -1 when a heading, a greeting or running text comes first."""
    lo = max(0, a - _INTRO_WINDOW)
    end = a
    walked = []
    found = -1
    while True:  # line by line, backwards from the item
        if end in seen:
            found = seen[end]
            break
        walked.append(end)
        nl = text.rfind("\n", lo, end)
        start = nl + 1 if nl >= 0 else lo
        stripped = text[start:end].strip()
        colon = stripped.endswith(":")
        if not colon and stripped[:1] in _HEADING_INITIALS and _HEADING.match(stripped):
            # (an article that opens with its lead-in: "Điều 2. Bãi bỏ … sau đây:", or that
            # announces its list of documents: "Điều 1. Bãi bỏ toàn bộ 15 văn bản …")
            if _announces_documents(stripped) and _LIST_ITEM.match(text, _skip_space(text, end)):
                found = end
            break
        if colon or (stripped and stripped.isupper() and _is_caps(stripped)):
            # not a greeting, nor a colon inside running text ("… chấm dứt hiệu lực: điểm h …")
            if not _GREETING_END.search(stripped) and (
                not stripped.endswith(":") or _LIST_ITEM.match(text, _skip_space(text, end))
            ):
                found = end
            break
        if nl < 0:
            break
        end = nl
    for e in walked:
        seen[e] = found
    return found


def _ident(m: Mention) -> str:
    return m.symbol.canonical if m.symbol is not None else (m.name or "")


# "Bộ trưởng Bộ X ban hành Thông tư hướng dẫn …", "Chính phủ ban hành Nghị định quy định chi tiết
# …": the enacting formula, which names the text itself (no number; not "đã ban hành" a past act)
_ENACTING = re.compile(
    r"(?<!đã )(?<!được )(?<!sẽ )\bban\s+hành\s+(?:Thông\s+tư(?:\s+liên\s+tịch)?|Nghị\s+định|"
    r"Quyết\s+định|Nghị\s+quyết|Bộ\s+luật|Luật|Pháp\s+lệnh|Chỉ\s+thị)(?!\s+(?:số|\d))\b"
)
_SENTENCE_END = re.compile(r"[;:]|\.[ \t]*\n")


def _ends_enacting_formula(text: str, marker: int, noted: str | None) -> bool:
    """Whether a footnote marker ends the sentence in which the text enacts itself ("… ban
    hành Thông tư hướng dẫn … vừa¹."): a consolidated text's note there names the amending
    texts and their bases, which are no object of the verbs in the text's own title (unless
    the marked words name a document of the ``noted`` type, which the note identifies: "…
    hướng dẫn thực hiện Kế hoạch của Ủy ban¹" with "¹ Kế hoạch số …")."""
    lo = max(0, marker - 400)
    for m in _SENTENCE_END.finditer(text, lo, marker):
        lo = m.end()
    enacting = _ENACTING.search(text, lo, marker)
    if enacting is None:
        return False
    named = squash(noted or "").lower()
    return not named or named not in squash(text[enacting.end() : marker]).lower()


def _anchors(
    marker: int,
    text: str,
    main: Sequence[Mention],
    group_of: dict[int, _Frame],
    marker_at: Mapping[int, object],
) -> list[int]:
    """The citations a footnote marker annotates: the one it follows, with the members of its
    list before it that carry no marker of their own."""
    ends = [m.end for m in main]  # mentions are sorted by start, so ends nearly so
    k = bisect.bisect_right(ends, marker)
    for i in range(max(0, k - 3), min(len(main), k + 1)):
        m = main[i]
        if m.end <= marker and not text[m.end : marker].strip(" \t\n,"):
            frame = group_of.get(i)
            if frame is None:
                return [i]
            members = frame.members
            k = members.index(i) if i in members else len(members) - 1
            out = [i]
            for j in reversed(members[:k]):
                if j >= len(main):
                    break
                mj = main[j]
                if any(mj.end <= p <= mj.end + 3 for p in marker_at):
                    break
                out.append(j)
            return out
    return []


# "… Kế hoạch số X ngày … triển khai thực hiện¹" with "¹ Kế hoạch triển khai thực hiện A … và
# B": a footnote that opens with the type word of the citation whose description its marker
# ends (and no number) spells that description out: X carries out A and B, not the citing text.
_UNNUMBERED = re.compile(r"[ \t]+(?!số\b)[^\W\d]")


def _described(
    marker: int, text: str, main: Sequence[Mention], notes_text: str, note_start: int
) -> list[int]:
    k = bisect.bisect_right([m.end for m in main], marker) - 1
    word = main[k].type_word if k >= 0 else None
    if word is None:
        return []
    m = main[k]
    gap = text[m.end : marker]
    head = squash(word)
    at = _skip_space(notes_text, note_start)
    if (
        len(gap) > 80
        or any(c in gap for c in ".;:")
        or not _DESC_OPEN.match(gap)
        or notes_text[at : at + len(head)].lower() != head.lower()
        or not _UNNUMBERED.match(notes_text, at + len(head))
    ):
        return []
    return [k]


_NUMBER_NEXT = re.compile(r"\s*(?:số\b|\d)", re.I)


def _joins_an_object(text: str, gap_start: int, start: int) -> bool:
    """Whether a citation after "," joins the object of a verb in the previous citation's
    description, not that citation's list: "Quyết định A … về việc ban hành Chương trình …
    thực hiện Nghị quyết Đại hội Đảng lần thứ X, Nghị quyết B": the verb takes a document
    named without a number first, and B goes on with it (A carries out B)."""
    if not _DESC_OPEN.match(text[gap_start:start]):
        return False
    hits = cue_hits(text, gap_start, start)
    if not hits:
        return False
    # (the verb's first object: a document's name, capitalised, right after it)
    named = TYPE_WORD_RE.match(text, _skip_space(text, hits[-1].end), start)
    return (
        named is not None
        and text[named.start()].isupper()
        and not _NUMBER_NEXT.match(text, named.end())
    )


def _walk(
    text: str,
    clause_start: int,
    items: list[tuple[int, int, int]],
    root: _Frame,
    rank: Rank,
    mention: Callable[[int], Mention],
    out: list[Assertion],
    group_of: dict[int, _Frame],
    carry: Carry | Callable[[], Carry | None] | None = None,
    region_rel: str | None = None,
    row_text: Callable[[int], int | None] | None = None,
) -> tuple[str | None, str, _Frame | None]:
    """Relate the citations of one clause (returns the clause's relation, its cue words and
    the frame of its last citation). ``carry``: the cue of a list this clause is an item
    of ("Bãi bỏ các văn bản sau:"); ``region_rel``: a relation every top-level citation has
    (the consolidated texts listed at the top of a VBHN); ``row_text``: the text of the table row
    a position is in (main text only)."""
    prev_end: int | None = None
    prev_frame: _Frame | None = None
    prev_idx: int | None = None
    prev_by_and = False  # the previous citation joined its list with "và" (which ends a list)
    top = _Frame(root.governors, None)
    for start, end, gi in items:
        gap_start = prev_end if prev_end is not None else clause_start
        gap = text[gap_start:start]
        if prev_idx is not None and gap.count("\n", -12) > 1 and (row := _NEXT_ROW.search(gap)):
            # a row's last cell (a date) and its number, masked as page furniture: the citation
            # opens the next row, in no description of the last row's texts
            gap_start += row.start() + 1
            gap = text[gap_start:start]
            prev_end = prev_frame = prev_idx = None
            top = _Frame(root.governors, None)
        if (
            prev_idx is not None
            and "đây" in gap
            and (head := _aliased(gap, gi, prev_idx, prev_frame, mention, group_of)) is not None
        ):
            # "Thông tư A … hướng dẫn … (sau đây gọi tắt là Thông tư A) và Thông tư B": the alias
            # names A again and closes its description; what follows goes on A's list
            prev_end, prev_frame, prev_idx = end, group_of[head], head
            group_of[gi] = prev_frame
            continue
        if (
            prev_frame is not None
            and prev_idx is not None
            and (
                (
                    _coordinated(gap)
                    # (a bare "số Y" goes on the list whose type word it shares)
                    and (
                        mention(gi).type_word is None
                        or not _joins_an_object(text, gap_start, start)
                    )
                )
                or (
                    (
                        (_names_provision(gap) and _COORD_PROVISIONS.search(gap[-60:]))
                        or ("điều" in gap[-20:] and _COORD_SOME_PROVISIONS.search(gap[-40:]))
                    )
                    and not cue_hits(text, gap_start, start)
                )
            )
        ):
            frame = prev_frame
            cue = last_cue(text, gap_start, start)
            implementing = frame.rel == "implements" or (cue is not None and cue[0] == "implements")
            while frame.parent is not None and not _can_act_on(frame, gi, rank, implementing):
                frame = frame.parent
            if cue is not None and cue[0] == "guides" and not _can_guide(frame, gi, rank):
                # "A sửa đổi … B <title: hướng dẫn thực hiện …> và C": the guide is B's title,
                # and A guides no text of its own level; C goes on A's list (A amends C)
                cue = None
            elif (
                cue is not None
                and (cue[0] in _CHANGES or cue[0] == "implements")
                and frame.parent is None
                and _DESC_OPEN.match(gap)
                # past a verb of the list's own, only a member like A (not a text A's title
                # names: "bãi bỏ Quyết định A … thực hiện Nghị quyết Đại hội …, Nghị quyết B")
                and (frame.rel == "cites" or mention(prev_idx).type == mention(gi).type)
            ):
                # "Thông tư A … hướng dẫn thực hiện … và Thông tư B … hết hiệu lực", "Thông tư A
                # quy định … kinh phí thực hiện chính sách … và Thông tư B …", "Thông tư này thay
                # thế Thông tư A … hướng dẫn … và Thông tư B": the verb is A's title; B goes on
                # the text's own list (what ends it is read after B, or its verb before A)
                cue = None
            elif (
                cue is not None
                and frame.parent is None
                and cue[1] > gap_start
                and _DESC_OPEN.match(gap)
                and _DOCUMENT_NEXT.match(text, cue[2])
                and _can_act_on(
                    described := _Frame(
                        _sharing(frame, prev_idx, mention, text), frame, cue[0], cue[1],
                        words=_cue_words(text, cue),
                    ),
                    gi, rank, implementing,
                )
            ):  # fmt: skip
                # "chỉ thị số A về tăng cường thực hiện luật phòng, chống … và nghị định số B": the
                # cue of A's description took a document named with no number (a register's
                # lower case), and B is its next object: A carries out B, not the citing text
                frame = described
            if mention(gi).type_word is None:
                # "các Nghị quyết: số X … về …, và số Y": a bare "số Y" shares the type word of
                # the list it continues, not of a description in between
                typ = mention(gi).type
                while frame.parent is not None and not any(
                    mention(j).type == typ for j in frame.members
                ):
                    frame = frame.parent
            if (
                frame.passive is not None
                and frame.passive[1] in group_of
                and (
                    _closes_agents(mention(prev_idx), mention(gi), gap)
                    or _predates(mention(gi), mention(frame.passive[1]), frame.passive[0])
                    or (prev_by_and and gap.rstrip().endswith(","))
                )
            ):
                # "Luật X số A đã được sửa đổi … theo Luật số B, Luật Đất đai số C": the agents
                # end; a law with a name of its own goes on the list X is a member of, and so
                # does one dated no later than X ("Thông tư A ngày 31/12/2020 …, được sửa đổi bởi
                # Thông tư B, Thông tư C ngày 31/12/2020 …": C amends no text of its own day) or
                # one after the list's "và" ("… bởi Thông tư B và Thông tư C, Thông tư D …")
                frame = group_of[frame.passive[1]]
            rel = cue[0] if cue else (frame.rel or "cites")
            cue_start = cue[1] if cue else frame.cue_start
            words = _cue_words(text, cue) if cue else frame.words
            if frame.passive is not None and frame.passive[1] != gi:
                p_rel, target, p_words = frame.passive
                p_start = clause_start if target == SELF else mention(target).start
                out.append(Assertion(gi, p_rel, target, p_start, end, True, p_words))
        elif prev_frame is not None and (
            shared := _shared_subject(text, gap_start, start, prev_frame)
        ):
            # "Thông tư này thay thế A <title> và bãi bỏ B": the second verb's subject is the first's
            held, cue = shared
            frame = _Frame(held.governors, held.parent, cue[0], cue[1], words=_cue_words(text, cue))
            if held.parent is None:
                top = frame
            rel, cue_start, words = cue[0], cue[1], frame.words
        elif root.governors == (SELF,) and (
            change := _changes_what_stands_in(text, clause_start, gap)
        ):
            # "Điều 2. Điều chỉnh nhiệm vụ … của Phụ lục … kèm theo Chương trình … tại Nghị quyết
            # X": the clause's verb changes what X issued, however long its name
            top = frame = _Frame(root.governors, None, "amends", change[0], words=change[1])
            rel, cue_start, words = "amends", change[0], change[1]
        elif prev_idx is not None and _DESC_OPEN.search(gap):
            found = cues_before(text, gap_start, start)  # read once for both
            cue = last_cue(text, gap_start, start, found=found)
            frame = _Frame(
                _sharing(prev_frame, prev_idx, mention, text),
                prev_frame,
                cue[0] if cue else "cites",
                cue[1] if cue else None,
                words=_cue_words(text, cue) if cue else "",
            )
            passive = passive_cue(text, gap_start, start, found=found)
            if (
                passive
                and _passive_rel(passive) == "promulgates"
                and _THING_NAMED.search(text, gap_start, passive.start)
            ):
                # "Kế hoạch X về triển khai Đề án A (… được phê duyệt tại Quyết định Y)": Y approved
                # the thing named in X's description, not X; X carries out what Y approved
                passive = None
            if passive:
                # "Nghị định X …, được sửa đổi, bổ sung bởi Nghị định Y": Y amends X. After a comma
                # the passive reaches back over X's description to the citation it describes.
                target = prev_idx
                rel_p, p_words = _passive_rel(passive), _passive_words(text, passive)
                # a note in its own cell ("…\nĐược bãi bỏ bởi Quyết định Y"): of the row's
                # document, not of one named in its title
                cell = _NOTE_LINE.search(text, max(gap_start, passive.start - 20), passive.start)
                if prev_frame is not None and (
                    gap.lstrip().startswith(",")
                    or (rel_p in _DOWNWARD and _outranks(rank, prev_idx, gi))
                    or cell
                ):
                    # (and "Nghị định A quy định chi tiết Luật X được sửa đổi bởi Nghị định B": a
                    # decree changes no law, so B amends A, the head of the description)
                    head = prev_frame.governors[0]
                    target = head if head != SELF else prev_idx
                    if cell and row_text is not None:
                        # (the row's text, when a lost row number left it in the last row's note)
                        target = row_text(cell.start()) or target
                out.append(Assertion(gi, rel_p, target, mention(target).start, end, True, p_words))
                # the citing text stands on the amended text as amended ("Căn cứ X, được sửa
                # đổi bởi Y"): it stands on Y too; not on what amends a text X changes ("Căn
                # cứ Thông tư X sửa đổi … Thông tư W … được sửa đổi bởi Thông tư Y": on X only)
                changer = group_of.get(target)
                based = top.rel == "based_on" and (
                    target in top.members or changer is None or changer.rel not in _DOWNWARD
                )
                frame = _Frame(
                    top.governors, None, "based_on" if based else "cites",
                    top.cue_start, passive=(rel_p, target, p_words), words=top.words if based else "",
                )  # fmt: skip
            elif attached := _ATTACHED.search(gap):
                # "Kế hoạch X ban hành kèm theo Quyết định Y": Y promulgates X
                out.append(
                    Assertion(gi, "promulgates", prev_idx, mention(prev_idx).start, end, True,
                              squash(attached.group()))
                )  # fmt: skip
                frame = _Frame(top.governors, None, "cites", None)
            rel, cue_start, words = frame.rel or "cites", frame.cue_start, frame.words
        else:
            if top.members and _ISSUED.search(gap[-40:]):
                # "Triển khai X và Y, UBND tỉnh đã ban hành Kế hoạch Z": Z implements X and Y
                for j in top.members:
                    if top.rel == "implements" and j != gi:
                        out.append(
                            Assertion(gi, "implements", j, clause_start, end, True, top.words)
                        )
                top = _Frame(root.governors, None, "cites", None)
                frame = top
                rel, cue_start, words = "cites", None, ""
            elif (
                prev_idx is None
                and root.governors == (SELF,)
                and (said := _said_of_self(text, gap_start, start))
            ):
                # "[Khoản này được hướng dẫn bởi Thông tư X]": X guides this text
                rel_p, p_words = _passive_rel(said), _passive_words(text, said)
                out.append(Assertion(gi, rel_p, SELF, gap_start, end, True, p_words))
                top = frame = _Frame((), None, "cites", None, passive=(rel_p, SELF, p_words))
                rel, cue_start, words = "cites", None, ""
            elif row_text is not None and (note := _row_note(text, gap_start, start, row_text)):
                # "<row's text> | Được thay thế bởi Thông tư X": a note in its own cell is of the
                # row's text, also when the row's title has a word of its own ("… điều chỉnh
                # lương hưu") or its ";" or "." ended the clause
                target, said = note
                rel_p, p_words = _passive_rel(said), _passive_words(text, said)
                out.append(Assertion(gi, rel_p, target, mention(target).start, end, True, p_words))
                frame = _Frame(
                    root.governors, None, "cites", None, passive=(rel_p, target, p_words)
                )
                rel, cue_start, words = "cites", None, ""
            else:
                cue = last_cue(text, gap_start, start, top=root.governors == (SELF,))
                words = _cue_words(text, cue) if cue else ""
                # the list's cue, for a clause's first citation that has none of its own
                taken = None
                if cue is None and prev_idx is None and carry is not None:
                    taken = carry() if callable(carry) else carry
                    if taken is not None and _requested(text, clause_start, start):
                        taken = None  # "2. Rà soát, tham mưu … điều chỉnh Kế hoạch X": a task
                    elif (
                        taken is not None
                        and taken.rel == "implements"
                        and _POINTER.search(text, clause_start, start)
                    ):
                        taken = None  # "a) … quy định tại Điều 11 Thông tư X": pointed at
                if taken is not None and taken.head is not None:
                    taken = replace(taken, head=taken.head_for(gi, rank))
                if taken is not None:
                    if taken.head is not None and taken.head != gi:
                        # "X, được sửa đổi, bổ sung bởi: 1. Y …": Y amends X
                        out.append(
                            Assertion(gi, taken.rel, taken.head, start, end, True, taken.words)
                        )
                    else:
                        cue, words = (taken.rel, start, start), taken.words
                top = _Frame(
                    root.governors, None, cue[0] if cue else "cites", cue[1] if cue else None,
                    words=words,
                )  # fmt: skip
                if cue is None and taken is not None and taken.head is not None:
                    top.passive = (taken.rel, taken.head, taken.words)
                frame = top
                rel, cue_start = top.rel or "cites", top.cue_start
                if region_rel and root.governors == (SELF,):
                    rel = frame.rel = region_rel
                    words = frame.words = _VBHN_WORDS
        frame.members.append(gi)
        if frame.rel is None:
            frame.rel, frame.cue_start, frame.words = rel, cue_start, words
        group_of[gi] = frame
        ev_start = cue_start if cue_start is not None else clause_start
        if end - ev_start > 500:
            ev_start = max(clause_start, start - 200)
        if rel == "cites" and frame.parent is None:
            # (inside a description, "Nghị định X … về … Thông tư Y … hết hiệu lực" says X ends)
            rel, words = _postfix(text, end) or (rel, "")
            if (
                rel == "repeals"
                and len(frame.members) > 1
                and _ENDS_FROM.search(text, end, end + 270)
            ):
                # "A <title> và B <title> hết hiệu lực": the list ends together
                _ends_too(out, frame.members[:-1], rel, words)
        ev_end = max(end, start)
        if ev_end <= ev_start:  # a footnote's citation placed at its marker, with no words before
            ev_start, ev_end = mention(gi).start, mention(gi).end
        _emit(out, frame, gi, rel, ev_start, ev_end, mention, "" if rel == "cites" else words)
        prev_by_and = _AND_JOINED.search(gap[-16:]) is not None
        prev_end, prev_frame, prev_idx = max(end, start), frame, gi
    return top.rel, top.words, prev_frame


_VBHN_WORDS = "văn bản hợp nhất"
_ALIAS = re.compile(r"\(\s*sau\s+đây\s+(?:gọi|viết)(?:\s+tắt)?\s+là\s+$", re.I)


def _aliased(
    gap: str,
    gi: int,
    prev_idx: int,
    prev_frame: _Frame | None,
    mention: Callable[[int], Mention],
    group_of: Mapping[int, _Frame],
) -> int | None:
    """The citation ``gi`` renames in "(sau đây gọi tắt là <gi>)": the one just read, or the
    head of the description it is in, when it is the same document."""
    if not _ALIAS.search(gap[-40:]):
        return None
    me = _ident(mention(gi))
    for j in (prev_idx, *(g for f in _chain(prev_frame) for g in f.governors)):
        if j != SELF and j in group_of and _ident(mention(j)) == me:
            return j
    return None


def _chain(frame: _Frame | None) -> Iterable[_Frame]:
    while frame is not None:
        yield frame
        frame = frame.parent


# a table row's last cell, a date alone on its line, then the blank line of the next row's number
_NEXT_ROW = re.compile(r"\n[ \t]*\d{1,2}/\d{1,2}/\d{4}[ \t]*\n(?:[ \t]*\n)+[ \t]*$")


# A thing a decision approves, named by its capitalised kind ("Đề án …", "Chiến lược …")
_THING_NAMED = re.compile(
    r"(?<!\w)(?:Đề\s+án|Chiến\s+lược|Chương\s+trình|Quy\s+hoạch|Kế\s+hoạch|Dự\s+án|Phương\s+án|"
    r"Danh\s+mục|Quy\s+chế|Điều\s+lệ)(?!\w)"
)
_NOTE_LINE = re.compile(r"\n[ \t]*(?:Đã\s+được|Được|Bị|Đã\s+bị)\s+$")


# What ends a table row above a note: another row's note, or a section's heading ("V. LĨNH VỰC …")
_ROW_END = re.compile(r"\n[ \t]*(?:[IVX]{1,4}\.[ \t]|(?:Đã[ \t]+được|Được|Bị|Đã[ \t]+bị)[ \t])")
_ROW_SPAN = 1500
# a type word the reader did not take, before a row's number ("Thông tư liên lịch số ")
_UNREAD_TYPE = re.compile(r"[ \t]*(?:[^\W\d]\w*[ \t]+){1,4}số[ \t]*")


# A clause that opens with a change verb ("Điều 2. Điều chỉnh …", "2. Sửa đổi, bổ sung …")
_CHANGE_OPENS = re.compile(
    r"\s*(?:Điều\s+\d+[a-zđ]?\.\s+|\d{1,2}\.\s+|[a-zđ]\)\s+)?"
    r"(?P<verb>Điều\s+chỉnh(?:,?\s+bổ\s+sung)?|Sửa\s+đổi(?:,?\s+bổ\s+sung)?)\s"
)
# … and names what it changes as issued with a document ("… kèm theo Chương trình hành động
# của Chính phủ tại ", "… (ban hành kèm theo ")
_STANDS_IN_ATTACHED = re.compile(
    r"(?<!\w)kèm\s+theo(?:\s+(?!tại\b)\S+){0,8}?(?:\s+tại)?\s*\(?$|\(\s*(?:ban\s+hành\s+)?kèm\s+theo\s*$"
)


def _changes_what_stands_in(text: str, clause_start: int, gap: str) -> tuple[int, str] | None:
    """(where, the words of) the change verb that opens the clause at ``clause_start`` when the
    citation after ``gap`` issued the thing it changes (the verb is the clause's: a citation
    past 320 characters, or inside the description of one the thing's name holds, is still
    its object)."""
    if "kèm" not in gap[-90:] or not (m := _CHANGE_OPENS.match(text, clause_start)):
        return None
    if not _STANDS_IN_ATTACHED.search(gap[-90:]):
        return None
    return m.start("verb"), squash(m.group("verb"))


def _row_text(
    text: str, before: Sequence[tuple[int, int, int]], group_of: Mapping[int, _Frame], pos: int
) -> int | None:
    """The text of the table row a note at ``pos`` is in: the last citation before it that
    opens its own line, after a blank one (the row's number, masked as page furniture) or at
    the head of the citing text's own list; not one in a title ("… của \nThông tư số X"),
    nor one past another row's note or a section's heading."""
    for start, end, gi in reversed(before):
        if pos - start > _ROW_SPAN or _ROW_END.search(text, end, pos):
            return None
        line = _line_start(text, start)
        if text[line:start].strip() and not _UNREAD_TYPE.fullmatch(text, line, start):
            continue
        frame = group_of.get(gi)
        blank_above = not text[_line_start(text, line - 1) : line].strip()
        if blank_above or (frame is not None and frame.parent is None and frame.passive is None):
            return gi
    return None


def _row_note(
    text: str, start: int, end: int, row_text: Callable[[int], int | None]
) -> tuple[int, Cue] | None:
    """(the row's text, the passive cue) when the citation at ``end`` follows a note that opens
    its own line ("…\nĐược bãi bỏ bởi Quyết định Y")."""
    if "bởi" not in text[max(start, end - 40) : end]:
        return None
    said = passive_cue(text, start, end)
    if said is None:
        return None
    note = _NOTE_LINE.search(text, max(start, said.start - 20), said.start)
    head = row_text(note.start()) if note else None
    return None if head is None else (head, said)


def _passive_words(text: str, cue: Cue) -> str:
    """ "được sửa đổi, bổ sung", "bị bãi bỏ": the passive cue with its auxiliary."""
    aux = _PASSIVE.search(text, max(0, cue.start - 25), cue.start)
    return squash(text[aux.start() if aux else cue.start : cue.end])


_THIS_TEXT = re.compile(r"(?<!\w)này(?!\w)")


def _said_of_self(text: str, start: int, end: int) -> Cue | None:
    """The relation of a citation at ``end`` to the citing text itself, stated in an editorial
    note in brackets, in the passive of a part of the text: "[Khoản này được hướng dẫn bởi …]",
    "[Phụ lục 5 … bị bãi bỏ bởi …]". (A consolidated text's footnote "Điều này được sửa đổi
    theo …" tells the history of the text it consolidates: no edge of its own.)"""
    if text[start - 1 : start] != "[":  # "[" ends a clause: the note's clause starts after it
        return None
    cue = passive_cue(text, start, end)
    if cue is None or cue.rel == "_attached":
        return None
    return cue if _THIS_TEXT.search(text, start, end) else None


def _sharing(
    frame: _Frame | None, idx: int, mention: Callable[[int], Mention], text: str
) -> tuple[int, ...]:
    """The citations a description after citation ``idx`` belongs to: ``idx`` and the members
    of its list before it that have neither an issuer nor a description of their own nor
    another type ("các Kế hoạch số X ngày …, số Y ngày … của Ủy ban nhân dân tỉnh về …": X and Y
    share "về …"; "Nghị định số A quy định về … và Nghị định số B quy định chi tiết Luật C": only
    B details C)."""
    members = frame.members if frame is not None else []
    if idx not in members:
        return (idx,)
    typ = mention(idx).type
    out = [idx]
    nxt = idx
    for j in reversed(members[: members.index(idx)]):
        m = mention(j)
        if (
            m.issuer_phrase
            or m.type != typ
            or m.kind != "symbol"
            or j == SELF
            or _DESC_OPEN.match(text[m.end : mention(nxt).start])
        ):
            break
        out.append(j)
        nxt = j
    return tuple(reversed(out))


# what follows a text's end: when, how much, or the clause's end ("chấm dứt hiệu lực mã số thuế"
# ends a tax code, not a text)
_ENDS_WHEN = (
    r"(?=\s*(?:thi\s+hành|toàn\s+bộ|một\s+phần|kể\s+từ|từ|đối\s+với|khi|theo|trong|sau|"
    r"[.;,:)”]|\n|$))"
)
_POSTFIX_CUES = (
    ("hết", re.compile(r"hết\s+hiệu\s+lực" + _ENDS_WHEN), "repeals", 250),
    ("chấm", re.compile(r"chấm\s+dứt\s+hiệu\s+lực" + _ENDS_WHEN), "repeals", 250),
    ("bị", re.compile(r"bị\s+bãi\s+bỏ"), "repeals", 250),
    ("được", re.compile(r"được\s+(?:sửa\s+đổi|bổ\s+sung)"), "amends", 60),
    ("được", re.compile(r"được\s+thay\s+thế"), "replaces", 60),
)

_POSTFIX_HEADS = tuple(dict.fromkeys(head for head, _, _, _ in _POSTFIX_CUES))

_ASKED = re.compile(r"(?<!\w)(?:đề\s+nghị|kiến\s+nghị|đề\s+xuất)(?!\s+của)(?!\w)", re.I)
_ROW_NUMBER = re.compile(r"\n[ \t]*\d{1,3}\.?[ \t]*\n")


def _postfix(text: str, end: int) -> tuple[str, str] | None:
    """A relation stated after the citation: "Nghị định số X … hết hiệu lực kể từ …" (the
    citing text repeals X), within the same sentence and before any other citation."""
    window = text[end : end + 270]  # a cue may start up to 250 characters on
    if not any(map(window.__contains__, _POSTFIX_HEADS)):
        return None  # (the usual case: no lower-casing of the window)
    low = lowered(window)
    for head, rx, rel, reach in _POSTFIX_CUES:
        pos = low.find(head, 0, reach)
        while pos >= 0 and not (hit := rx.match(low, pos)):
            pos = low.find(head, pos + 1, reach)
        if pos < 0 or hit is None:
            continue
        between = text[end : end + pos]
        if (
            ";" in between
            or ". " in between
            or _other_subject(between)
            or _ROW_NUMBER.search(between)  # the next table row's words
            or _ASKED.search(between)  # "Văn bản đề nghị chấm dứt hiệu lực …": a request
        ):
            continue
        if rel in ("amends", "replaces") and (
            not _NEW_WORDING.match(low, hit.end()) or _NEW_SUBJECT.search(between)
        ):
            # the citing text's own change gives the new wording ("X được sửa đổi, bổ sung như
            # sau:"); "X được sửa đổi, bổ sung bởi Y" is Y's, "X đã được sửa đổi, bổ sung" is X as
            # amended, "Trường hợp X được sửa đổi, bổ sung, thay thế thì …" a condition; "X … do
            # danh mục này được sửa đổi": something else is amended
            continue
        return rel, squash(text[end + pos : end + hit.end()])
    return None


_NEW_SUBJECT = re.compile(r"(?<!\w)(?:này|do|vì|nếu|khi|mà|thì)(?!\w)", re.I)
# after "được sửa đổi": the new wording ("… như sau:", "… bằng “…”")
_NEW_WORDING = re.compile(
    r"(?:\s*,?\s*(?:bổ\s+sung|thay\s+thế|bãi\s+bỏ))*(?:\s+một\s+số\s+(?:điều|nội\s+dung))?"
    r"\s*(?:như\s+sau|:|bằng\s*[“\"])"
)
_AGENT_OR_MEMBER = re.compile(
    r"(?:(?:bởi|tại|theo)\s+(?:các\s+)?|(?:,|\bvà|\bhoặc)\s*(?:các\s+)?)$"
)


def _other_subject(between: str) -> bool:
    """Whether a citation between a citation and the cue after it has the cue to itself. Not
    when it is a member of the same list ("A và B hết hiệu lực") or the agent in an aside ("X,
    đã được sửa đổi, bổ sung bởi Y, hết hiệu lực": X and Y both end)."""
    return any(
        not _AGENT_OR_MEMBER.search(between[: m.start()].rstrip() + " ")
        for m in _NEXT_CITATION.finditer(between)
    )


_AMENDING_NAME = re.compile(r"(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s+sửa\s+đổi", re.I)


def _closes_agents(prev: Mention, cur: Mention, gap: str) -> bool:
    """Whether ``cur``, after a comma, leaves a list of unnamed amending texts ("theo Luật số B")
    as a document named by its own title ("Luật Đất đai số C"): amending laws go by number."""
    return (
        prev.name is None
        and cur.name is not None
        # "… theo Luật số B, Bộ luật Lao động số C": a code or an ordinance is of the laws' level
        and (prev.type == cur.type or {prev.type, cur.type} <= LAW_TYPES)
        and not _AMENDING_NAME.match(cur.name)
        and gap.rstrip().endswith(",")
    )


def _predates(agent: Mention, target: Mention, rel: str) -> bool:
    """Whether ``agent``'s date rules it out as the agent of the passive "``target`` được
    <rel> bởi …": a text changes or guides only texts issued before it (a change on the same
    day is no change; a text "ban hành kèm theo" a decision bears the decision's date)."""
    if agent.date is None or target.date is None or rel == "promulgates":
        return False
    return agent.date <= target.date if rel in _DOWNWARD else agent.date < target.date


# Relations a text can only have to texts of its own level or below.
_DOWNWARD = frozenset(("amends", "replaces", "repeals"))
_AND_JOINED = re.compile(r"\svà\s+$")
_AND_CUE = re.compile(r",?\s+và\s+(?:đồng\s+thời\s+)?$")


def _shared_subject(
    text: str, gap_start: int, start: int, frame: _Frame
) -> tuple[_Frame, tuple[str, int, int]] | None:
    """For a change verb joined by "và" ("… thay thế A … và bãi bỏ B"): the frame of the
    nearest change verb before it, whose subject it shares, and the cue."""
    held: _Frame | None = frame
    while held is not None and held.rel not in _DOWNWARD:
        held = held.parent
    # (both tests first: reading the cue in its context is the costly part)
    if held is None or "và" not in text[gap_start:start]:
        return None
    cue = last_cue(text, gap_start, start)
    if cue is None or cue[0] not in _DOWNWARD or not _AND_CUE.search(text, gap_start, cue[1]):
        return None
    return held, cue


def _outranks(rank: Rank, a: int, b: int) -> bool:
    """Whether citation ``a`` is of a higher level than ``b`` (a law than a decree)."""
    r_a, r_b = rank(a)[0], rank(b)[0]
    return r_a is not None and r_b is not None and r_a < r_b


def _can_guide(frame: _Frame, gi: int, rank: Rank) -> bool:
    """Whether the documents governing ``frame`` could guide citation ``gi``: a text guides
    only texts of a higher level (a circular a decree or a law), the citing text anything."""
    r_m = rank(gi)[0]
    for g in frame.governors:
        r_g = rank(g)[0] if g != SELF else None
        if r_g is not None and r_m is not None and r_g <= r_m:
            return False
    return True


def _can_act_on(frame: _Frame, gi: int, rank: Rank, implementing: bool) -> bool:
    """Whether the documents governing ``frame`` could stand in its relation to citation
    ``gi``: no document acts on a later one, and a document carries out only documents of
    its own or a higher level."""
    r_m, y_m = rank(gi)
    for g in frame.governors:
        if g == SELF:
            continue
        r_g, y_g = rank(g)
        if y_g is not None and y_m is not None and y_g < y_m and frame.rel != "cites":
            return False
        if implementing and r_g is not None and r_m is not None and r_g < r_m:
            return False
    return True


# a final provision: "… hết hiệu lực (thi hành) kể từ ngày …", "… hết hiệu lực thi hành."
# ("chấm dứt hiệu lực mã số thuế" ends something else)
_ENDS_FROM = re.compile(r"hết\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+(?:kể\s+)?từ(?!\w)|\s*[.;])")


def _ends_too(out: list[Assertion], members: Sequence[int], rel: str, words: str) -> None:
    """The citing text's plain mentions of ``members`` (the list before the last one, which a
    relation stated after it governs) take that relation."""
    left = set(members)
    for k in range(len(out) - 1, -1, -1):
        a = out[k]
        if a.subject == SELF and a.object in left and not a.reported:
            left.discard(a.object)
            if a.relation == "cites":
                out[k] = a._replace(relation=rel, cue=words)
        if not left:
            return


def _emit(
    out: list[Assertion],
    frame: _Frame,
    gi: int,
    rel: str,
    ev_start: int,
    ev_end: int,
    mention: Callable[[int], Mention],
    words: str,
) -> None:
    for g in frame.governors:
        if g == SELF:
            out.append(Assertion(SELF, rel, gi, ev_start, ev_end, False, words))
        elif g != gi:
            g_start = mention(g).start
            if not 0 <= ev_end - g_start <= 500:  # a footnote far from the words it annotates
                g_start = ev_start
            if rel == "cites":
                # a plain mention inside another citation's description: the text cites it
                out.append(Assertion(SELF, "cites", gi, ev_start, ev_end))
            else:
                out.append(Assertion(g, rel, gi, min(g_start, ev_start), ev_end, True, words))
