"""The rules of the language that type a link, one table per class of issue 14: whole sentences,
each with the EXACT set of edges (subject, relation, object, reported) it states.

The sentences are written for the test (shapes seen in real texts, other numbers and bodies), so a
rule fitted to one corpus text fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_extract_units import KON_TUM as LETTER  # a Kon Tum letter with {body}

from ingest.extract import extract
from ingest.models import Source
from ingest.read import read_path

Edge = tuple[str, str, str, bool]


def edges(body: str, template: str = LETTER) -> set[Edge]:
    """Every link the letter (or ``template``) with ``body`` states, by symbol (or title),
    "@self" for itself."""
    return edges_of(Source("t/letter.txt", template.format(body=body), "txt"))


def edges_of(source: Source) -> set[Edge]:
    ex = extract(source)
    me = ex.document.key

    def name(ref: object) -> str:
        key = getattr(ref, "key")  # noqa: B009
        return "@self" if key == me else (getattr(ref, "symbol") or getattr(ref, "title"))  # noqa: B009

    return {(name(k.subject), k.relation, name(k.object), k.reported) for k in ex.links}


# Class 1: scope. A cue governs every member of a list; a description belongs to the citations
# it follows (shared by members with no issuer of their own); "và <cue>" after a description
# returns to the citing text; a passive aside does not stop "… hết hiệu lực" reaching its subject.
SCOPE: list[tuple[str, set[Edge]]] = [
    (
        "Công an tỉnh tiếp tục triển khai các Kế hoạch số 12/KH-UBND ngày 25/01/2024, số "
        "34/KH-UBND ngày 04/3/2024 của Ủy ban nhân dân tỉnh về triển khai thực hiện Quyết định "
        "số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ.",
        {
            ("@self", "implements", "12/KH-UBND", False),
            ("@self", "implements", "34/KH-UBND", False),
            ("12/KH-UBND", "implements", "06/QĐ-TTG", True),
            ("34/KH-UBND", "implements", "06/QĐ-TTG", True),
        },
    ),
    (
        "Bãi bỏ các Quyết định: số 10/2019/QĐ-UBND ngày 01/3/2019; số 11/2020/QĐ-UBND ngày "
        "02/4/2020 của Ủy ban nhân dân tỉnh.",
        {
            ("@self", "repeals", "10/2019/QĐ-UBND", False),
            ("@self", "repeals", "11/2020/QĐ-UBND", False),
        },
    ),
    (
        "Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ; Kế hoạch số 45/KH-UBND "
        "ngày 24/02/2025 của Ủy ban nhân dân tỉnh; Chỉ thị số 07/CT-TTg ngày 01/3/2025 của Thủ "
        "tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu:",
        {
            ("@self", "implements", "03/NQ-CP", False),
            ("@self", "implements", "45/KH-UBND", False),
            ("@self", "implements", "07/CT-TTG", False),
        },
    ),
    (
        "Kế hoạch số 72/KH-UBND ngày 12/5/2022 của Ủy ban nhân dân tỉnh triển khai Quyết định số "
        "146/QĐ-TTg ngày 28/01/2022 của Thủ tướng Chính phủ và thực hiện Chỉ thị số 05/CT-TTg ngày "
        "01/3/2025 của Thủ tướng Chính phủ.",
        {
            ("@self", "cites", "72/KH-UBND", False),
            ("72/KH-UBND", "implements", "146/QĐ-TTG", True),
            ("@self", "implements", "05/CT-TTG", False),
        },
    ),
    (  # "A <title: hướng dẫn thực hiện …> và B <title> hết hiệu lực kể từ …": the verb is A's
        # title, the list ends together
        "2. Thông tư số 20/2016/TT-BTC ngày 03 tháng 02 năm 2016 của Bộ trưởng Bộ Tài chính hướng "
        "dẫn thực hiện cơ chế quản lý tài chính về bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất "
        "nghiệp và chi phí quản lý bảo hiểm xã hội và Thông tư số 24/2020/TT-BTC ngày 13 tháng 4 năm "
        "2020 của Bộ trưởng Bộ Tài chính về chi phí quản lý hết hiệu lực kể từ khi Thông tư này có "
        "hiệu lực thi hành.",
        {
            ("@self", "repeals", "20/2016/TT-BTC", False),
            ("@self", "repeals", "24/2020/TT-BTC", False),
        },
    ),
    (  # "thực hiện" in A's title takes a policy ("kinh phí thực hiện chính sách"), not B
        "2. Thông tư số 105/2019/TT-BTC ngày 14 tháng 11 năm 2019 của Bộ Tài chính quy định quản lý "
        "và sử dụng kinh phí thực hiện chính sách ưu đãi người có công với cách mạng và Thông tư số "
        "150/2016/TT-BTC ngày 15 tháng 9 năm 2016 của Bộ Tài chính quy định về nội dung và mức chi "
        "hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành.",
        {
            ("@self", "repeals", "105/2019/TT-BTC", False),
            ("@self", "repeals", "150/2016/TT-BTC", False),
        },
    ),
    (  # the citing text's own "thực hiện A … và B" carries out both
        "Ủy ban nhân dân tỉnh triển khai thực hiện Nghị quyết số 45/NQ-CP ngày 10/4/2024 của Chính "
        "phủ về chính sách ưu đãi và Kế hoạch số 23/KH-UBND ngày 02/5/2024 của Ủy ban nhân dân tỉnh.",
        {("@self", "implements", "45/NQ-CP", False), ("@self", "implements", "23/KH-UBND", False)},
    ),
    (  # "chấm dứt hiệu lực mã số thuế" ends a tax code, not the texts before it
        "Hồ sơ thực hiện theo quy định tại Thông tư số 19/2021/TT-BTC ngày 18/3/2021 của Bộ Tài chính "
        "hướng dẫn giao dịch điện tử trong lĩnh vực thuế và Thông tư số 46/2024/TT-BTC ngày 09/7/2024 "
        "trong thời hạn 03 ngày làm việc kể từ ngày người nộp thuế đề nghị chấm dứt hiệu lực mã số "
        "thuế.",
        {("@self", "cites", "19/2021/TT-BTC", False), ("@self", "cites", "46/2024/TT-BTC", False)},
    ),
    (  # a lead-in ending in ":" inside running text: the list goes on after ";"
        "Các quy định sau đây chấm dứt hiệu lực: khoản 4 Điều 12 Nghị định số 75/2021/NĐ-CP ngày "
        "24 tháng 7 năm 2021 của Chính phủ; điểm d khoản 4 Điều 1 Nghị định số 55/2023/NĐ-CP ngày 21 "
        "tháng 7 năm 2023 của Chính phủ.",
        {
            ("@self", "repeals", "75/2021/NĐ-CP", False),
            ("@self", "repeals", "55/2023/NĐ-CP", False),
        },
    ),
    (
        "Thông tư số 05/2019/TT-BTC ngày 01/3/2019 và Thông tư số 06/2020/TT-BTC ngày 02/4/2020 hết "
        "hiệu lực kể từ ngày Thông tư này có hiệu lực.",
        {
            ("@self", "repeals", "05/2019/TT-BTC", False),
            ("@self", "repeals", "06/2020/TT-BTC", False),
        },
    ),
    (
        "Nghị định số 87/2021/NĐ-CP ngày 29 tháng 9 năm 2021 của Chính phủ, đã được sửa đổi, bổ "
        "sung bởi Nghị định số 64/2023/NĐ-CP ngày 23 tháng 8 năm 2023 của Chính phủ, hết hiệu lực "
        "kể từ ngày Quyết định này có hiệu lực.",
        {
            ("64/2023/NĐ-CP", "amends", "87/2021/NĐ-CP", True),
            ("@self", "repeals", "87/2021/NĐ-CP", False),
            ("@self", "repeals", "64/2023/NĐ-CP", False),
        },
    ),
]

# Class 1, lists: a lead-in's cue reaches the items of its own list, also an item naming a part
# of the document ("Phụ lục 5 … ban hành kèm theo Quyết định X"), but not a task item nor the
# items of another list level.
SCOPE += [
    (
        "Điều 2. Bãi bỏ các danh mục mã dùng chung sau đây:\n1. Phụ lục 01 Danh mục mã dịch vụ kỹ "
        "thuật ban hành kèm theo Quyết định số 5086/QĐ-BYT ngày 04/11/2021 của Bộ trưởng Bộ Y tế;\n"
        "2. Phụ lục 1 Danh mục mã tiền giường và Phụ lục 5 Danh mục mã khoa ban hành kèm theo Quyết "
        "định số 5937/QĐ-BYT ngày 30/12/2021 của Bộ trưởng Bộ Y tế.",
        {("@self", "repeals", "5086/QĐ-BYT", False), ("@self", "repeals", "5937/QĐ-BYT", False)},
    ),
    (
        "Triển khai thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ, các sở thực hiện "
        "các nhiệm vụ sau:\n1. Tổ chức quán triệt Nghị quyết.\n2. Rà soát, tham mưu Ủy ban nhân dân "
        "tỉnh bổ sung, điều chỉnh nội dung Kế hoạch số 2039/KH-UBND ngày 09/6/2020.",
        {("@self", "implements", "50/NQ-CP", False), ("@self", "cites", "2039/KH-UBND", False)},
    ),
    (
        "4. Người giải quyết tố cáo không xử lý trong các trường hợp sau đây:\na) Có căn cứ xác định "
        "người tố cáo bị đe dọa;\nb) Người tố cáo rút tố cáo.\n5. Khi giải quyết tố cáo theo quy định "
        "tại Nghị định số 31/2019/NĐ-CP ngày 10/4/2019, người giải quyết áp dụng biện pháp bảo vệ.",
        {("@self", "cites", "31/2019/NĐ-CP", False)},
    ),
]

SCOPE += [
    (  # a heading run into the text: the cue-led sentence after ")" starts anew; a bare "số Y"
        # continues the list of its type word, not the description between
        "CHƯƠNG TRÌNH HÀNH ĐỘNG THỰC HIỆN CÁC NGHỊ QUYẾT CỦA CHÍNH PHỦ: SỐ 01/NQ-CP NGÀY 05/01/2024 "
        "VỀ NHIỆM VỤ THỰC HIỆN KẾ HOẠCH NĂM 2024; SỐ 02/NQ-CP NGÀY 05/01/2024 VỀ CẢI THIỆN MÔI "
        "TRƯỜNG KINH DOANH (Kèm theo Quyết định số 59/QĐ-BTNMT ngày 08 tháng 01 năm 2024 của Bộ "
        "trưởng) Thực hiện các Nghị quyết của Chính phủ: số 01/NQ-CP ngày 05 tháng 01 năm 2024 về "
        "nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch năm 2024 và số 02/NQ-CP ngày 05 tháng 01 "
        "năm 2024 về cải thiện môi trường kinh doanh, Bộ ban hành Chương trình hành động.",
        {
            ("@self", "cites", "59/QĐ-BTNMT", False),
            ("@self", "implements", "01/NQ-CP", False),
            ("@self", "implements", "02/NQ-CP", False),
        },
    ),
    (  # the date after the issuer ("của Chính phủ ngày …"), then the description
        "Căn cứ Nghị định số 106/2011/NĐ-CP ngày 23 tháng 11 năm 2011 của Chính phủ Sửa đổi, bổ "
        "sung một số Điều Nghị định số 26/2007/NĐ-CP của Chính phủ ngày 15 tháng 02 năm 2007 Quy "
        "định chi Tiết thi hành Luật Giao dịch điện tử về chữ ký số;",
        {
            ("@self", "based_on", "106/2011/NĐ-CP", False),
            ("106/2011/NĐ-CP", "amends", "26/2007/NĐ-CP", True),
            ("26/2007/NĐ-CP", "guides", "51/2005/QH11", True),  # the law named: the registry's
        },
    ),
]

# Class 2: statements about other documents: passive statements and the editorial notes in
# brackets, with their subject and direction.
FOOT_RULE = " " * 50  # the rule a PDF page draws above its footnotes
_FINAL_NOTE = (
    "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.\nĐiều 13. Hiệu lực thi hành1\n"
    + FOOT_RULE
    + "\n1 Điều 11 của Thông tư số 12/2024/TT-BLĐTBXH, có hiệu lực từ ngày 29 tháng 12 năm 2024 "
    "quy định như sau:\n“Điều 11. Hiệu lực thi hành\nCÔNG BÁO/Số 12/Ngày 05-01-2025\n15\n\n1. Quy "
    "định này có hiệu lực kể từ ngày 10 tháng 12 năm 2016.\n2. Thông tư số 32/2015/TT-BLĐTBXH ngày "
    "31 tháng 8 năm 2015 của Bộ Lao động - Thương binh và Xã hội hết hiệu lực thi hành kể từ ngày "
    "Quy định này có hiệu lực.\n\n{auth}KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nLê Văn Thanh\n\n\n1. Thông "
    "tư này có hiệu lực thi hành kể từ ngày 29 tháng 12 năm 2024.\n2. Các nội dung đang viện dẫn "
    "theo Thông tư số 26/2016/TT-BLĐTBXH thì được viện dẫn theo Thông tư số 06/2024/TT-BLĐTBXH.”\n"
)
# a consolidated text's footnote quoting an amending text's final articles with straight quotes
_STRAIGHT_NOTE = (
    "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.\nĐiều 9. Hiệu lực thi hành1\n"
    + FOOT_RULE
    + "\n1 Các điều 10, 11 của Thông tư số 31/2019/TT-BYT có hiệu lực kể từ ngày 01 tháng 3 năm "
    '2020 quy định như sau:\n"Điều 10. Hiệu lực thi hành.\n1. Thông tư này có hiệu lực thi hành '
    "kể từ ngày 01 tháng 3 năm 2020.\n2. Bãi bỏ khoản 3 Điều 5 Thông tư số 12/2015/TT-BYT ngày 14 "
    "tháng 8 năm 2015 của Bộ trưởng Bộ Y tế.\n"
)
_OWN_REPEAL = (
    "1. Quy định này có hiệu lực kể từ ngày ký.\n2. Thông tư số 18/2014/TT-BYT hết hiệu lực kể "
    "từ ngày Quy định này có hiệu lực.\n"
)
_ENACTED = (
    "Theo đề nghị của Vụ trưởng Vụ Pháp chế;\nBộ trưởng Bộ Tài chính ban hành Thông tư {title}1.\n"
    + FOOT_RULE
    + "\n"
)
REPORTED: list[tuple[str, set[Edge]]] = [
    (  # a footnote that opens with the type word of the citation whose description its marker
        # ends ("Kế hoạch số X … triển khai thực hiện¹", "¹ Kế hoạch triển khai thực hiện A và B")
        # spells that description out: X carries out A and B
        "Trên cơ sở Nghị quyết số 58/NQ-CP của Chính phủ, Ủy ban nhân dân tỉnh đã ban hành Kế hoạch "
        "số 212/KH-UBND ngày 10/7/2021 triển khai thực hiện1; đồng thời ban hành các văn bản cụ thể "
        "hóa.\n\n2. Công tác tuyên truyền\n" + FOOT_RULE + "\n1 Kế hoạch triển khai thực hiện Nghị "
        "quyết số 58/NQ-CP ngày 05/6/2021 của Chính phủ và Kế hoạch số 305-KH/TU ngày 20/5/2021 của "
        "Ban Thường vụ Tỉnh ủy.",
        {
            ("@self", "cites", "58/NQ-CP", False),
            ("@self", "cites", "212/KH-UBND", False),
            ("212/KH-UBND", "implements", "58/NQ-CP", True),
            ("212/KH-UBND", "implements", "305-KH/TU", True),
        },
    ),
    (  # the marker after the citing text's own words: the footnote is the citing text's
        "Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 212/KH-UBND ngày 10/7/2021. Các sở, ngành đã "
        "triển khai thực hiện1.\n\n2. Công tác tuyên truyền\n" + FOOT_RULE + "\n1 Kế hoạch triển "
        "khai thực hiện Nghị quyết số 58/NQ-CP ngày 05/6/2021 của Chính phủ và Kế hoạch số "
        "305-KH/TU ngày 20/5/2021 của Ban Thường vụ Tỉnh ủy.",
        {
            ("@self", "cites", "212/KH-UBND", False),
            ("@self", "implements", "58/NQ-CP", False),
            ("@self", "implements", "305-KH/TU", False),
        },
    ),
    (  # the same when the quoting note is not numbered as a footnote
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.\nNghị định số 30/2021/NĐ-CP ngày 05/4/2021 "
        "của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 10/2019/NĐ-CP có căn cứ ban hành "
        "như sau:\n“Căn cứ Nghị định số 41/2020/NĐ-CP ngày 08/4/2020 của Chính phủ;\n \nCÔNG BÁO/Số "
        "12/Ngày 05-01-2022\n15\n\nĐiều 1. Bãi bỏ Quyết định số 71/2005/QĐ-TTg ngày 05/4/2005 của Thủ "
        "tướng Chính phủ.\n  \nCăn cứ Nghị định số 40/2020/NĐ-CP ngày 06/4/2020 của Chính phủ;\nChính "
        "phủ ban hành Nghị định sửa đổi một số điều của Nghị định số 10/2019/NĐ-CP.”\nCÔNG BÁO/Số "
        "12/Ngày 05-01-2022\n16",
        {
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "repeals", "71/2005/QĐ-TTG", False),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "41/2020/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "40/2020/NĐ-CP", True),
        },
    ),
    (  # a footnote whose page ends at "… có căn cứ ban hành như sau:": the quote is at the foot
        # of the next page
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.1\n1 Nghị định số 30/2021/NĐ-CP ngày "
        "05/4/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 10/2019/NĐ-CP có căn "
        "cứ ban hành như sau:\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n15\n\nĐiều 1. Bãi bỏ Quyết định số "
        "71/2005/QĐ-TTg ngày 05/4/2005 của Thủ tướng Chính phủ.\n  \n“Căn cứ Nghị định số "
        "40/2020/NĐ-CP ngày 06/4/2020 của Chính phủ;\nChính phủ ban hành Nghị định sửa đổi một số "
        "điều của Nghị định số 10/2019/NĐ-CP.”\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n16",
        {
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "repeals", "71/2005/QĐ-TTG", False),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "40/2020/NĐ-CP", True),
        },
    ),
    (  # a note set off by a dash ("2 - Thông tư …") lists its amending texts as dashed items;
        # the second's quote is at the foot of the next page
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.1\n1 - Nghị định số 20/2020/NĐ-CP ngày "
        "05/3/2020 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 10/2019/NĐ-CP.\n- "
        "Nghị định số 30/2021/NĐ-CP ngày 05/4/2021 của Chính phủ sửa đổi, bổ sung một số điều của "
        "Nghị định số 10/2019/NĐ-CP có căn cứ ban hành như sau:\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n15"
        "\n\nĐiều 1. Bãi bỏ Quyết định số 71/2005/QĐ-TTg ngày 05/4/2005 của Thủ tướng Chính phủ.\n  "
        "\n“Căn cứ Nghị định số 40/2020/NĐ-CP ngày 06/4/2020 của Chính phủ;\nChính phủ ban hành Nghị "
        "định sửa đổi một số điều của Nghị định số 10/2019/NĐ-CP.”\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n16",
        {
            ("@self", "cites", "20/2020/NĐ-CP", False),
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "repeals", "71/2005/QĐ-TTG", False),
            ("20/2020/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "40/2020/NĐ-CP", True),
        },
    ),
    (  # … and what is left of the quote, at the foot of the next page, is the amending text's
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.1\n1 Nghị định số 30/2021/NĐ-CP ngày "
        "05/4/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 10/2019/NĐ-CP, có căn "
        "cứ ban hành như sau:\n“Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nCÔNG BÁO/Số "
        "12/Ngày 05-01-2022\n15\n\nĐiều 1. Bãi bỏ Quyết định số 71/2005/QĐ-TTg ngày 05/4/2005 của Thủ "
        "tướng Chính phủ.\n  \nCăn cứ Nghị định số 40/2020/NĐ-CP ngày 06/4/2020 của Chính phủ;\nChính "
        "phủ ban hành Nghị định sửa đổi một số điều của Nghị định số 10/2019/NĐ-CP.”\nCÔNG BÁO/Số "
        "12/Ngày 05-01-2022\n16",
        {
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "repeals", "71/2005/QĐ-TTG", False),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "Luật Tổ chức Chính phủ", True),
            ("30/2021/NĐ-CP", "based_on", "40/2020/NĐ-CP", True),
        },
    ),
    (  # the same quote typed with straight quotes ("…;" closes after a word or a stop)
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.1\n" + FOOT_RULE + "\n1 Nghị định số "
        "30/2021/NĐ-CP ngày 05/4/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
        "10/2019/NĐ-CP có căn cứ ban hành như sau:\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n15\n\nĐiều 1. "
        "Bãi bỏ Quyết định số 71/2005/QĐ-TTg ngày 05/4/2005 của Thủ tướng Chính phủ.\n"
        + FOOT_RULE
        + '\n"Căn cứ Nghị định số 40/2020/NĐ-CP ngày 06/4/2020 của Chính phủ;\nTheo đề nghị của Bộ '
        'trưởng Bộ Tài chính;" \nCÔNG BÁO/Số 12/Ngày 05-01-2022\n16',
        {
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "repeals", "71/2005/QĐ-TTG", False),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "40/2020/NĐ-CP", True),
        },
    ),
    (  # … but a straight-quoted wording in the next page's body is no quoted preamble
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.1\n" + FOOT_RULE + "\n1 Nghị định số "
        "30/2021/NĐ-CP ngày 05/4/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
        "10/2019/NĐ-CP có căn cứ ban hành như sau:\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n15\n\nĐiều 1. "
        'Bãi bỏ cụm từ "lệ phí" tại Quyết định số 71/2005/QĐ-TTg ngày 05/4/2005 của Thủ tướng Chính '
        "phủ.\nĐiều 2. Quy định này có hiệu lực kể từ ngày ký.",
        {
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "amends", "71/2005/QĐ-TTG", False),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
        },
    ),
    (  # a footnote quoting an amending text's final provisions: a full stop inside the quote
        # ends a clause of the quote, not the footnote
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.\nĐiều 8. Điều khoản thi hành1\n"
        + FOOT_RULE
        + "\n1 Điều 27 của Thông tư số 26/2026/TT-BCT sửa đổi, bổ sung một số quy định về phân cấp, "
        "có hiệu lực kể từ ngày 29 tháng 5 năm 2026 quy định như sau:\n“Điều 27. Điều khoản thi "
        "hành\n1. Thông tư này có hiệu lực từ ngày 29 tháng 5 năm 2026.\n2. Người đứng đầu cơ quan "
        "được xem xét loại trừ trách nhiệm theo quy định tại khoản 11 Điều 68 của Luật Ban hành văn "
        "bản quy phạm pháp luật số 64/2025/QH15.”\n",
        {
            ("@self", "cites", "26/2026/TT-BCT", False),
            ("26/2026/TT-BCT", "cites", "64/2025/QH15", True),
        },
    ),
    (  # … so does one opened with a straight quote (PDF copies), and its rest under the next
        # page's footnote rule is the amending text's too: its repeals, not the citing text's
        _STRAIGHT_NOTE
        + "CÔNG BÁO/Số 12/Ngày 05-01-2020\n15\n\n"
        + FOOT_RULE
        + "\n3. Bãi bỏ Thông tư số 44/2016/TT-BYT ngày 17 tháng 11 năm 2016 của Bộ trưởng Bộ Y "
        "tế.\nĐiều 11. Trách nhiệm thi hành\nCục Quản lý Khám, chữa bệnh chịu trách nhiệm thi "
        'hành./."\nCÔNG BÁO/Số 12/Ngày 05-01-2020\n16\n\n' + _OWN_REPEAL,
        {
            ("@self", "cites", "31/2019/TT-BYT", False),
            ("31/2019/TT-BYT", "repeals", "12/2015/TT-BYT", True),
            ("31/2019/TT-BYT", "repeals", "44/2016/TT-BYT", True),
            ("@self", "repeals", "18/2014/TT-BYT", False),
        },
    ),
    (  # … and ends at its straight closing quote: the body after it is the citing text's own
        _STRAIGHT_NOTE.rstrip(".\n") + '."\n' + _OWN_REPEAL,
        {
            ("@self", "cites", "31/2019/TT-BYT", False),
            ("31/2019/TT-BYT", "repeals", "12/2015/TT-BYT", True),
            ("@self", "repeals", "18/2014/TT-BYT", False),
        },
    ),
    (  # a consolidated text's note on its enacting formula ("… ban hành Thông tư hướng dẫn …
        # quỹ đầu tư¹.") names the amending text and its bases: no object of the title's verb
        _ENACTED.format(title="hướng dẫn hoạt động và quản lý quỹ đầu tư")
        + "1 Thông tư số 25/2025/TT-BTC ngày 10 tháng 3 năm 2025 của Bộ trưởng Bộ Tài chính sửa "
        "đổi, bổ sung một số điều của Thông tư số 98/2020/TT-BTC ngày 16 tháng 11 năm 2020, có căn "
        "cứ ban hành như sau:\n“Căn cứ Luật Chứng khoán số 54/2019/QH14 ngày 26 tháng 11 năm "
        "2019;”\n",
        {
            ("25/2025/TT-BTC", "amends", "98/2020/TT-BTC", True),
            ("25/2025/TT-BTC", "based_on", "54/2019/QH14", True),
        },
    ),
    (  # … but when the marked words name a document of the note's type, the note identifies it
        _ENACTED.format(title="hướng dẫn thực hiện Kế hoạch của Ủy ban nhân dân tỉnh")
        + "1 Kế hoạch số 45/KH-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh về quản lý quỹ đầu "
        "tư.\n",
        {("@self", "guides", "45/KH-UBND", False)},
    ),
    (  # … while a footnote with no open quote ends at its full stop: the body goes on
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.\nĐiều 8. Điều khoản thi hành1\n"
        + FOOT_RULE
        + "\n1 Điều này được sửa đổi theo quy định tại Điều 27 của Thông tư số 26/2026/TT-BCT.\n"
        "Các sở thực hiện Kế hoạch số 45/KH-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh.\n",
        {("@self", "cites", "26/2026/TT-BCT", False), ("@self", "implements", "45/KH-UBND", False)},
    ),
    (  # a footnote quoting an amending text's final provisions, cut at its page's end, goes on
        # at the foot of the last page, under the consolidated text's authentication
        _FINAL_NOTE.format(
            auth="BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\nXÁC THỰC VĂN BẢN HỢP NHẤT\n\n"
        ),
        {
            ("@self", "cites", "12/2024/TT-BLĐTBXH", False),
            ("@self", "repeals", "32/2015/TT-BLĐTBXH", False),
            ("12/2024/TT-BLĐTBXH", "cites", "26/2016/TT-BLĐTBXH", True),
            ("12/2024/TT-BLĐTBXH", "cites", "06/2024/TT-BLĐTBXH", True),
        },
    ),
    (  # … with no authentication (nor rule) before it, the page's foot is the text's own
        _FINAL_NOTE.format(auth=""),
        {
            ("@self", "cites", "12/2024/TT-BLĐTBXH", False),
            ("@self", "repeals", "32/2015/TT-BLĐTBXH", False),
            ("@self", "cites", "26/2016/TT-BLĐTBXH", False),
            ("@self", "cites", "06/2024/TT-BLĐTBXH", False),
        },
    ),
    (  # a consolidated text marks a repealed provision on its heading's number ("Điều 3.1
        # (được bãi bỏ)"); its footnote leaves the body, and a description it cut goes on over
        # the page: the described text carries out the decree, not the citing text
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.\nĐiều 3.1 (được bãi bỏ)\nĐiều 4. Sửa "
        "đổi Điều 2 Thông tư số 11/2016/TT-BCT của Bộ\n"
        + FOOT_RULE
        + "\n1 Điều này được bãi bỏ theo quy định tại Điều 26 của Thông tư số 26/2026/TT-BCT.\n"
        "CÔNG BÁO/Số 12/Ngày 05-01-2026\n15\n\ntrưởng Bộ Công Thương quy định biểu mẫu thực hiện "
        "Nghị định số 07/2016/NĐ-CP ngày 25 tháng 01 năm 2016 của Chính phủ.\n",
        {
            ("@self", "amends", "11/2016/TT-BCT", False),
            ("@self", "cites", "26/2026/TT-BCT", False),
            ("11/2016/TT-BCT", "implements", "07/2016/NĐ-CP", True),
        },
    ),
    (  # … but a sub-item's number followed by its words is no marker ("2 Sở …" is a line)
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.\n1. Mục tiêu\n1.2 Thực hiện Kế hoạch số "
        "45/KH-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh.\n2 Sở Tài chính thực hiện Quyết định "
        "số 12/QĐ-UBND ngày 01/3/2021.\n",
        {
            ("@self", "implements", "45/KH-UBND", False),
            ("@self", "implements", "12/QĐ-UBND", False),
        },
    ),
    (  # a footnote quoting an amending text's preamble ends at the foot of its page: the body
        # on the next page is the text's own again
        "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 01/3/2021 của Chính phủ;\nỦy ban nhân dân tỉnh ban "
        "hành Quy định về quản lý.1\n1 Nghị định số 30/2021/NĐ-CP ngày 05/4/2021 của Chính phủ sửa "
        "đổi, bổ sung một số điều của Nghị định số 10/2019/NĐ-CP, có căn cứ ban hành như sau:\n“Căn "
        "cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n15\n\n"
        "Điều 1. Bãi bỏ Quyết định số 71/2005/QĐ-TTg ngày 05/4/2005 của Thủ tướng Chính phủ.\nĐiều 2. "
        "Quy định này có hiệu lực kể từ ngày ký.",
        {
            ("@self", "based_on", "20/2021/NĐ-CP", False),
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "repeals", "71/2005/QĐ-TTG", False),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "Luật Tổ chức Chính phủ", True),
        },
    ),
    (  # a document's provisions quoted after "… quy định như sau:" are its own statements
        # (a consolidated text's note on the final provisions of an amending law)
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.\nCác điều 30 và 31 của Luật Phí số "
        "65/2016/QH14, có hiệu lực kể từ ngày 01 tháng 01 năm 2018 quy định như sau:\n“Điều 30. "
        "Hiệu lực thi hành\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2018.\n2. Sửa "
        "đổi, bãi bỏ các quy định sau đây:\na) Bãi bỏ khoản 3 Điều 12 của Luật Đường bộ số "
        "23/2008/QH12;\nb) Bãi bỏ cụm từ “lệ phí thi” tại Điều 10 của Luật Giáo dục số "
        "38/2005/QH11.”\nCác sở thực hiện Kế hoạch số 45/KH-UBND ngày 02/3/2021 của Ủy ban nhân "
        "dân tỉnh.",
        {
            ("@self", "cites", "65/2016/QH14", False),
            ("65/2016/QH14", "repeals", "23/2008/QH12", True),
            ("65/2016/QH14", "amends", "38/2005/QH11", True),
            ("@self", "implements", "45/KH-UBND", False),
        },
    ),
    (  # a footnote's quote cut off at its page's end goes on under the next page's footnote
        # rule (a line of spaces), after that page's body, which is the text's own
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.1\nĐiều 1. Phạm vi\n1 Luật số "
        "28/2018/QH14 sửa đổi một số luật có căn cứ ban hành như sau:\n“Căn cứ Hiến pháp nước Cộng "
        "hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật "
        "Đường bộ số 23/2008/QH12, Luật Đất đai\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n15\n\nĐiều 2. Các "
        "sở thực hiện Kế hoạch số 45/KH-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh.\n"
        + " " * 50
        + "\nsố 45/2013/QH13 và Luật Khoáng sản số 60/2010/QH12.”\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n16",
        {
            ("@self", "cites", "28/2018/QH14", False),
            ("@self", "implements", "45/KH-UBND", False),
            ("28/2018/QH14", "based_on", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", True),
            # the enacting formula names the amending law itself: it amends what it lists (the
            # last member, after the next page's own body, starts a clause of its own: a gap)
            ("28/2018/QH14", "amends", "23/2008/QH12", True),
            ("28/2018/QH14", "amends", "45/2013/QH13", True),
            ("28/2018/QH14", "cites", "60/2010/QH12", True),
        },
    ),
    (  # "X …, được sửa đổi, bổ sung bởi:" amends the text that opens the line (X), not a text
        # named in the title above it or in X's own description
        "Về trợ cấp theo Quyết định số 57/2013/QĐ-TTg ngày 14/10/2013 của Thủ tướng Chính phủ\n\n"
        "Thông tư liên tịch số 17/2014/TTLT-BLĐTBXH-BTC ngày 01/8/2014 của Bộ trưởng Bộ Lao động - "
        "Thương binh và Xã hội và Bộ trưởng Bộ Tài chính hướng dẫn thực hiện trợ cấp theo Quyết định "
        "số 57/2013/QĐ-TTg ngày 14/10/2013 của Thủ tướng Chính phủ, có hiệu lực kể từ ngày 15/9/2014, "
        "được sửa đổi, bổ sung bởi:\nThông tư số 08/2023/TT-BLĐTBXH ngày 29/8/2023 của Bộ trưởng Bộ "
        "Lao động - Thương binh và Xã hội, có hiệu lực kể từ ngày 12/10/2023.",
        {
            ("@self", "cites", "57/2013/QĐ-TTG", False),
            ("@self", "cites", "17/2014/TTLT-BLĐTBXH-BTC", False),
            ("@self", "cites", "08/2023/TT-BLĐTBXH", False),
            ("17/2014/TTLT-BLĐTBXH-BTC", "guides", "57/2013/QĐ-TTG", True),
            ("08/2023/TT-BLĐTBXH", "amends", "17/2014/TTLT-BLĐTBXH-BTC", True),
        },
    ),
    (  # … also when X's description breaks its line before a decree it names: a circular
        # amends no decree, so the X is the line-opener before it
        "Về quản lý nạn nhân\nThông tư số 35/2015/TT-BLĐTBXH ngày 30 tháng 12 năm 2015 của Bộ "
        "trưởng Bộ Lao động - Thương binh và Xã hội hướng dẫn thi hành một số điều của\nNghị định "
        "số 09/2014/NĐ-CP ngày 11 tháng 01 năm 2014 của Chính phủ, có hiệu lực kể từ ngày 15 tháng "
        "02 năm 2016, được sửa đổi, bổ sung bởi:\nThông tư số 08/2023/TT-BLĐTBXH ngày 29/8/2023 "
        "của Bộ trưởng Bộ Lao động - Thương binh và Xã hội, có hiệu lực kể từ ngày 12/10/2023.",
        {
            ("@self", "cites", "35/2015/TT-BLĐTBXH", False),
            ("@self", "cites", "08/2023/TT-BLĐTBXH", False),
            ("35/2015/TT-BLĐTBXH", "guides", "09/2014/NĐ-CP", True),
            ("08/2023/TT-BLĐTBXH", "amends", "35/2015/TT-BLĐTBXH", True),
        },
    ),
    (  # ... also when X's description wraps so that a text it names opens a line: that line
        # goes on from "… của" and is no head
        "Về phòng, chống mua bán người theo Nghị định số 09/2013/NĐ-CP ngày 11/01/2013 của Chính phủ\n\n"
        "Thông tư số 35/2013/TT-BLĐTBXH ngày 30/12/2013 của Bộ trưởng Bộ Lao động - Thương binh và "
        "Xã hội hướng dẫn thi hành một số điều của\nNghị định số 09/2013/NĐ-CP ngày 11/01/2013 của "
        "Chính phủ, có hiệu lực kể từ ngày 15/02/2014, được sửa đổi, bổ sung bởi:\nThông tư số "
        "08/2023/TT-BLĐTBXH ngày 29/8/2023 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội, có "
        "hiệu lực kể từ ngày 12/10/2023.",
        {
            ("@self", "cites", "09/2013/NĐ-CP", False),
            ("@self", "cites", "35/2013/TT-BLĐTBXH", False),
            ("@self", "cites", "08/2023/TT-BLĐTBXH", False),
            ("35/2013/TT-BLĐTBXH", "guides", "09/2013/NĐ-CP", True),
            ("08/2023/TT-BLĐTBXH", "amends", "35/2013/TT-BLĐTBXH", True),
        },
    ),
    (  # a joint text's bodies are listed with commas ("của Bộ Công an, Bộ Lao động - …, Bộ Tài
        # chính"), even over a page break, and its description follows them
        "Bãi bỏ các Thông tư liên tịch: số 05/2010/TTLT-BCA-BLĐTBXH-BTC ngày 08 tháng 11 năm 2010 "
        "của Bộ Công an, Bộ Lao động - Thương binh và Xã hội, Bộ Tài chính hướng dẫn thực hiện Quyết "
        "định số 53/2010/QĐ-TTg; số 08/2012/TTLT-BLĐTBXH-BNV-BTC ngày 16 tháng 4 năm 2012 của Bộ Lao "
        "\n\n \n50 \nCÔNG BÁO/Số 699 + 700/Ngày 24-8-2022 \n  \nđộng - Thương binh và Xã hội, Bộ Nội "
        "vụ, Bộ Tài chính hướng dẫn thực hiện chế độ trợ cấp theo Quyết định số 40/2011/QĐ-TTg.",
        {
            ("@self", "repeals", "05/2010/TTLT-BCA-BLĐTBXH-BTC", False),
            ("@self", "repeals", "08/2012/TTLT-BLĐTBXH-BNV-BTC", False),
            ("05/2010/TTLT-BCA-BLĐTBXH-BTC", "guides", "53/2010/QĐ-TTG", True),
            ("08/2012/TTLT-BLĐTBXH-BNV-BTC", "guides", "40/2011/QĐ-TTG", True),
        },
    ),
    (  # "X được thực hiện theo quy định tại … Nghị định Y": X is applied by Y's rules
        "Chế độ hưu trí của Luật Bảo hiểm xã hội số 58/2014/QH13 được thực hiện theo quy định tại "
        "khoản 3 Điều 1 Nghị định số 135/2020/NĐ-CP ngày 18/11/2020 của Chính phủ.",
        {("@self", "cites", "58/2014/QH13", False), ("@self", "cites", "135/2020/NĐ-CP", False)},
    ),
    (  # "… hết hiệu lực" after a description says the described text ends, not that it repeals
        # a text its description names
        "Nghị định số 82/2021/NĐ-CP ngày 06/9/2021 của Chính phủ về thực hiện thí điểm theo Thông tư "
        "số 26/2016/TT-BLĐTBXH ngày 01/9/2016 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội hết "
        "hiệu lực.",
        {
            ("@self", "repeals", "82/2021/NĐ-CP", False),
            ("@self", "cites", "26/2016/TT-BLĐTBXH", False),
        },
    ),
    (  # a decree carries out no circular: the reading that says so has misplaced a scope
        "Các sở nghiên cứu Nghị định số 82/2021/NĐ-CP ngày 06/9/2021 của Chính phủ về thực hiện Thông "
        "tư số 26/2016/TT-BLĐTBXH ngày 01/9/2016 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội.",
        {("@self", "cites", "82/2021/NĐ-CP", False)},
    ),
    (  # a decree amends no law: the passive has reached past the text it was said of
        "Việc xử phạt thực hiện theo Luật Xử lý vi phạm hành chính số 15/2012/QH13 được sửa đổi, bổ "
        "sung bởi Nghị định số 118/2021/NĐ-CP ngày 23/12/2021 của Chính phủ.",
        {("@self", "cites", "15/2012/QH13", False), ("@self", "cites", "118/2021/NĐ-CP", False)},
    ),
    (  # the unnamed amending laws end where a law with its own title goes on the outer list
        "Căn cứ Luật Chứng khoán số 54/2019/QH14 được sửa đổi, bổ sung một số điều theo Luật số "
        "03/2022/QH15, Luật Doanh nghiệp số 59/2020/QH14;",
        {
            ("@self", "based_on", "54/2019/QH14", False),
            ("@self", "based_on", "03/2022/QH15", False),
            ("@self", "based_on", "59/2020/QH14", False),
            ("03/2022/QH15", "amends", "54/2019/QH14", True),
        },
    ),
    (  # … also where the next member is a code ("Bộ luật") or an ordinance: of the laws' level,
        # not one more amending law of the law named by its year
        "Căn cứ Luật Khoáng sản năm 1996 đã được sửa đổi, bổ sung một số điều theo Luật số "
        "46/2005/QH11 và Luật số 12/2009/QH12, Bộ luật Hàng hải số 40/2005/QH11 đã được sửa đổi, bổ "
        "sung một số điều theo Luật số 33/2012/QH13, Luật Điện lực số 28/2004/QH11;",
        {
            ("@self", "based_on", "Luật Khoáng sản", False),
            ("@self", "based_on", "46/2005/QH11", False),
            ("@self", "based_on", "12/2009/QH12", False),
            ("@self", "based_on", "40/2005/QH11", False),
            ("@self", "based_on", "33/2012/QH13", False),
            ("@self", "based_on", "28/2004/QH11", False),
            ("46/2005/QH11", "amends", "Luật Khoáng sản", True),
            ("12/2009/QH12", "amends", "Luật Khoáng sản", True),
            ("33/2012/QH13", "amends", "40/2005/QH11", True),
        },
    ),
    (  # named amending texts stay a list of agents
        "Căn cứ Luật Đất đai số 45/2013/QH13 được sửa đổi, bổ sung bởi Luật Quy hoạch số 21/2017/QH14, "
        "Luật Lâm nghiệp số 16/2017/QH14;",
        {
            ("@self", "based_on", "45/2013/QH13", False),
            ("@self", "based_on", "21/2017/QH14", False),
            ("@self", "based_on", "16/2017/QH14", False),
            ("21/2017/QH14", "amends", "45/2013/QH13", True),
            ("16/2017/QH14", "amends", "45/2013/QH13", True),
        },
    ),
    (  # a decree changes no law: the passive after a decree's title reaches back to the decree
        "Sửa đổi Điều 14 Nghị định số 35/2016/NĐ-CP ngày 15/5/2016 của Chính phủ quy định chi tiết "
        "một số điều của Luật Thú y được sửa đổi, bổ sung bởi Nghị định số 03/2021/NĐ-CP ngày "
        "15/01/2021 của Chính phủ.",
        {
            ("@self", "amends", "35/2016/NĐ-CP", False),
            ("@self", "cites", "03/2021/NĐ-CP", False),
            ("35/2016/NĐ-CP", "guides", "79/2015/QH13", True),
            ("03/2021/NĐ-CP", "amends", "35/2016/NĐ-CP", True),
        },
    ),
    (  # a law amended by a law: the nearest name is the one amended
        "Căn cứ Nghị định số 58/2012/NĐ-CP ngày 20/7/2012 của Chính phủ quy định chi tiết Luật Chứng "
        "khoán số 70/2006/QH11 được sửa đổi, bổ sung bởi Luật số 62/2010/QH12;",
        {
            ("@self", "based_on", "58/2012/NĐ-CP", False),
            ("@self", "based_on", "62/2010/QH12", False),
            ("58/2012/NĐ-CP", "guides", "70/2006/QH11", True),
            ("62/2010/QH12", "amends", "70/2006/QH11", True),
        },
    ),
    (
        "Luật Đất đai số 31/2024/QH15 được sửa đổi, bổ sung một số điều bởi các Luật số "
        "43/2024/QH15, số 47/2024/QH15 và số 58/2024/QH15.",
        {
            ("@self", "cites", "31/2024/QH15", False),
            ("@self", "cites", "43/2024/QH15", False),
            ("@self", "cites", "47/2024/QH15", False),
            ("@self", "cites", "58/2024/QH15", False),
            ("43/2024/QH15", "amends", "31/2024/QH15", True),
            ("47/2024/QH15", "amends", "31/2024/QH15", True),
            ("58/2024/QH15", "amends", "31/2024/QH15", True),
        },
    ),
    (  # the text's own amendment, stated in the passive
        "Khoản 2 Điều 5 Nghị định số 15/2018/NĐ-CP được sửa đổi, bổ sung như sau:",
        {("@self", "amends", "15/2018/NĐ-CP", False)},
    ),
    (
        "Điều 5. Chính sách hỗ trợ\nNhà nước thực hiện các chính sách dưới đây: [Điều này được "
        "hướng dẫn bởi các Điều 3 và 4 Nghị định 127/2005/NĐ-CP có hiệu lực từ ngày 01/11/2005]",
        {("127/2005/NĐ-CP", "guides", "@self", True)},
    ),
    (
        "Phụ lục 5: Danh mục mã đối tượng. [Phụ lục 5 ban hành kèm theo Khoản này bị bãi bỏ bởi "
        "Điều 2 Quyết định 3276/QĐ-BYT năm 2025 có hiệu lực từ ngày 17/10/2025]",
        {("3276/QĐ-BYT", "repeals", "@self", True)},
    ),
    (
        "Bảng chỉ tiêu dữ liệu. [Bảng chỉ tiêu này được sửa đổi bởi Điều 1 Quyết định "
        "3176/QĐ-BYT năm 2024 và Quyết định 3200/QĐ-BYT năm 2024]",
        {("3176/QĐ-BYT", "amends", "@self", True), ("3200/QĐ-BYT", "amends", "@self", True)},
    ),
    (  # "Luật X số A và Luật sửa đổi, bổ sung … của Luật X số B": B amends A, also along a
        # ";" list of several amending laws
        "Căn cứ Luật Xử lý vi phạm hành chính số 15/2012/QH13; Luật sửa đổi, bổ sung một số điều "
        "của Luật Xử lý vi phạm hành chính số 67/2020/QH14; Luật sửa đổi, bổ sung một số điều của "
        "Luật Xử lý vi phạm hành chính số 88/2025/QH15;\nCăn cứ Luật Đất đai số 45/2013/QH13 và "
        "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15;",
        {
            ("@self", "based_on", "15/2012/QH13", False),
            ("@self", "based_on", "67/2020/QH14", False),
            ("@self", "based_on", "88/2025/QH15", False),
            ("67/2020/QH14", "amends", "15/2012/QH13", True),
            ("88/2025/QH15", "amends", "15/2012/QH13", True),
            ("@self", "based_on", "45/2013/QH13", False),
            ("@self", "based_on", "31/2024/QH15", False),
            ("31/2024/QH15", "amends", "45/2013/QH13", True),
        },
    ),
    (  # the amending law's title names another law: it amends nothing listed here
        "Căn cứ Luật Nhà ở số 27/2023/QH15; Luật sửa đổi, bổ sung một số điều của Luật Đất đai số "
        "31/2024/QH15;",
        {
            ("@self", "based_on", "27/2023/QH15", False),
            ("@self", "based_on", "31/2024/QH15", False),
        },
    ),
]

# Class 2, quotations: a consolidated text's footnote quoting an amending text's preamble speaks
# for that text; a quoted "Căn cứ" with no document to speak for is nobody's basis.
REPORTED += [
    (
        "Nghị định số 64/2023/NĐ-CP ngày 23 tháng 8 năm 2023 của Chính phủ có căn cứ ban hành như "
        "sau:\n“Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nChính phủ ban hành Nghị "
        "định bổ sung Nghị định số 87/2021/NĐ-CP ngày 29 tháng 9 năm 2021.”",
        {
            ("@self", "cites", "64/2023/NĐ-CP", False),
            ("64/2023/NĐ-CP", "based_on", "Luật Tổ chức Chính phủ", True),
            ("64/2023/NĐ-CP", "amends", "87/2021/NĐ-CP", True),
        },
    ),
    (
        "Văn bản trình bày theo mẫu sau:\n“Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của "
        "Chính phủ;”",
        {("@self", "cites", "30/2020/NĐ-CP", False)},
    ),
]

REPORTED += [
    (  # a footnote naming what the marked words refer to, and quoting that text's preamble
        "Thực hiện Nghị định số 87/2021/NĐ-CP ngày 29/9/2021 của Chính phủ, các đơn vị triển khai¹."
        "\n\n¹ Nghị định số 64/2023/NĐ-CP ngày 23 tháng 8 năm 2023 của Chính phủ có căn cứ ban hành "
        "như sau: “Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật Doanh nghiệp ngày 17 "
        "tháng 6 năm 2020;”\n",
        {
            ("@self", "implements", "87/2021/NĐ-CP", False),
            ("@self", "implements", "64/2023/NĐ-CP", False),
            ("64/2023/NĐ-CP", "based_on", "Luật Tổ chức Chính phủ", True),
            ("64/2023/NĐ-CP", "based_on", "59/2020/QH14", True),  # Luật Doanh nghiệp of 2020
        },
    ),
]

# Class 3: what a cue means. Requests, negations, a cue said of an unnamed document, a cue in its
# ordinary sense and a pointer to where a rule stands type no relation.
MEANING: list[tuple[str, set[Edge]]] = [
    (  # a cue in a condition does not reach the clause its "thì" leads to
        "Trường hợp số liệu mà nhà thầu cập nhật, sửa đổi trên Hệ thống không thống nhất với số "
        "liệu đã báo cáo thì nhà thầu bị coi là gian lận, vi phạm khoản 4 Điều 16 của Luật Đấu "
        "thầu số 22/2023/QH15.",
        {("@self", "cites", "22/2023/QH15", False)},
    ),
    (  # "hợp nhất" merges bodies: only a consolidated text's opening consolidates
        "Việc hợp nhất, sáp nhập, chuyển đổi công ty được thực hiện theo quy định tại Điều 266 "
        "Nghị định số 155/2020/NĐ-CP ngày 31/12/2020 của Chính phủ.",
        {("@self", "cites", "155/2020/NĐ-CP", False)},
    ),
    (  # "căn cứ vào" after a word: how a value is found, not the text's basis
        "Mức tiền lương được xác định căn cứ vào Bảng hệ số tại khoản 4 Điều 2 Nghị định số "
        "21/2024/NĐ-CP ngày 23 tháng 02 năm 2024 của Chính phủ.",
        {("@self", "cites", "21/2024/NĐ-CP", False)},
    ),
    (  # the text's own basis opens a line, in whatever case, or an aside
        "Căn cứ Nghị định số 21/2024/NĐ-CP ngày 23/02/2024 của Chính phủ;\ncăn cứ Quyết định số "
        "45/QĐ-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh;\nSở Tài chính, căn cứ Quyết định số "
        "46/QĐ-UBND ngày 03/3/2021 của Ủy ban nhân dân tỉnh, hướng dẫn như sau:",
        {
            ("@self", "based_on", "21/2024/NĐ-CP", False),
            ("@self", "based_on", "45/QĐ-UBND", False),
            ("@self", "based_on", "46/QĐ-UBND", False),
        },
    ),
    (  # "thu hồi" a numbered decision revokes it
        "Thu hồi Quyết định số 45/QĐ-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh về việc giao đất.",
        {("@self", "repeals", "45/QĐ-UBND", False)},
    ),
    (  # land taken back under a decision: the decision is where the rule stands
        "Ủy ban nhân dân huyện thu hồi đất theo Quyết định số 45/QĐ-UBND ngày 02/3/2021 của Ủy ban "
        "nhân dân tỉnh.",
        {("@self", "cites", "45/QĐ-UBND", False)},
    ),
    (  # asked for, not done
        "Sở Tư pháp kiến nghị thu hồi Quyết định số 45/QĐ-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh.",
        {("@self", "cites", "45/QĐ-UBND", False)},
    ),
    (
        "Kế hoạch này không thay thế Kế hoạch số 45/KH-UBND ngày 24/02/2021 của Ủy ban nhân dân tỉnh.",
        {("@self", "cites", "45/KH-UBND", False)},
    ),
    (  # a label naming the text that changes, in a list of texts in force: X is the actor
        "3. Nghị định số 31/2015/NĐ-CP ngày 24/3/2015\n- Hết hiệu lực một phần\n- Văn bản sửa đổi, "
        "bổ sung, thay thế, bãi\nbỏ một phần: Nghị định số 140/2018/NĐ-CP ngày 08/10/2018 của "
        "Chính phủ sửa\nđổi, bổ sung các Nghị định liên quan đến điều kiện đầu tư kinh doanh",
        {("@self", "cites", "31/2015/NĐ-CP", False), ("@self", "cites", "140/2018/NĐ-CP", False)},
    ),
    (  # an article heading that announces its documents leads in to its numbered list
        "Điều 1. Bãi bỏ toàn bộ 3 văn bản quy phạm pháp luật\n1. Chỉ thị số 03/2005/CT-BTS ngày "
        "07/3/2005 của Bộ trưởng Bộ Thủy sản về việc tăng cường kiểm soát dư lượng hóa chất.\n2. "
        "Quyết định số 54/2003/QĐ-BNN ngày 07/4/2003 của Bộ trưởng Bộ Nông nghiệp và Phát triển "
        "nông thôn về việc ban hành Danh mục giống cây trồng.\n3. Quyết định số 79/2008/QĐ-BNN "
        "ngày 10/7/2008 của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn ban hành Chương "
        "trình hành động thực hiện Nghị quyết số 25/2006/NQ-CP ngày 09/10/2006 của Chính phủ.\n"
        "Điều 2. Hiệu lực thi hành",
        {
            ("@self", "repeals", "03/2005/CT-BTS", False),
            ("@self", "repeals", "54/2003/QĐ-BNN", False),
            ("@self", "repeals", "79/2008/QĐ-BNN", False),
            ("79/2008/QĐ-BNN", "implements", "25/2006/NQ-CP", True),
        },
    ),
    (  # a draft law to be written amends nothing yet
        "Phân công Phó Thủ tướng chỉ đạo việc xây dựng, hoàn thiện dự án Luật sửa đổi, bổ sung một "
        "số điều của Luật Cạnh tranh số 23/2018/QH14.",
        {("@self", "cites", "23/2018/QH14", False)},
    ),
    (  # a thing approved by a text's rule: the text is cited, not promulgated
        "Chủ đầu tư tổ chức lập và phê duyệt quy trình bảo trì theo quy định tại điểm b khoản 1 "
        "Điều 65 Luật Xây dựng số 135/2025/QH15.",
        {("@self", "cites", "135/2025/QH15", False)},
    ),
    (  # a text's provision rules the thing approved: the text is cited
        "Trình tự, thủ tục thẩm định, phê duyệt Kế hoạch phòng ngừa, ứng phó sự cố hóa chất quy "
        "định khoản 2 Điều 34 Nghị định số 25/2026/NĐ-CP như sau:",
        {("@self", "cites", "25/2026/NĐ-CP", False)},
    ),
    (  # a change still needed (a list of texts to amend) makes none
        "DANH MỤC VĂN BẢN CẦN SỬA ĐỔI, BỔ SUNG\nTT\nVăn bản\nĐiều, khoản, điểm cần sửa đổi, bổ "
        "sung, bãi bỏ\n1\nNghị định số 27/2019/NĐ-CP ngày 13/3/2019 của Chính phủ",
        {("@self", "cites", "27/2019/NĐ-CP", False)},
    ),
    (  # report forms' codes end with who reports them: no documents
        "STT\nKý hiệu biểu\nTên biểu\n1\n101-102/LĐVL - Sở\nNgười tham gia bảo hiểm thất nghiệp\n"
        "8\n109/LĐVL-Cơ sở\nLao động làm việc\n49\n801-802/TTr-Sở\nThanh tra chuyên ngành theo "
        "Thông tư số 04/2024/TT-BLĐTBXH ngày 10/5/2024 của Bộ trưởng\n53\n808/PC-Bộ \nTổng số văn "
        "bản quy phạm pháp luật ban hành",
        {("@self", "cites", "04/2024/TT-BLĐTBXH", False)},
    ),
    (  # "- Bộ Y tế" after a symbol is its issuer, not who reports a form
        "Thực hiện Công văn số 512/BYT-KHTC - Bộ Y tế ngày 02/02/2024 về báo cáo thống kê.",
        {("@self", "implements", "512/BYT-KHTC", False)},
    ),
    (  # a suspended cue states no relation either
        "Tạm hoãn việc triển khai thực hiện Công văn số 4395/UBND-NC ngày 12/11/2021 của Ủy ban "
        "nhân dân tỉnh.",
        {("@self", "cites", "4395/UBND-NC", False)},
    ),
    (  # "không ngừng" is "ceaselessly": the cue stands
        "Các sở không ngừng triển khai thực hiện Kế hoạch số 45/KH-UBND ngày 24/02/2021 của Ủy ban "
        "nhân dân tỉnh.",
        {("@self", "implements", "45/KH-UBND", False)},
    ),
    (
        "Sở Tư pháp tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh sửa đổi, bổ sung "
        "Nghị quyết số 14/2022/NQ-HĐND ngày 19/7/2022 của Hội đồng nhân dân tỉnh.",
        {("@self", "cites", "14/2022/NQ-HĐND", False)},
    ),
    (
        "Đề nghị Bộ Thông tin và Truyền thông sớm ban hành Thông tư thay thế Thông tư số "
        "39/2017/TT-BTTTT ngày 15/12/2017.",
        {("@self", "cites", "39/2017/TT-BTTTT", False)},
    ),
    (
        "Tập trung xây dựng Nghị định sửa đổi, bổ sung một số điều của Nghị định số 06/2022/NĐ-CP "
        "ngày 07 tháng 01 năm 2022 của Chính phủ.",
        {("@self", "cites", "06/2022/NĐ-CP", False)},
    ),
    (  # a transitional provision: the detailing texts of a code are not this text's guidance
        "Các văn bản quy định chi tiết Bộ luật số 45/2019/QH14 tiếp tục có hiệu lực.",
        {("@self", "cites", "45/2019/QH14", False)},
    ),
    (  # the promulgation formula: the citing text's own act
        "Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số 15/2018/NĐ-CP "
        "ngày 02 tháng 02 năm 2018.",
        {("@self", "amends", "15/2018/NĐ-CP", False)},
    ),
    (
        "Các đơn vị thực hiện theo hướng dẫn tại Công văn số 1906/VPCP-KGVX ngày 23/3/2021 của Văn "
        "phòng Chính phủ.",
        {("@self", "cites", "1906/VPCP-KGVX", False)},
    ),
    (
        "Việc sửa đổi, bổ sung hồ sơ được thực hiện theo quy định tại Nghị định số 22/2026/NĐ-CP "
        "ngày 16 tháng 01 năm 2026.",
        {("@self", "cites", "22/2026/NĐ-CP", False)},
    ),
    (
        "Ủy ban nhân dân tỉnh đã cụ thể hóa bằng Kế hoạch số 251/KH-UBND ngày 18/6/2020.",
        {("@self", "cites", "251/KH-UBND", False)},
    ),
    (
        "Thủ tục này đã được công bố bãi bỏ tại Quyết định số 2876/QĐ-UBND ngày 09/8/2024 của Chủ "
        "tịch Ủy ban nhân dân tỉnh.",
        {("@self", "cites", "2876/QĐ-UBND", False)},
    ),
    (
        "Căn cứ chức năng, nhiệm vụ được giao tại Quyết định số 15/2021/QĐ-UBND ngày 01/3/2021 của "
        "Ủy ban nhân dân tỉnh, Sở Tài chính hướng dẫn như sau:",
        {("@self", "cites", "15/2021/QĐ-UBND", False)},
    ),
    (  # a programme the text issues, in its own title: the text carries the resolution out
        "Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 6-NQ/TW ngày "
        "08/06/2021 của Bộ Chính trị về hội nhập quốc tế.",
        {("@self", "implements", "6-NQ/TW", False)},
    ),
    (  # inspecting how X is carried out does not carry X out
        "Tăng cường công tác thanh tra, kiểm tra việc thực hiện chức năng, nhiệm vụ được giao, việc "
        "thực hiện các quy định của Luật Phòng, chống tham nhũng số 36/2018/QH14.",
        {("@self", "cites", "36/2018/QH14", False)},
    ),
    (  # "liên quan đến thực hiện": a noun phrase inside the object of "thay thế"
        "Thông tư liên tịch này thay thế các nội dung liên quan đến thực hiện Cơ chế một cửa quốc "
        "gia quy định tại Thông tư liên tịch số 84/2013/TTLT-BTC-BCT-BGTVT ngày 25 tháng 6 năm 2013.",
        {("@self", "replaces", "84/2013/TTLT-BTC-BCT-BGTVT", False)},
    ),
    (
        "Kiểm tra việc thực hiện Luật Phòng, chống tham nhũng số 36/2018/QH14.",
        {("@self", "cites", "36/2018/QH14", False)},
    ),
    (  # a plan to issue texts: their verbs are theirs ("ban hành hệ thống các văn bản … hướng dẫn")
        "Xây dựng, triển khai kế hoạch ban hành hệ thống các văn bản quy phạm pháp luật quy định, "
        "hướng dẫn chi tiết thi hành Luật Đất đai số 31/2024/QH15.",
        {("@self", "cites", "31/2024/QH15", False)},
    ),
    (  # the description of a document whose number the text lost ("Nghị định số ngày …")
        "Nghị định sửa đổi Nghị định số ngày 10/01/2022 của Chính phủ quy định chi tiết một số điều "
        "của Luật Bảo vệ môi trường số 72/2020/QH14.",
        {("@self", "cites", "72/2020/QH14", False)},
    ),
    (  # a joint text's issuers, listed after "giữa", end where its description starts
        "Thông tư liên tịch số 84/2013/TTLT-BTC-BCT-BGTVT ngày 25 tháng 6 năm 2013 giữa Bộ Tài chính, "
        "Bộ Công Thương và Bộ Giao thông vận tải hướng dẫn thực hiện Quyết định số 48/2011/QĐ-TTg "
        "ngày 31 tháng 8 năm 2011 của Thủ tướng Chính phủ.",
        {
            ("@self", "cites", "84/2013/TTLT-BTC-BCT-BGTVT", False),
            ("84/2013/TTLT-BTC-BCT-BGTVT", "guides", "48/2011/QĐ-TTG", True),
        },
    ),
    (  # a review of how X was carried out does not carry X out
        "Văn bản số 1125-CV/TU ngày 03/6/2024 của Ban Thường vụ Tỉnh ủy về việc sơ kết 05 năm thực "
        "hiện Nghị quyết số 52-NQ/TW của Bộ Chính trị.",
        {("@self", "cites", "1125-CV/TU", False), ("@self", "cites", "52-NQ/TW", False)},
    ),
    (
        "Hướng dẫn thi hành Nghị định số 09/2013/NĐ-CP ngày 11/01/2013.",
        {("@self", "guides", "09/2013/NĐ-CP", False)},
    ),
    (  # amendment wordings
        "Nghị định số 64/2023/NĐ-CP ngày 23 tháng 8 năm 2023 của Chính phủ bổ sung Nghị định số "
        "87/2021/NĐ-CP ngày 29 tháng 9 năm 2021 của Chính phủ.",
        {
            ("@self", "cites", "64/2023/NĐ-CP", False),
            ("64/2023/NĐ-CP", "amends", "87/2021/NĐ-CP", True),
        },
    ),
    (
        "Bổ sung Điều 5a vào Nghị định số 15/2018/NĐ-CP ngày 02 tháng 02 năm 2018 như sau:",
        {("@self", "amends", "15/2018/NĐ-CP", False)},
    ),
    (
        "Thay cụm từ “Sở Kế hoạch và Đầu tư” bằng cụm từ “Sở Tài chính” tại Điều 3 của Quyết định "
        "số 10/2019/QĐ-UBND ngày 01/3/2019.",
        {("@self", "amends", "10/2019/QĐ-UBND", False)},
    ),
    (  # dropping words changes the text they stand in
        "Bỏ cụm từ “và lệ phí” tại khoản 2 Điều 65 của Luật Quản lý thuế số 38/2019/QH14 ngày 13 "
        "tháng 6 năm 2019.",
        {("@self", "amends", "38/2019/QH14", False)},
    ),
    (
        "b) Bãi bỏ cụm từ “thẩm định” tại điểm c khoản 1 Điều 4 của Nghị định số 45/2022/NĐ-CP ngày "
        "07/7/2022 của Chính phủ.",
        {("@self", "amends", "45/2022/NĐ-CP", False)},
    ),
    (  # the documents named inside the quoted words are words
        "Thay thế cụm từ “Nghị định số 20/2018/NĐ-CP” bằng cụm từ “Nghị định số 30/2020/NĐ-CP”.",
        {("@self", "cites", "20/2018/NĐ-CP", False), ("@self", "cites", "30/2020/NĐ-CP", False)},
    ),
    (  # … in straight quotes too (web copies), which pair up in turn
        'Thay thế cụm từ "khoản 3 Điều 6 Nghị định số 63/2019/NĐ-CP" bằng cụm từ "khoản 1 Điều 6 '
        'Nghị định số 63/2019/NĐ-CP" tại khoản 3 Điều 4.',
        {("@self", "cites", "63/2019/NĐ-CP", False)},
    ),
    (
        "Nghị định số 131/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính phủ chấm dứt hiệu lực kể "
        "từ ngày Nghị quyết này có hiệu lực.",
        {("@self", "repeals", "131/2021/NĐ-CP", False)},
    ),
    (  # the rule followed is cited, not carried out
        "Việc lưu trữ thực hiện theo Luật Lưu trữ số 33/2024/QH15 và các văn bản hướng dẫn.",
        {("@self", "cites", "33/2024/QH15", False)},
    ),
    (  # "được <agent> phê duyệt tại X": X approved the strategy the text carries out
        "Triển khai thực hiện Chiến lược phát triển ngành đến năm 2030 đã được Thủ tướng Chính phủ "
        "phê duyệt tại Quyết định số 680/QĐ-TTg ngày 10/6/2023.",
        {("@self", "implements", "680/QĐ-TTG", False)},
    ),
    (  # the thing named in the plan's description was approved by the decision, not the plan
        "Các sở triển khai Kế hoạch số 41/KH-UBND của Ủy ban nhân dân tỉnh về triển khai Đề án 06 "
        "năm 2024 (Đề án phát triển ứng dụng dữ liệu về dân cư giai đoạn 2022 - 2025 được phê duyệt "
        "tại Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ).",
        {
            ("@self", "implements", "41/KH-UBND", False),
            ("41/KH-UBND", "implements", "06/QĐ-TTG", True),
        },
    ),
    (  # a table cell is a clause of its own
        "| 1 | Kiểm kê khí nhà kính | thực hiện kiểm kê | Cục Biến đổi khí hậu | Điều 17 của Nghị "
        "định số 65/2010/NĐ-CP |",
        {("@self", "cites", "65/2010/NĐ-CP", False)},
    ),
    (  # a lead-in "… như sau:" introduces wording, whose citations are cited
        "Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 12/2020/QĐ-UBND ngày 01/3/2020 "
        "như sau:\n1. Khoản 3 Điều 4 được sửa đổi, bổ sung như sau:\n“Các cơ sở gửi dữ liệu theo "
        "định dạng quy định tại Quyết định số 4210/QĐ-BYT ngày 20/9/2017.”",
        {("@self", "amends", "12/2020/QĐ-UBND", False), ("@self", "cites", "4210/QĐ-BYT", False)},
    ),
    (  # "Nghị định của Chính phủ quy định chi tiết … và biện pháp thi hành Luật X": another,
        # unnumbered decree's description; the text only cites the law
        "Việc lập biên bản thực hiện theo quy định của Luật Phòng, chống ma túy số 73/2021/QH14 và "
        "Nghị định của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Phòng, "
        "chống ma túy.",
        {("@self", "cites", "73/2021/QH14", False)},
    ),
    (
        "Hồ sơ lập theo các văn bản quy định chi tiết và hướng dẫn thi hành Luật Phòng, chống ma túy "
        "số 73/2021/QH14.",
        {("@self", "cites", "73/2021/QH14", False)},
    ),
    (  # the unnamed guiding texts, with the line broken before their verb
        "Việc thi hành thực hiện theo quy định của Luật Phòng, chống ma túy, các văn bản\nhướng dẫn "
        "Luật Phòng, chống ma túy số 73/2021/QH14 và các khoản 2, 3 Điều này.",
        {("@self", "cites", "73/2021/QH14", False)},
    ),
    (  # the text's own
        "Văn bản này quy định chi tiết một số điều và biện pháp thi hành Luật Phòng, chống ma túy số "
        "73/2021/QH14.",
        {("@self", "guides", "73/2021/QH14", False)},
    ),
    (  # "Khi thực hiện <an activity>, …:" sets the scene of a list; it carries nothing out
        "Khi thực hiện cung cấp dịch vụ trên môi trường mạng, doanh nghiệp phải bảo đảm:\na) Tuân "
        "thủ các yêu cầu theo quy định của Luật An ninh mạng số 24/2018/QH14;\nb) Lưu trữ hồ sơ.",
        {("@self", "cites", "24/2018/QH14", False)},
    ),
    (  # "Khi thực hiện <a document>" still carries it out
        "Khi triển khai thực hiện Chỉ thị số 08/CT-TTg ngày 02/3/2021 của Thủ tướng Chính phủ, các "
        "sở báo cáo kết quả.",
        {("@self", "implements", "08/CT-TTG", False)},
    ),
    (  # "do danh mục này được sửa đổi": another subject is amended
        "Cơ sở không đáp ứng tiêu chí theo quy định tại Quyết định số 1466/QĐ-TTg ngày 10/10/2008 "
        "của Thủ tướng Chính phủ do danh mục này được sửa đổi, bổ sung.",
        {("@self", "cites", "1466/QĐ-TTG", False)},
    ),
    (  # "thực hiện" of a list's lead-in takes what follows it: procedures, not the items'
        # citations; an item that points at a provision ("quy định tại …") cites it
        "1. Trường hợp hồ sơ hợp lệ thì Sở Tư pháp thực hiện một trong các thủ tục sau:\na) Chuyển "
        "hồ sơ cho Bộ Ngoại giao trong trường hợp quy định tại khoản 2 Điều 19 của Luật Tương trợ tư "
        "pháp số 08/2007/QH12;\nb) Trả lại hồ sơ.",
        {("@self", "cites", "08/2007/QH12", False)},
    ),
    (  # "quỹ tiền lương thực hiện" is the wage fund actually paid: no act on the items
        "1. Khi xác định quỹ tiền lương thực hiện của người lao động, công ty loại trừ các yếu tố "
        "khách quan, bao gồm:\na) Các yếu tố khách quan quy định tại Điều 11 Thông tư số "
        "26/2016/TT-BLĐTBXH;\nb) Các yếu tố khác.",
        {("@self", "cites", "26/2016/TT-BLĐTBXH", False)},
    ),
    (  # a change verb whose object is described ("các Nghị định quy định …"), not named: the
        # citations after it (a scope note in brackets, the next member) are not changed
        "Việc đào tạo thực hiện theo quy định tại Nghị định số 24/2022/NĐ-CP ngày 06/4/2022 của "
        "Chính phủ sửa đổi, bổ sung các Nghị định quy định điều kiện đầu tư trong lĩnh vực giáo dục "
        "nghề nghiệp (cho đối tượng quy định tại Điều 16 Nghị định số 31/2015/NĐ-CP), Luật Giáo dục "
        "đại học số 08/2012/QH13.",
        {
            ("@self", "cites", "24/2022/NĐ-CP", False),
            ("@self", "cites", "31/2015/NĐ-CP", False),
            ("@self", "cites", "08/2012/QH13", False),
        },
    ),
    (  # "Ban Chỉ đạo …" names a steering committee; it directs nothing here
        "Các bộ thực hiện nhiệm vụ theo kế hoạch, hướng dẫn của Ban Chỉ đạo tổng kết Nghị quyết số "
        "18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.",
        {("@self", "cites", "18-NQ/TW", False)},
    ),
    (  # an activity done by a text's provision ("thực hiện khảo nghiệm tại Điều 14 …") carries
        # out no text; a provision named as the object is carried out
        "Tổ chức thực hiện khảo nghiệm tại Điều 14 Nghị định số 91/2016/NĐ-CP ngày 01/7/2016 của "
        "Chính phủ.",
        {("@self", "cites", "91/2016/NĐ-CP", False)},
    ),
    (
        "Các sở thực hiện khoản 2 Điều 5 Nghị định số 91/2016/NĐ-CP ngày 01/7/2016 của Chính phủ.",
        {("@self", "implements", "91/2016/NĐ-CP", False)},
    ),
    (  # a programme, a condition set in a provision: "Chương trình", "điều kiện" are no provisions
        "Phê duyệt bổ sung đề án thực hiện Chương trình cấp quốc gia về khuyến công tại Điều 9 Nghị "
        "định số 45/2012/NĐ-CP ngày 21/5/2012 của Chính phủ.",
        {("@self", "cites", "45/2012/NĐ-CP", False)},
    ),
    (
        "Cơ sở phải thực hiện điều kiện kinh doanh dịch vụ khảo nghiệm tại khoản 3 Điều 37 Luật Chăn "
        "nuôi số 32/2018/QH14.",
        {("@self", "cites", "32/2018/QH14", False)},
    ),
    (  # "mục tiêu" (goals) is not a "Mục" (section): the goals of a text are carried out
        "Các sở, ngành nhằm thực hiện thắng lợi các mục tiêu của Nghị quyết số 52-NQ/TW ngày "
        "27/9/2019 của Bộ Chính trị trên địa bàn tỉnh.",
        {("@self", "implements", "52-NQ/TW", False)},
    ),
    (  # "… hết/chấm dứt hiệu lực" after a citation: not in the next table row, not a request
        "Danh mục mẫu\n5\nThông báo về dự án (Điểm a khoản 3 Điều 73 Luật Đầu tư số 61/2020/QH14)\n"
        "Mẫu B.I.11\n6\nQuyết định chấm dứt hiệu lực Giấy chứng nhận đăng ký đầu tư\nMẫu B.I.12",
        {("@self", "cites", "61/2020/QH14", False)},
    ),
    (
        "Hồ sơ gồm bản sao Luật Đầu tư số 61/2020/QH14 và văn bản đề nghị chấm dứt hiệu lực Giấy chứng "
        "nhận đăng ký đầu tư.",
        {("@self", "cites", "61/2020/QH14", False)},
    ),
    (  # a procedure is performed by a text's rules, not the text carried out
        "Doanh nghiệp thực hiện thủ tục cấp lại Giấy phép tại Điều 18 Nghị định số 69/2010/NĐ-CP "
        "ngày 21/6/2010 của Chính phủ.",
        {("@self", "cites", "69/2010/NĐ-CP", False)},
    ),
    (  # a lead-in that carries out the documents listed
        "Các sở, ngành tổ chức thực hiện các văn bản sau:\n1. Kế hoạch số 45/KH-UBND ngày 02/3/2021 "
        "của Ủy ban nhân dân tỉnh.\n2. Quyết định số 77/QĐ-UBND ngày 04/01/2021 của Ủy ban nhân dân "
        "tỉnh.",
        {
            ("@self", "implements", "45/KH-UBND", False),
            ("@self", "implements", "77/QĐ-UBND", False),
        },
    ),
    (  # "hướng dẫn <topic> … được thành lập … theo quy định của Luật X": X is the rule of the
        # topic's own predicate, not what is guided (a plain mention)
        "Bãi bỏ Thông tư số 31/2016/TT-BTC ngày 25/10/2016 của Bộ trưởng Bộ Tài chính hướng dẫn "
        "quản lý tiền lương trong các tổ chức được thành lập và hoạt động theo quy định của Luật "
        "Chứng khoán.",
        {
            ("@self", "repeals", "31/2016/TT-BTC", False),
            ("@self", "cites", "70/2006/QH11", False),
        },
    ),
    (  # no predicate between: the law whose rules are guided
        "Căn cứ Thông tư số 83/2016/TT-BTC ngày 17/6/2016 của Bộ Tài chính hướng dẫn thực hiện ưu "
        "đãi đầu tư theo quy định của Nghị định số 118/2015/NĐ-CP ngày 12/11/2015 của Chính phủ.",
        {
            ("@self", "based_on", "83/2016/TT-BTC", False),
            ("83/2016/TT-BTC", "guides", "118/2015/NĐ-CP", True),
        },
    ),
    (  # "quy định chi tiết việc thực hiện X": X is detailed, not carried out
        "Nghị định số 30/2026/NĐ-CP ngày 01/3/2026 của Chính phủ quy định chi tiết việc thực hiện "
        "khoản 6 Điều 37 của Luật Ngân sách nhà nước số 89/2025/QH15 hết hiệu lực.",
        {
            ("@self", "repeals", "30/2026/NĐ-CP", False),
            ("30/2026/NĐ-CP", "guides", "89/2025/QH15", True),
        },
    ),
    (
        "Các sở thực hiện khoản 6 Điều 37 của Luật Ngân sách nhà nước số 89/2025/QH15.",
        {("@self", "implements", "89/2025/QH15", False)},
    ),
    (  # "theo hướng: Bãi bỏ … trong Luật X; sửa đổi … tại Luật Y": the direction a law still to be
        # drafted is to take; the resolution changes neither
        "Thông qua chính sách của Luật sửa đổi, bổ sung một số điều của Luật Thương mại theo hướng: "
        "Bãi bỏ điều kiện kinh doanh dịch vụ giám định trong Luật Thương mại số 36/2005/QH11; sửa "
        "đổi, bãi bỏ một số nội dung tại Luật Quản lý ngoại thương số 05/2017/QH14.",
        {
            ("@self", "cites", "36/2005/QH11", False),
            ("@self", "cites", "05/2017/QH14", False),
        },
    ),
    (  # a direction ends with its sentence; "theo hướng dẫn" is guidance followed, no direction
        "Điều chỉnh mức hỗ trợ theo hướng tăng mức chi. Bãi bỏ Quyết định số 12/2019/QĐ-UBND ngày "
        "01/3/2019 của Ủy ban nhân dân tỉnh. Bãi bỏ Quyết định số 13/2019/QĐ-UBND ngày 01/3/2019 "
        "của Ủy ban nhân dân tỉnh theo hướng dẫn của Bộ Tài chính.",
        {
            ("@self", "repeals", "12/2019/QĐ-UBND", False),
            ("@self", "repeals", "13/2019/QĐ-UBND", False),
        },
    ),
]

# A cue that names something else: a procedure or its part ("thủ tục sửa đổi … Giấy phép"), a
# standard to meet ("phù hợp với quy định của Luật X"), the verb of a listed text's title; and
# a consolidated text's notes set on a provision's number, whose rest a page break carried to
# the next page's foot. Each beside a sentence that keeps its relation.
NAMED_ACTS: list[tuple[str, set[Edge]]] = [
    (  # a change verb in a procedure's name: the decree rules the procedure, nothing amends it
        "VIII. Thời hạn giải quyết thủ tục sửa đổi, bổ sung, gia hạn Quyết định cho phép thành lập "
        "văn phòng đại diện quy định tại điểm b khoản 6 Điều 5 Nghị định số 86/2018/NĐ-CP ngày "
        "06/6/2018 của Chính phủ.",
        {("@self", "cites", "86/2018/NĐ-CP", False)},
    ),
    (  # … the text's own change of the decree's content
        "Sửa đổi, bổ sung một số nội dung quy định tại khoản 6 Điều 5 Nghị định số 86/2018/NĐ-CP "
        "ngày 06/6/2018 của Chính phủ.",
        {("@self", "amends", "86/2018/NĐ-CP", False)},
    ),
    (
        "I. Trình tự, thủ tục cấp mới, sửa đổi, bổ sung và gia hạn Giấy phép kinh doanh dịch vụ mật "
        "mã dân sự tại Điều 6 Nghị định số 58/2016/NĐ-CP ngày 01/7/2016 của Chính phủ.",
        {("@self", "cites", "58/2016/NĐ-CP", False)},
    ),
    (  # a paper issued to a person ("giấy phép", "văn bản xác nhận"), in a procedure's heading
        # or named as a clause's subject ("Việc sửa đổi …"), is no provision of the decree
        "VIII. Sửa đổi, bổ sung giấy phép cung cấp dịch vụ viễn thông đối với trường hợp tại điểm "
        "a khoản 2 Điều 36 Nghị định số 25/2011/NĐ-CP ngày 06/4/2011 của Chính phủ.",
        {("@self", "cites", "25/2011/NĐ-CP", False)},
    ),
    (
        "Báo cáo tình hình hoạt động.\n3. Việc sửa đổi, bổ sung văn bản xác nhận thông báo hoạt "
        "động bưu chính quy định tại khoản 2 Điều 9 Nghị định số 47/2011/NĐ-CP ngày 17/6/2011 của "
        "Chính phủ được thực hiện như sau:",
        {("@self", "cites", "47/2011/NĐ-CP", False)},
    ),
    (  # … the text's own repeal of listed procedures
        "Bãi bỏ 07 thủ tục hành chính lĩnh vực lao động tại Phụ lục II ban hành kèm theo Quyết định "
        "số 1785/QĐ-UBND ngày 12/6/2021 của Ủy ban nhân dân tỉnh.",
        {("@self", "repeals", "1785/QĐ-UBND", False)},
    ),
    (  # "theo đề nghị của <a person>" in a procedure's name, a decree's provision after it
        "XI. Thời hạn giải quyết thủ tục giải thể trường theo đề nghị của tổ chức, cá nhân thành "
        "lập trường quy định tại điểm b khoản 3 Điều 5 Nghị định số 46/2017/NĐ-CP ngày 21/4/2017 "
        "của Chính phủ.",
        {("@self", "cites", "46/2017/NĐ-CP", False)},
    ),
    (  # … a request made in a document
        "Theo đề nghị của Sở Nội vụ tại Tờ trình số 125/TTr-SNV ngày 20/12/2021, Ủy ban nhân dân "
        "tỉnh đồng ý chủ trương.",
        {("@self", "responds_to", "125/TTR-SNV", False)},
    ),
    (  # a form's title ("Quyết định phê duyệt …") and the annex of the decree that rules it
        "Mẫu 02. Quyết định phê duyệt liên kết tổ chức thi quy định tại Phụ lục ban hành kèm theo "
        "Nghị định số 86/2018/NĐ-CP ngày 06/6/2018 của Chính phủ.",
        {("@self", "cites", "86/2018/NĐ-CP", False)},
    ),
    (
        "Phê duyệt Kế hoạch số 45/KH-SNV ngày 10/12/2021 của Sở Nội vụ.",
        {("@self", "promulgates", "45/KH-SNV", False)},
    ),
    (  # "sửa đổi hồ sơ": a file is changed
        "Thời gian thông báo cho tổ chức nhập khẩu để bổ sung, sửa đổi hồ sơ cấp giấy phép nhập khẩu "
        "tại mục II.4 Phụ lục III ban hành kèm theo Nghị định số 36/2016/NĐ-CP ngày 15/5/2016 của "
        "Chính phủ.",
        {("@self", "cites", "36/2016/NĐ-CP", False)},
    ),
    (  # "hướng dẫn viên" is a guide, a person
        "VIII. Thủ tục cấp đổi thẻ hướng dẫn viên du lịch tại khoản 2 Điều 62 của Luật Du lịch số "
        "09/2017/QH14.",
        {("@self", "cites", "09/2017/QH14", False)},
    ),
    (
        "Văn bản này hướng dẫn thi hành Luật Du lịch số 09/2017/QH14.",
        {("@self", "guides", "09/2017/QH14", False)},
    ),
    (  # "phê duyệt" takes the plan; the law and decree are the standard it must meet
        "Chủ đầu tư phải phê duyệt điều chỉnh kế hoạch lựa chọn nhà thầu để phù hợp với quy định của "
        "Luật Đấu thầu số 43/2013/QH13, Nghị định số 63/2014/NĐ-CP ngày 26/6/2014 của Chính phủ.",
        {("@self", "cites", "43/2013/QH13", False), ("@self", "cites", "63/2014/NĐ-CP", False)},
    ),
    (
        "Việc lập, thẩm định, phê duyệt hồ sơ yêu cầu phải bảo đảm không trái quy định của Luật Đấu "
        "thầu số 43/2013/QH13.",
        {("@self", "cites", "43/2013/QH13", False)},
    ),
    (  # the verb of a repealed text's title takes an unnumbered document first, and the
        # citation after "," goes on with it: the repealed text carries it out
        "Bãi bỏ Quyết định số 02/2007/QĐ-BTS ngày 08/3/2007 của Bộ trưởng Bộ Thủy sản về việc ban "
        "hành Chương trình hành động của Bộ Thủy sản thực hiện Nghị quyết Đại hội Đảng lần thứ X, "
        "Nghị quyết số 25/2006/NQ-CP ngày 09/10/2006 của Chính phủ về phát triển ngành thủy sản.",
        {
            ("@self", "repeals", "02/2007/QĐ-BTS", False),
            ("02/2007/QĐ-BTS", "implements", "25/2006/NQ-CP", True),
        },
    ),
    (  # … the text's own "thực hiện" with the same list
        "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI, Nghị quyết số 12/2021/NQ-CP ngày "
        "09/02/2021 của Chính phủ, Ủy ban nhân dân tỉnh yêu cầu các sở triển khai.",
        {("@self", "implements", "12/2021/NQ-CP", False)},
    ),
    (  # a consolidated text's note marked after a provision's number ("1. 2 Để …"); the rest of
        # the note before it, carried over the page break, leaves the body sentence it cut (no
        # "thực hiện" of the body takes it) and gives the passive its page cut its agent
        "Điều 14. Quản lý tài khoản\n1. Công ty chứng khoán quản lý tài khoản của khách hàng1.\n \n"
        "1 Khoản này được sửa đổi, bổ sung theo quy định tại khoản 2 Điều 10 Thông tư số "
        "08/2021/TT-BTC ngày 03 tháng 02 năm 2021 của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung một số "
        "điều của Thông tư số 96/2020/TT-BTC ngày 16 tháng 11 năm 2020 của Bộ trưởng Bộ Tài chính "
        "được sửa đổi, bổ sung bởi\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n15\n\nĐiều 15. Mở tài khoản\n"
        "1. 2 Để thực hiện giao dịch cho khách hàng, công ty chứng khoán phải mở tài khoản cho từng "
        "khách hàng trên\n \nThông tư số 68/2021/TT-BTC ngày 18 tháng 9 năm 2021 của Bộ trưởng Bộ "
        "Tài chính, có hiệu lực kể từ ngày 03 tháng 02 năm 2021.\n2 Khoản này được sửa đổi, bổ sung "
        "theo quy định tại Điều 11 Thông tư số 08/2021/TT-BTC ngày 03 tháng 02 năm 2021 của Bộ "
        "trưởng Bộ Tài chính.\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n16\n\ncơ sở hợp đồng mở tài "
        "khoản với khách hàng.",
        {
            ("@self", "cites", "08/2021/TT-BTC", False),
            ("08/2021/TT-BTC", "amends", "96/2020/TT-BTC", True),
            ("68/2021/TT-BTC", "amends", "96/2020/TT-BTC", True),
            ("@self", "cites", "68/2021/TT-BTC", False),
        },
    ),
    (  # … the body's own "thực hiện" of a text
        "Điều 15. Mở tài khoản\n1. Để thực hiện Thông tư số 68/2021/TT-BTC ngày 18 tháng 9 năm 2021 "
        "của Bộ trưởng Bộ Tài chính, công ty chứng khoán phải mở tài khoản cho từng khách hàng.",
        {("@self", "implements", "68/2021/TT-BTC", False)},
    ),
    (  # a number after a provision's is a marker only for a note on a provision ("Khoản này
        # được …"): a numbered line that is not one stays in the body
        "Điều 15. Mở tài khoản\n1. 2 Công ty chứng khoán mở tài khoản cho từng khách hàng theo "
        "Thông tư số 68/2021/TT-BTC ngày 18 tháng 9 năm 2021 của Bộ trưởng Bộ Tài chính.\n2 Thông "
        "tư số 120/2020/TT-BTC ngày 31 tháng 12 năm 2020 của Bộ trưởng Bộ Tài chính được bãi bỏ.",
        {("@self", "cites", "68/2021/TT-BTC", False), ("@self", "cites", "120/2020/TT-BTC", False)},
    ),
]

# Class 4: codes shaped like a số ký hiệu that name no document.
NOT_DOCUMENTS: list[tuple[str, set[Edge]]] = [
    (  # a number-dash code with no slash is an old symbol only after its type word
        "Áp dụng đối với khu dân cư ấp 4 - khu B và hóa chất 2,4,5-T; người đang hưởng trợ cấp theo "
        "Quyết định số 206-CP ngày 30 tháng 5 năm 1979 của Hội đồng Chính phủ.",
        {("@self", "cites", "206-CP", False)},
    ),
    ("Số liệu gửi theo Mẫu số 01/BC kèm theo Văn bản này.", set()),
    ("Kê khai theo tờ khai mẫu 01/TNDN.", set()),
    ("Công trình tuân thủ QCVN 06:2022/BXD và TCVN 9250:2012.", set()),
    ("Quản lý nhà đất (diện 2/IV của bảng).", set()),
    (  # a standard's "number: year/body", spaced or not, and codes glued to capitals
        "Thử nghiệm theo QCVN 01: 2019/BCT, TCCS 03: 2009/CKUB và QCVN 61-MT:2016/BTNMT; báo cáo "
        "theo phần C Biểu số B01/BCQT, phụ biểu F01-01/BCQT theo Quyết định số 12/QĐ-UBND ngày "
        "02/3/2021 của Ủy ban nhân dân tỉnh.",
        {("@self", "cites", "12/QĐ-UBND", False)},
    ),
    ("Hoàn thiện dự án Luật Địa chất và Khoáng sản để Chính phủ trình Quốc hội.", set()),  # a bill
    (
        "Sửa đổi Mẫu số 02/BC ban hành kèm theo Thông tư số 12/2020/TT-BTC ngày 01/3/2020.",
        {("@self", "amends", "12/2020/TT-BTC", False)},
    ),
    (  # a procedure's or a report form's code ("QTKĐ: 06-2021/…", "Biểu số 101-102/LĐVL")
        "Kiểm định theo Quy trình kiểm định kỹ thuật an toàn số QTKĐ: 06-2021/BLĐTBXH và báo cáo "
        "theo Biểu số 101-102/LĐVL.",
        set(),
    ),
    (  # "Căn cứ …" in a form annexed to the text (its own national motto) is the form's words
        "Điều 1. Ban hành kèm theo Văn bản này mẫu đơn đề nghị.\nMẫu số 01\nCỘNG HÒA XÃ HỘI CHỦ "
        "NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐƠN ĐỀ NGHỊ HỖ TRỢ\nCăn cứ Nghị định số "
        "15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ;\nTôi đề nghị được hỗ trợ.",
        {("@self", "cites", "15/2020/NĐ-CP", False)},
    ),
    (  # a web address, cut over lines, with a percent-encoded number in it: no citation
        "Văn bản gốc tại https://vbpl.vn/TW/Pages/vbpq-\ntoanvan.aspx?ItemID=5731&Keyword= \n"
        "S%E1%BB%91%2012/2016/N%C4%90-CP \nvà Thông tư số 07/2018/TT-BTC ngày 01/3/2018 (https://vbpl.vn/"
        "Pages/goc.aspx?ItemID=9&Keyword=S%E1\n%BB%91%2032/2019/TT-\nBLĐTBXH).",
        {("@self", "cites", "07/2018/TT-BTC", False)},
    ),
]


# A law cited by name is the one in force when the text naming it was issued: inside another
# document's description, that document's day (the letter is of 2022; Luật Đầu tư: 2005, 2020).
LAW_VERSIONS: list[tuple[str, set[Edge]]] = [
    (  # "(sửa đổi)": the revision, a draft in 2022, not the 2013 law it will replace
        "Các sở tổ chức triển khai Luật Đất đai (sửa đổi) và Luật Nhà ở (sửa đổi) trên địa bàn "
        "tỉnh.",
        {
            ("@self", "implements", "Luật Đất đai", False),
            ("@self", "implements", "Luật Nhà ở", False),
        },
    ),
    (  # passed in 2020: the revision is the law in force
        "Các sở tiếp tục triển khai Luật Bảo vệ môi trường (sửa đổi) trên địa bàn tỉnh.",
        {("@self", "implements", "72/2020/QH14", False)},
    ),
    (
        "Thực hiện Nghị định số 108/2006/NĐ-CP ngày 22/9/2006 của Chính phủ quy định chi tiết và "
        "hướng dẫn thi hành một số điều của Luật Đầu tư, Sở Kế hoạch và Đầu tư báo cáo.",
        {
            ("@self", "implements", "108/2006/NĐ-CP", False),
            ("108/2006/NĐ-CP", "guides", "59/2005/QH11", True),
        },
    ),
    (  # a list inside the description shares its day
        "Căn cứ Nghị định số 108/2006/NĐ-CP ngày 22/9/2006 của Chính phủ hướng dẫn Luật Doanh nghiệp "
        "và Luật Đầu tư.",
        {
            ("@self", "based_on", "108/2006/NĐ-CP", False),
            ("108/2006/NĐ-CP", "guides", "60/2005/QH11", True),
            ("108/2006/NĐ-CP", "guides", "59/2005/QH11", True),
        },
    ),
    (  # the text numbers the newer law elsewhere: not the one the 2006 decree guides
        "Căn cứ Luật Đầu tư số 61/2020/QH14.\nBãi bỏ Thông tư số 05/2007/TT-BKH ngày 15/5/2007 hướng dẫn "
        "Nghị định số 108/2006/NĐ-CP ngày 22/9/2006 của Chính phủ hướng dẫn thi hành Luật Đầu tư.",
        {
            ("@self", "based_on", "61/2020/QH14", False),
            ("@self", "repeals", "05/2007/TT-BKH", False),
            ("05/2007/TT-BKH", "guides", "108/2006/NĐ-CP", True),
            ("108/2006/NĐ-CP", "guides", "59/2005/QH11", True),
        },
    ),
    (  # the citing text's own list: the law in force at its own date
        "Thực hiện Nghị định số 108/2006/NĐ-CP ngày 22/9/2006 của Chính phủ và Luật Đầu tư, Sở Kế "
        "hoạch và Đầu tư báo cáo.",
        {
            ("@self", "implements", "108/2006/NĐ-CP", False),
            ("@self", "implements", "61/2020/QH14", False),
        },
    ),
    (  # an amending law's title lists the laws it amends, capital "Sửa" or not: one law, dated
        "Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Đầu tư công, Luật Nhà ở, Luật Đấu thầu "
        "và Luật Thi hành án dân sự ngày 11 tháng 01 năm 2022;\nCác sở thực hiện Kế hoạch số "
        "45/KH-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh.",
        {
            (
                "@self",
                "based_on",
                "Luật Sửa đổi, bổ sung một số điều của Luật Đầu tư công, Luật Nhà ở, Luật Đấu thầu "
                "và Luật Thi hành án dân sự",
                False,
            ),
            ("@self", "implements", "45/KH-UBND", False),
        },
    ),
    (  # the enacting formula "Quốc hội ban hành Luật sửa đổi … của Luật A số X, Luật B số Y" names
        # the quoted law itself (X, Y are A's and B's numbers): it amends every law it lists, also
        # past an aside on a member's own amendments; and in a footnote that starts with another
        # law, the second quote speaks for the law that leads in to it
        "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.1\nĐiều 1. Phạm vi\n1 Luật Phí và lệ phí "
        "số 97/2015/QH13 có căn cứ ban hành như sau:\n“Căn cứ Hiến pháp nước Cộng hòa xã hội chủ "
        "nghĩa Việt Nam;\nQuốc hội ban hành Luật Phí và lệ phí.”\nLuật số 35/2018/QH14 sửa đổi, bổ "
        "sung một số điều của 37 luật có liên quan đến quy hoạch có căn cứ ban hành như sau:\n“Căn "
        "cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật sửa đổi, bổ "
        "sung một số điều có liên quan đến quy hoạch của Luật Giao thông đường bộ số 23/2008/QH12, "
        "Luật Tài nguyên nước số 17/2012/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số "
        "08/2017/QH14, Luật Đất đai số 45/2013/QH13.”",
        {
            ("@self", "cites", "97/2015/QH13", False),
            ("@self", "cites", "35/2018/QH14", False),
            ("97/2015/QH13", "based_on", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", True),
            ("35/2018/QH14", "based_on", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", True),
            ("35/2018/QH14", "amends", "23/2008/QH12", True),
            ("35/2018/QH14", "amends", "17/2012/QH13", True),
            ("35/2018/QH14", "amends", "45/2013/QH13", True),
            ("35/2018/QH14", "cites", "08/2017/QH14", True),
            ("08/2017/QH14", "amends", "17/2012/QH13", True),
        },
    ),
    (  # a law named by the initials of its name's syllables is the law of the one name that
        # fits: the text's own first ("Luật BVMT" after "Luật Bảo vệ môi trường")
        "Căn cứ Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020;\nCác sở xây dựng văn bản hướng "
        "dẫn và triển khai thi hành Luật BVMT.",
        {
            ("@self", "based_on", "72/2020/QH14", False),
            ("@self", "implements", "72/2020/QH14", False),
        },
    ),
    (  # … else the registry's, of the year given ("Luật ĐĐ": Đất đai and Đê điều; of 2013, one)
        "Doanh nghiệp tính tiền chậm đóng theo khoản 3 Điều 122 Luật BHXH năm 2014 và được bồi "
        "thường theo Luật ĐĐ năm 2013.",
        {("@self", "cites", "58/2014/QH13", False), ("@self", "cites", "45/2013/QH13", False)},
    ),
    (  # … and no name of that year fits (nor any name: "Luật PPP"): left as cited
        "Doanh nghiệp tính tiền chậm đóng theo Luật TTNT năm 2014 và Luật PPP năm 2020.",
        {("@self", "cites", "Luật TTNT", False), ("@self", "cites", "Luật PPP", False)},
    ),
    (  # a known name runs on to the longest known name: not "Luật Đầu tư" (61/2020/QH14)
        "Căn cứ Nghị định số 35/2021/NĐ-CP ngày 29/3/2021 của Chính phủ quy định chi tiết và hướng "
        "dẫn thi hành Luật Đầu tư theo phương thức\nđối tác công tư.",
        {
            ("@self", "based_on", "35/2021/NĐ-CP", False),
            ("35/2021/NĐ-CP", "guides", "64/2020/QH14", True),
        },
    ),
    (  # ... and no further than a name the registry knows ("theo kế hoạch" is not in a name)
        "Sở Kế hoạch và Đầu tư triển khai Luật Đầu tư theo kế hoạch của tỉnh.",
        {("@self", "implements", "61/2020/QH14", False)},
    ),
    (  # nor past the end of a parenthesis or sentence ("Luật Đầu tư) CÔNG" is no "Luật Đầu tư công")
        "Các sở lập báo cáo (Khoản 2 Điều 26 Luật Đầu tư) CÔNG KHAI trên cổng thông tin.",
        {("@self", "cites", "61/2020/QH14", False)},
    ),
    (  # a draft law's title is no document; each law it lists is a name of its own, not one
        # running on to the deadline's date
        "Bộ Công Thương chủ trì xây dựng dự án Luật sửa đổi, bổ sung một số điều của Luật Thương "
        "mại, Luật Cạnh tranh, Luật Quản lý ngoại thương theo quy định, trình Chính phủ trước ngày "
        "10 tháng 7 năm 2022.",
        {
            ("@self", "cites", "36/2005/QH11", False),
            ("@self", "cites", "05/2017/QH14", False),
        },
    ),
]


# "Điều chỉnh (một số nội dung) (tại) <a document>" changes that document: an amendment. The
# ordinary sense ("điều chỉnh giá", "phạm vi điều chỉnh") changes no document.
ADJUSTS: list[tuple[str, set[Edge]]] = [
    (
        "Điều chỉnh một số nội dung tại Quyết định số 215/QĐ-UBND ngày 10/02/2023 của Ủy ban nhân "
        "dân tỉnh về danh mục dự án đầu tư công.",
        {("@self", "amends", "215/QĐ-UBND", False)},
    ),
    (
        "Ủy ban nhân dân tỉnh điều chỉnh Kế hoạch số 88/KH-UBND ngày 03/4/2023 về phát triển du lịch "
        "như sau:",
        {("@self", "amends", "88/KH-UBND", False)},
    ),
    (  # what stands in X (a provision, a purpose, an area) is changed: X is amended
        "Điều chỉnh mục đích sử dụng đất tại Quyết định số 1420/QĐ-UBND ngày 12/5/2020 của Ủy ban "
        "nhân dân tỉnh.",
        {("@self", "amends", "1420/QĐ-UBND", False)},
    ),
    (
        "Điều chỉnh khoản 2 Điều 1 và Điều 3 tại Quyết định số 3307/QĐ-UBND ngày 18/11/2021 của Ủy "
        "ban nhân dân tỉnh như sau:",
        {("@self", "amends", "3307/QĐ-UBND", False)},
    ),
    (  # a thing X approved is not X
        "Điều chỉnh dự án đã được phê duyệt tại Quyết định số 512/QĐ-UBND ngày 02/3/2022 của Ủy ban "
        "nhân dân tỉnh.",
        {("@self", "cites", "512/QĐ-UBND", False)},
    ),
    (
        "Việc điều chỉnh giá thực hiện theo quy định tại Nghị định số 85/2024/NĐ-CP ngày 10/7/2024 của "
        "Chính phủ.",
        {("@self", "cites", "85/2024/NĐ-CP", False)},
    ),
    (
        "Các đơn vị điều chỉnh giá dịch vụ theo quy định tại Thông tư số 45/2021/TT-BTC ngày "
        "18/6/2021 của Bộ trưởng Bộ Tài chính.",
        {("@self", "cites", "45/2021/TT-BTC", False)},
    ),
    (  # a heading, then the text's own scope
        "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định chi tiết khoản 3 Điều 12 Nghị định số "
        "24/2024/NĐ-CP ngày 27/02/2024 của Chính phủ.",
        {("@self", "guides", "24/2024/NĐ-CP", False)},
    ),
    (  # X's own provisions, named before X without "tại"
        "Điều chỉnh Điều 2, Điều 3 Quyết định số 3161/QĐ-UBND ngày 05/11/2018 của Ủy ban nhân dân "
        "tỉnh.",
        {("@self", "amends", "3161/QĐ-UBND", False)},
    ),
    (  # a long name of what stands in X (an annexed list)
        "Điều chỉnh danh mục quỹ đất do Nhà nước quản lý trên địa bàn tỉnh kèm theo Quyết định số "
        "702/QĐ-UBND ngày 20/3/2019 của Ủy ban nhân dân tỉnh đối với một số khu đất.",
        {("@self", "amends", "702/QĐ-UBND", False)},
    ),
    (  # "các Quyết định số: X … và Y": each
        "Điều chỉnh mục đích sử dụng đất tại các Quyết định số: 3120/QĐ-UBND ngày 28/12/2018 và "
        "915/QĐ-UBND ngày 03/4/2020 của Ủy ban nhân dân tỉnh đối với dự án khu nhà ở.",
        {("@self", "amends", "3120/QĐ-UBND", False), ("@self", "amends", "915/QĐ-UBND", False)},
    ),
    (  # what a provision of X governs is no change to X
        "Đối tượng điều chỉnh theo khoản 1 Điều 2 Nghị định số 45/2021/NĐ-CP ngày 31/3/2021 của "
        "Chính phủ được hỗ trợ.",
        {("@self", "cites", "45/2021/NĐ-CP", False)},
    ),
    (  # an unnumbered decision is a thing adjusted, not a document amended
        "Nhà đầu tư đề xuất điều chỉnh quyết định chủ trương đầu tư theo quy định tại Nghị định số "
        "31/2021/NĐ-CP ngày 26/3/2021 của Chính phủ.",
        {("@self", "cites", "31/2021/NĐ-CP", False)},
    ),
    (
        "Đối tượng thuộc phạm vi điều chỉnh của Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính "
        "phủ được hỗ trợ.",
        {("@self", "cites", "15/2020/NĐ-CP", False)},
    ),
    (  # the clause's change verb reaches what a document issued however long its name, past
        # the citation that name holds ("… Chương trình … thực hiện Nghị quyết A … kèm theo … X")
        "Điều 2. Điều chỉnh nhiệm vụ tại số thứ tự thứ 3 mục II của Phụ lục danh mục các nhiệm vụ "
        "triển khai Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 "
        "tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng "
        "tạo và chuyển đổi số quốc gia kèm theo Chương trình hành động của Chính phủ tại Nghị quyết "
        "số 71/NQ-CP ngày 01 tháng 4 năm 2025 như sau:\n1. Tên nhiệm vụ: Xây dựng đề án.",
        {("@self", "amends", "71/NQ-CP", False), ("@self", "implements", "57-NQ/TW", False)},
    ),
    (  # a plan made to fit what X issued changes nothing of X
        "Điều 2. Các bộ xây dựng kế hoạch phù hợp với Chương trình hành động của Chính phủ thực hiện "
        "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển "
        "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia kèm theo Chương trình hành "
        "động của Chính phủ tại Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025.",
        {("@self", "cites", "71/NQ-CP", False), ("@self", "implements", "57-NQ/TW", False)},
    ),
]


# A heading that names a section's topic ("Điều 9. Trách nhiệm thực hiện", "TỔ CHỨC THỰC HIỆN")
# is no cue of the citation on the next line, a footnote's or the body's.
HEADINGS: list[tuple[str, set[Edge]]] = [
    (
        "Điều 9. Trách nhiệm thực hiện\n4 Khoản này được sửa đổi tại khoản 2 Điều 3 của Thông tư số "
        "08/2023/TT-BTC ngày 10/02/2023.\nCác sở chịu trách nhiệm.",
        {("@self", "cites", "08/2023/TT-BTC", False)},
    ),
    (
        "TỔ CHỨC THỰC HIỆN\nKế hoạch số 45/KH-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh hết hiệu lực.",
        {("@self", "repeals", "45/KH-UBND", False)},
    ),
    (
        "Điều 5. Tổ chức thực hiện\nQuyết định số 77/QĐ-UBND ngày 04/01/2021 của Ủy ban nhân dân tỉnh "
        "được công bố công khai.",
        {("@self", "cites", "77/QĐ-UBND", False)},
    ),
    (  # the heading's cue with its object on the same line still carries it out
        "Điều 5. Tổ chức thực hiện Quyết định số 77/QĐ-UBND ngày 04/01/2021 của Ủy ban nhân dân tỉnh",
        {("@self", "implements", "77/QĐ-UBND", False)},
    ),
]


# Coordinated verbs share their subject: "Thông tư này thay thế A <title> và bãi bỏ B, C" —
# the text repeals B and C, not A; a verb of A's own title stays A's.
COORDINATED: list[tuple[str, set[Edge]]] = [
    (  # a verb in A's title does not type the next member of the list: it is A's
        "Nghị định này thay thế Nghị định số 07/2014/NĐ-CP ngày 24/11/2014 của Chính phủ hướng "
        "dẫn một số nội dung về giám định tư pháp và Nghị định số 12/2015/NĐ-CP ngày 27/10/2015 "
        "của Chính phủ hướng dẫn về quy chuẩn chuyên môn.",
        {
            ("@self", "replaces", "07/2014/NĐ-CP", False),
            ("@self", "replaces", "12/2015/NĐ-CP", False),
        },
    ),
    (  # a member with a description of its own does not share the next member's: only B
        # details the law
        "Sửa đổi, bổ sung một số điều của Nghị định số 68/2026/NĐ-CP quy định về chính sách thuế "
        "đối với hộ kinh doanh và Nghị định số 320/2025/NĐ-CP quy định chi tiết một số điều của "
        "Luật Thuế thu nhập doanh nghiệp số 67/2025/QH15.",
        {
            ("@self", "amends", "68/2026/NĐ-CP", False),
            ("@self", "amends", "320/2025/NĐ-CP", False),
            ("320/2025/NĐ-CP", "guides", "67/2025/QH15", True),
        },
    ),
    (  # … while members with none share it
        "Sửa đổi, bổ sung một số điều của Nghị định số 68/2026/NĐ-CP và Nghị định số "
        "320/2025/NĐ-CP quy định chi tiết một số điều của Luật Thuế thu nhập doanh nghiệp số "
        "67/2025/QH15.",
        {
            ("@self", "amends", "68/2026/NĐ-CP", False),
            ("@self", "amends", "320/2025/NĐ-CP", False),
            ("68/2026/NĐ-CP", "guides", "67/2025/QH15", True),
            ("320/2025/NĐ-CP", "guides", "67/2025/QH15", True),
        },
    ),
    (
        "Quyết định này thay thế Quyết định số 120/QĐ-UBND ngày 15/01/2020 của Ủy ban nhân dân tỉnh "
        "về quy chế làm việc và bãi bỏ Quyết định số 33/QĐ-UBND ngày 02/3/2021, Quyết định số "
        "41/QĐ-UBND ngày 10/3/2021 của Ủy ban nhân dân tỉnh.",
        {
            ("@self", "replaces", "120/QĐ-UBND", False),
            ("@self", "repeals", "33/QĐ-UBND", False),
            ("@self", "repeals", "41/QĐ-UBND", False),
        },
    ),
    (  # a verb in the title of a listed text is that text's; a circular guides no circular of
        # its own ministry, so the next member goes on the amending text's list
        "Thông tư số 09/2024/TT-BTC ngày 30 tháng 7 năm 2024 của Bộ trưởng Bộ Tài chính sửa đổi, bổ "
        "sung một số điều của Thông tư số 26/2016/TT-BTC ngày 01 tháng 9 năm 2016 của Bộ trưởng Bộ "
        "Tài chính hướng dẫn thực hiện quản lý lao động và Thông tư số 27/2016/TT-BTC ngày 01 tháng 9 "
        "năm 2016 của Bộ trưởng Bộ Tài chính hướng dẫn thực hiện chế độ tiền lương.",
        {
            ("@self", "cites", "09/2024/TT-BTC", False),
            ("09/2024/TT-BTC", "amends", "26/2016/TT-BTC", True),
            ("09/2024/TT-BTC", "amends", "27/2016/TT-BTC", True),
        },
    ),
    (
        "Căn cứ Thông tư số 12/2021/TT-BTC ngày 08/02/2021 của Bộ trưởng Bộ Tài chính sửa đổi Thông tư "
        "số 30/2018/TT-BTC ngày 28/3/2018 và bãi bỏ Thông tư số 31/2018/TT-BTC ngày 28/3/2018.",
        {
            ("@self", "based_on", "12/2021/TT-BTC", False),
            ("12/2021/TT-BTC", "amends", "30/2018/TT-BTC", True),
            ("12/2021/TT-BTC", "repeals", "31/2018/TT-BTC", True),
        },
    ),
    (  # "(sau đây gọi tắt là A)" names A again and ends A's description: B goes on the list of
        # A, not of A's guide (A guides a topic)
        "Căn cứ Thông tư số 05/2016/TT-BTC ngày 01/9/2016 của Bộ trưởng Bộ Tài chính hướng dẫn thực "
        "hiện chế độ tiền lương trong công ty (sau đây gọi tắt là Thông tư số 05/2016/TT-BTC) và "
        "Thông tư số 06/2016/TT-BTC ngày 01/9/2016 của Bộ trưởng Bộ Tài chính hướng dẫn thực hiện "
        "chế độ tiền thưởng (sau đây gọi tắt là Thông tư số 06/2016/TT-BTC).",
        {
            ("@self", "based_on", "05/2016/TT-BTC", False),
            ("@self", "based_on", "06/2016/TT-BTC", False),
        },
    ),
    (  # the alias of the guide's object: the next member is guided too
        "Căn cứ Thông tư số 05/2016/TT-BTC ngày 01/9/2016 của Bộ trưởng Bộ Tài chính hướng dẫn Nghị "
        "định số 51/2016/NĐ-CP ngày 13/6/2016 của Chính phủ (sau đây gọi tắt là Nghị định số "
        "51/2016/NĐ-CP) và Nghị định số 52/2016/NĐ-CP ngày 13/6/2016 của Chính phủ.",
        {
            ("@self", "based_on", "05/2016/TT-BTC", False),
            ("05/2016/TT-BTC", "guides", "51/2016/NĐ-CP", True),
            ("05/2016/TT-BTC", "guides", "52/2016/NĐ-CP", True),
        },
    ),
    (  # "Điều 52 của Luật A và một số điều của Nghị định B": B is on the list of A, in the
        # description of the circular (not a citation of the text's own)
        "Căn cứ Thông tư số 28/2015/TT-BLĐTBXH ngày 31/7/2015 của Bộ trưởng Bộ Lao động - Thương "
        "binh và Xã hội hướng dẫn thực hiện Điều 52 của Luật Việc làm và một số điều của Nghị định số "
        "28/2015/NĐ-CP ngày 12/3/2015 của Chính phủ.",
        {
            ("@self", "based_on", "28/2015/TT-BLĐTBXH", False),
            ("28/2015/TT-BLĐTBXH", "guides", "38/2013/QH13", True),
            ("28/2015/TT-BLĐTBXH", "guides", "28/2015/NĐ-CP", True),
        },
    ),
    (  # "và <cue> …" returns to the citing text: that member is the text's own
        "Căn cứ Thông tư số 28/2015/TT-BLĐTBXH ngày 31/7/2015 của Bộ trưởng Bộ Lao động - Thương "
        "binh và Xã hội hướng dẫn thực hiện Điều 52 của Luật Việc làm và thực hiện một số điều của "
        "Nghị định số 28/2015/NĐ-CP ngày 12/3/2015 của Chính phủ.",
        {
            ("@self", "based_on", "28/2015/TT-BLĐTBXH", False),
            ("28/2015/TT-BLĐTBXH", "guides", "38/2013/QH13", True),
            ("@self", "implements", "28/2015/NĐ-CP", False),
        },
    ),
]


# A task table of an action programme, flattened one cell a line (task | lead agency | result |
# deadline | basis): a cue reaches a document only within its own cell, and the column heading
# "Căn cứ \nbổ sung", repeated at a page break into a cell, is no preamble.
_TASK_HEAD = (
    "TT\nTên nhiệm vụ\nCơ quan \nchủ trì\nKết quả\nThời gian \nhoàn thành\nCăn cứ \nbổ sung\n"
)
TASK_TABLES: list[tuple[str, set[Edge]]] = [
    (
        _TASK_HEAD + "5 \nXây dựng Đề án phát triển mạng lưới chuyên gia pháp lý\nBộ Tư pháp\n"
        "Quyết định của Thủ tướng Chính phủ phê duyệt \nTháng \n8/2026 \nNghị quyết \nsố "
        "66-NQ/TW \n6 \nBáo cáo tình hình rà soát, sửa đổi, bãi bỏ \nQuý IV/2026 \nChương \n"
        "trình số 12-CTr/BCĐ \n",
        {("@self", "cites", "66-NQ/TW", False), ("@self", "cites", "12-CTR/BCĐ", False)},
    ),
    (  # in its own cell the cue still types the document
        _TASK_HEAD + "5 \nTổ chức thực hiện Nghị quyết số 66-NQ/TW \nBộ Tư pháp\nTháng \n8/2026 \n",
        {("@self", "implements", "66-NQ/TW", False)},
    ),
    (
        _TASK_HEAD + "tư nhân theo Nghị quyết số 68-NQ/TW của Bộ Chính trị \nBộ Tài chính\n",
        {("@self", "cites", "68-NQ/TW", False)},
    ),
    (
        "Căn cứ Nghị quyết số 68-NQ/TW ngày 04 tháng 5 năm 2025 của Bộ Chính trị;\nỦy ban nhân dân "
        "tỉnh đề nghị:",
        {("@self", "based_on", "68-NQ/TW", False)},
    ),
]


@pytest.mark.parametrize(
    ("body", "expected"),
    SCOPE
    + REPORTED
    + MEANING
    + NAMED_ACTS
    + NOT_DOCUMENTS
    + LAW_VERSIONS
    + ADJUSTS
    + HEADINGS
    + COORDINATED
    + TASK_TABLES,
)
def test_edges_of_a_sentence(body: str, expected: set[Edge]) -> None:
    assert edges(body) == expected


# A decision announcing lists (công bố danh mục, kết quả hệ thống hóa) changes nothing it lists:
# the rows' relations are the listed documents' (reported); the decision cites them.
ANNOUNCEMENT = """BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 412/QĐ-BTC Hà Nội, ngày 10 tháng 02 năm 2024

QUYẾT ĐỊNH
Về việc công bố Danh mục văn bản quy phạm pháp luật hết hiệu lực thuộc lĩnh vực tài chính

BỘ TRƯỞNG BỘ TÀI CHÍNH

{body}
"""
ANNOUNCED: list[tuple[str, set[Edge]]] = [
    (  # a column head repeated on the next page ("Lý do hết hiệu lực", "Ngày hết hiệu lực")
        # inside a row's title states no repeal: the title's own verb types it
        "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản hết hiệu lực một phần.\nSTT\n"
        "Văn bản hết hiệu lực một phần\nLý do hết hiệu lực\nNgày hết hiệu lực\n1\nThông tư số "
        "21/2023/TT-BTC ngày 05/4/2023 của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung một số\nSTT\nVăn "
        "bản hết hiệu lực một phần\nLý do hết hiệu lực\nNgày hết hiệu lực\nđiều của Thông tư số "
        "40/2018/TT-BTC ngày 12/3/2018 của Bộ trưởng Bộ Tài chính\n01/6/2023",
        {
            ("@self", "cites", "21/2023/TT-BTC", False),
            ("21/2023/TT-BTC", "amends", "40/2018/TT-BTC", True),
        },
    ),
    (  # a column header "Ngày hết hiệu lực" and a row title's "hướng dẫn" are no acts of the decision
        "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản hết hiệu lực.\n"
        "STT\nVăn bản hết hiệu lực\nLý do hết hiệu lực\nNgày hết\nhiệu lực\n1\nThông tư số "
        "15/2019/TT-BTC ngày 20/3/2019 của Bộ trưởng Bộ Tài chính hướng dẫn Nghị định số "
        "40/2018/NĐ-CP ngày 12/3/2018 của Chính phủ\nHết thời hạn áp dụng\n20/5/2023\n2\nThông tư "
        "số 16/2019/TT-BTC ngày 22/3/2019 của Bộ trưởng Bộ Tài chính về phí thẩm định\nĐược thay "
        "thế bởi Thông tư số 21/2023/TT-BTC ngày 05/4/2023 của Bộ trưởng Bộ Tài chính\n20/5/2023",
        {
            ("@self", "cites", "15/2019/TT-BTC", False),
            ("@self", "cites", "16/2019/TT-BTC", False),
            ("@self", "cites", "21/2023/TT-BTC", False),
            ("15/2019/TT-BTC", "guides", "40/2018/NĐ-CP", True),
            ("21/2023/TT-BTC", "replaces", "16/2019/TT-BTC", True),
        },
    ),
    (  # a row's note stays in its row: the next row's document is not what the note corrects
        "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản còn hiệu lực.\n"
        "STT\nTên văn bản\nGhi chú\n1\nThông tư\nSố 31/2017/TT-BTC\nngày 14/4/2017\nQuy định về phí "
        "thẩm định\n01/6/2017\nĐã được đính chính tại Quyết \nđịnh số 702/QĐ-BTC \nngày 02/6/2017 của "
        "Bộ Tài chính\nvề việc đính chính Thông tư\nban hành quy định phí\n2 \nThông tư \nSố "
        "32/2017/TT-BTC \nngày 15/4/2017\nQuy định về lệ phí cấp phép\n01/6/2017",
        {
            ("@self", "cites", "31/2017/TT-BTC", False),
            ("@self", "cites", "32/2017/TT-BTC", False),
            ("@self", "cites", "702/QĐ-BTC", False),
            ("702/QĐ-BTC", "corrects", "31/2017/TT-BTC", True),
        },
    ),
    (  # the same with the row's number lost (a blank line): the type cell over its "Số …" cell
        "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản còn hiệu lực.\n"
        "Thông tư\nSố 31/2017/TT-BTC\nngày 14/4/2017\nQuy định về phí thẩm định\nĐã được đính chính "
        "tại Quyết định số 702/QĐ-BTC ngày 02/6/2017 về việc đính chính Thông tư\n \nThông tư \nSố "
        "32/2017/TT-BTC \nngày 15/4/2017\nQuy định về lệ phí cấp phép",
        {
            ("@self", "cites", "31/2017/TT-BTC", False),
            ("@self", "cites", "32/2017/TT-BTC", False),
            ("@self", "cites", "702/QĐ-BTC", False),
            ("702/QĐ-BTC", "corrects", "31/2017/TT-BTC", True),
        },
    ),
    (  # a row's note in its own cell is of the row's document, not of one its title names
        "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản hết hiệu lực.\n"
        "STT\nTên văn bản\nGhi chú\n1\nQuyết định số 58/2008/QĐ-TTg ngày 05/5/2008 của Thủ tướng "
        "Chính phủ sửa đổi, bổ sung một số điều của Quyết định số 91/TTg ngày 12/3/1995 của Thủ tướng "
        "Chính phủ về hỗ trợ hộ nghèo\nĐược bãi bỏ bởi Quyết định số 25/2022/QĐ-TTg ngày 20/10/2022",
        {
            ("@self", "cites", "58/2008/QĐ-TTG", False),
            ("@self", "cites", "25/2022/QĐ-TTG", False),
            ("58/2008/QĐ-TTG", "amends", "91/TTG", True),
            ("25/2022/QĐ-TTG", "repeals", "58/2008/QĐ-TTG", True),
        },
    ),
    (  # the row's title ends a clause (";", "."), or has a verb of its own ("điều chỉnh"):
        # the note in the next cell is still of the row's text
        "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản hết hiệu lực.\nSTT\nVăn bản hết "
        "hiệu lực\nLý do hết hiệu lực\nNgày hết \nhiệu lực\n1 \nThông tư số 03/2017/TT-BLĐTBXH "
        "ngày 01/3/2017 \ncủa Bộ trưởng quy định về quy trình xây dựng chương trình; tổ chức biên "
        "soạn giáo trình\nĐược thay thế bởi Thông tư số 01/2024/ \nTT-BLĐTBXH ngày 19/02/2024 của "
        "Bộ trưởng \n05/4/2024 \n2 \nNghị định số 42/2023/NĐ-CP ngày 29/6/2023 của \nChính phủ "
        "điều chỉnh lương hưu, trợ cấp bảo hiểm xã hội\nĐược thay thế bởi Nghị định số 75/2024/ \n"
        "NĐ-CP ngày 30/6/2024 của Chính phủ \n01/7/2024 \n",
        {
            ("@self", "cites", "03/2017/TT-BLĐTBXH", False),
            ("@self", "cites", "01/2024/TT-BLĐTBXH", False),
            ("@self", "cites", "42/2023/NĐ-CP", False),
            ("@self", "cites", "75/2024/NĐ-CP", False),
            ("01/2024/TT-BLĐTBXH", "replaces", "03/2017/TT-BLĐTBXH", True),
            ("75/2024/NĐ-CP", "replaces", "42/2023/NĐ-CP", True),
        },
    ),
    (  # row numbers lost (blank lines): a row's text opens a line after one, not a title's
        # citation ("… của Thông tư \n26/2016"); a passive of several verbs is of its first
        # ("sửa đổi"); a section's heading ends the row (its text lost, the note names none)
        "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản hết hiệu lực một phần.\nSTT Văn "
        "bản hết hiệu lực một phần Nội dung, quy định hết hiệu lực Lý do hết hiệu lực\n \nThông tư "
        "số 27/2016/TT-BLĐTBXH \nngày 01/9/2016 của Bộ trưởng hướng dẫn chế độ tiền lương\n- Điều "
        "4, Điều 5 \nĐược sửa đổi, bổ sung, thay thế, bãi bỏ \nbởi Thông tư số 06/2024/TT-BLĐTBXH "
        "\nngày 30/7/2024 sửa đổi, bổ \nsung một số điều của Thông tư \n26/2016/TT-BLĐTBXH ngày "
        "01/9/2016 \n15/9/2024 \n \nThông tư số 32/2016/TT-BLĐTBXH \nngày 25/10/2016 của Bộ "
        "trưởng hướng dẫn quản lý lao động\n- Điều 5, Điều 6 \nĐược sửa đổi, bổ sung bởi Thông tư "
        "số \n12/2024/TT-BLĐTBXH ngày 14/11/2024 \n29/12/2024 \nV. LĨNH VỰC BẢO TRỢ XÃ HỘI \n"
        "Điểm a Khoản 1 Điều 8 \nĐược thay thế bởi Nghị định 104/2022/ \nNĐ-CP ngày 21/12/2022 của "
        "Chính phủ \n",
        {
            ("@self", "cites", "27/2016/TT-BLĐTBXH", False),
            ("@self", "cites", "06/2024/TT-BLĐTBXH", False),
            ("@self", "cites", "32/2016/TT-BLĐTBXH", False),
            ("@self", "cites", "12/2024/TT-BLĐTBXH", False),
            ("@self", "cites", "104/2022/NĐ-CP", False),
            ("06/2024/TT-BLĐTBXH", "amends", "27/2016/TT-BLĐTBXH", True),
            ("06/2024/TT-BLĐTBXH", "amends", "26/2016/TT-BLĐTBXH", True),
            ("12/2024/TT-BLĐTBXH", "amends", "32/2016/TT-BLĐTBXH", True),
        },
    ),
    (  # a row's last cell (a date) and its masked number: the next row's text is in no
        # description of the last row's note ("… về việc bãi bỏ một số văn bản …")
        "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản hết hiệu lực.\nSTT\nVăn bản hết "
        "hiệu lực\nLý do hết hiệu lực\nNgày hết \nhiệu lực\n  \nNghị định số 88/2018/NĐ-CP ngày "
        "15/6/2018 của \nChính phủ về việc điều chỉnh lương hưu\nĐược bãi bỏ bởi Nghị định số "
        "110/2022/NĐ-CP \nngày 30/12/2022 của Chính phủ về việc bãi bỏ \nmột số văn bản quy phạm "
        "pháp luật của Chính phủ \n30/12/2022 \n  \nNghị định số 108/2021/NĐ-CP ngày 07/12/2021 "
        "của \nChính phủ về việc điều chỉnh lương hưu\nĐược thay thế bởi Nghị định số "
        "42/2023/NĐ-CP \nngày 29/6/2023 quy định điều chỉnh lương hưu \n14/8/2023 \n",
        {
            ("@self", "cites", "88/2018/NĐ-CP", False),
            ("@self", "cites", "110/2022/NĐ-CP", False),
            ("@self", "cites", "108/2021/NĐ-CP", False),
            ("@self", "cites", "42/2023/NĐ-CP", False),
            ("110/2022/NĐ-CP", "repeals", "88/2018/NĐ-CP", True),
            ("42/2023/NĐ-CP", "replaces", "108/2021/NĐ-CP", True),
        },
    ),
    (  # a law named in the row's title ends at the note's line
        "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản hết hiệu lực.\nSTT\nVăn bản hết "
        "hiệu lực\nLý do hết hiệu lực\nNgày hết \nhiệu lực\n20 \nQuyết định số "
        "1614/2003/QĐ-BLĐTBXH ngày 08/12/2003 \ncủa Bộ trưởng về việc ban hành tiêu chuẩn nghiệp vụ "
        "\ntrong cơ sở chữa bệnh theo Pháp lệnh Xử lý \nvi phạm hành chính \nĐược bãi bỏ bởi Thông "
        "tư số 29/2022/TT-BLĐTBXH \nngày 28/12/2022 của Bộ trưởng \n15/02/2023 \n",
        {
            ("@self", "cites", "1614/2003/QĐ-BLĐTBXH", False),
            ("@self", "cites", "29/2022/TT-BLĐTBXH", False),
            ("29/2022/TT-BLĐTBXH", "repeals", "1614/2003/QĐ-BLĐTBXH", True),
        },
    ),
    (  # what it says of itself stays its own
        "Điều 2. Quyết định này thay thế Quyết định số 120/QĐ-BTC ngày 15/01/2023 của Bộ trưởng Bộ "
        "Tài chính.",
        {("@self", "replaces", "120/QĐ-BTC", False)},
    ),
]


@pytest.mark.parametrize(("body", "expected"), ANNOUNCED)
def test_an_announcement_changes_nothing_it_lists(body: str, expected: set[Edge]) -> None:
    assert edges(body, ANNOUNCEMENT) == expected


# Each edge carries the words that typed it ("cue" in the edge export); a mention has none.
CUES: list[tuple[str, set[tuple[str, str, str, str | None]]]] = [
    (
        "Triển khai thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ về ban hành "
        "Chương trình hành động thực hiện Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị.",
        {
            ("@self", "implements", "50/NQ-CP", "Triển khai thực hiện"),
            ("50/NQ-CP", "implements", "52-NQ/TW", "thực hiện"),
        },
    ),
    (
        "Thông tư số 05/2019/TT-BTC ngày 01/3/2019 hết hiệu lực kể từ ngày Thông tư này có hiệu "
        "lực; theo hướng dẫn tại Công văn số 1906/VPCP-KGVX ngày 23/3/2021.",
        {
            ("@self", "repeals", "05/2019/TT-BTC", "hết hiệu lực"),
            ("@self", "cites", "1906/VPCP-KGVX", None),
        },
    ),
    (
        "[Điều này được sửa đổi, bổ sung bởi Nghị định 127/2005/NĐ-CP]",
        {("127/2005/NĐ-CP", "amends", "@self", "được sửa đổi, bổ sung")},
    ),
]


@pytest.mark.parametrize(("body", "expected"), CUES)
def test_each_edge_says_why(body: str, expected: set[tuple[str, str, str, str | None]]) -> None:
    ex = extract(Source("t/letter.txt", LETTER.format(body=body), "txt"))
    me = ex.document.key

    def name(ref: object) -> str:
        key = getattr(ref, "key")  # noqa: B009
        return "@self" if key == me else getattr(ref, "symbol")  # noqa: B009

    got = {(name(k.subject), k.relation, name(k.object), k.as_json()["cue"]) for k in ex.links}
    assert got == expected


# A bare "Hiến pháp" is the constitution in force at the citing date (the letter is of 2022),
# whatever year another sentence gives another mention; "năm 1992" names that one.
CONSTITUTION = "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"
CONSTITUTIONS: list[tuple[str, set[tuple[str, str, str | None]]]] = [
    (f"Căn cứ {CONSTITUTION};", {("based_on", CONSTITUTION, "2013-11-28")}),
    (
        f"Nghị quyết này căn cứ {CONSTITUTION} năm 1992.\nCăn cứ {CONSTITUTION};",
        {("based_on", CONSTITUTION, "1992"), ("based_on", CONSTITUTION, "2013-11-28")},
    ),
]


def test_with_no_day_printed_the_constitution_is_judged_at_the_numbers_year() -> None:
    undated = LETTER.replace("Kon Tum, ngày 05 tháng 01 năm 2022", "Kon Tum").replace(
        "15/UBND-KGVX", "15/2022/NQ-HĐND"
    )
    ex = extract(Source("t/letter.txt", undated.format(body=f"Căn cứ {CONSTITUTION};"), "txt"))
    assert ex.document.date is None
    assert {(k.relation, k.object.date) for k in ex.links} == {("based_on", "2013-11-28")}


@pytest.mark.parametrize(("body", "expected"), CONSTITUTIONS)
def test_a_bare_constitution_is_the_one_in_force(
    body: str, expected: set[tuple[str, str, str | None]]
) -> None:
    ex = extract(Source("t/letter.txt", LETTER.format(body=body), "txt"))
    assert {(k.relation, k.object.title, k.object.date) for k in ex.links} == expected


# In a decree of 2025: a law named in the description of an older document is the one in force
# then, even when the decree's own preamble dates another law of that name; an undated citation
# ("Luật số 57/2024/QH15") is of its number's year. And of two other documents, none details,
# changes or rests on one issued after it (the reading that says so has misplaced a scope).
DECREE = """CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 161/2025/NĐ-CP Hà Nội, ngày 25 tháng 6 năm 2025

NGHỊ ĐỊNH
Về bảo hiểm xã hội tự nguyện

{body}
"""
IN_TIME: list[tuple[str, set[Edge]]] = [
    (
        "Căn cứ Luật Bảo hiểm xã hội ngày 29 tháng 6 năm 2024;\nChính phủ ban hành Nghị định về bảo "
        "hiểm xã hội tự nguyện.\nĐiều 5. Nghị định số 115/2015/NĐ-CP ngày 11 tháng 11 năm 2015 của "
        "Chính phủ quy định chi tiết một số điều của Luật Bảo hiểm xã hội hết hiệu lực.",
        {
            ("@self", "based_on", "41/2024/QH15", False),
            ("@self", "repeals", "115/2015/NĐ-CP", False),
            ("115/2015/NĐ-CP", "guides", "58/2014/QH13", True),
        },
    ),
    (
        "Điều 3. Quy hoạch được điều chỉnh theo Luật số 57/2024/QH15 sửa đổi, bổ sung một số điều "
        "của Luật Quy hoạch.",
        {
            ("@self", "cites", "57/2024/QH15", False),
            ("57/2024/QH15", "amends", "21/2017/QH14", True),
        },
    ),
    (
        "Điều 4. Thông tư số 20/2016/TT-BTC ngày 03 tháng 02 năm 2016 của Bộ trưởng Bộ Tài chính "
        "hướng dẫn thực hiện Thông tư số 24/2020/TT-BTC.",
        {("@self", "cites", "20/2016/TT-BTC", False)},
    ),
    (  # a list of amending texts ends at one dated no later than the text they amend, or after
        # its "và": what follows is the next text the citing one amends
        "Điều 2. Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 30/2019/NĐ-CP ngày 28 "
        "tháng 3 năm 2019 của Chính phủ quy định về đăng ký tàu cá được sửa đổi, bổ sung bởi Nghị "
        "định số 12/2022/NĐ-CP, Nghị định số 31/2019/NĐ-CP ngày 28 tháng 3 năm 2019 của Chính phủ "
        "quy định về cảng cá.",
        {
            ("@self", "amends", "30/2019/NĐ-CP", False),
            ("@self", "amends", "31/2019/NĐ-CP", False),
            ("@self", "cites", "12/2022/NĐ-CP", False),
            ("12/2022/NĐ-CP", "amends", "30/2019/NĐ-CP", True),
        },
    ),
    (
        "Điều 2. Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 30/2019/NĐ-CP ngày 28 "
        "tháng 3 năm 2019 của Chính phủ quy định về đăng ký tàu cá được sửa đổi, bổ sung bởi Nghị "
        "định số 12/2022/NĐ-CP và Nghị định số 45/2023/NĐ-CP, Nghị định số 90/2020/NĐ-CP ngày 05 "
        "tháng 8 năm 2020 của Chính phủ quy định về cảng cá.",
        {
            ("@self", "amends", "30/2019/NĐ-CP", False),
            ("@self", "amends", "90/2020/NĐ-CP", False),
            ("@self", "cites", "12/2022/NĐ-CP", False),
            ("@self", "cites", "45/2023/NĐ-CP", False),
            ("12/2022/NĐ-CP", "amends", "30/2019/NĐ-CP", True),
            ("45/2023/NĐ-CP", "amends", "30/2019/NĐ-CP", True),
        },
    ),
    (  # a later amender with its own date stays on the list
        "Điều 2. Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 30/2019/NĐ-CP ngày 28 "
        "tháng 3 năm 2019 của Chính phủ quy định về đăng ký tàu cá được sửa đổi, bổ sung bởi Nghị "
        "định số 12/2022/NĐ-CP, Nghị định số 45/2023/NĐ-CP ngày 01 tháng 6 năm 2023 của Chính phủ.",
        {
            ("@self", "amends", "30/2019/NĐ-CP", False),
            ("@self", "cites", "12/2022/NĐ-CP", False),
            ("@self", "cites", "45/2023/NĐ-CP", False),
            ("12/2022/NĐ-CP", "amends", "30/2019/NĐ-CP", True),
            ("45/2023/NĐ-CP", "amends", "30/2019/NĐ-CP", True),
        },
    ),
]


@pytest.mark.parametrize(("body", "expected"), IN_TIME)
def test_a_document_acts_on_what_came_before_it(body: str, expected: set[Edge]) -> None:
    assert edges(body, DECREE) == expected


# A register's row is its document's subject line: "về việc triển khai thực hiện chỉ thị X" is
# the row's own document carrying X out (in a body, "… về việc thực hiện X" describes another).
SUBJECT_LINES: list[tuple[str, set[Edge]]] = [
    (
        "về việc triển khai thực hiện chỉ thị số 03/ct-ttg ngày 25/01/2017 của thủ tướng chính phủ "
        "về tăng cường công tác",
        {("@self", "implements", "03/CT-TTG", False)},
    ),
    (
        "v/v thực hiện thông báo số 146/tb-vpcp ngày 07/4/2020",
        {("@self", "implements", "146/TB-VPCP", False)},
    ),
    (
        "báo cáo về việc thực hiện chỉ thị số 05/ct-ttg ngày 02/6/2017 của thủ tướng chính phủ",
        {("@self", "cites", "05/CT-TTG", False)},
    ),
    (
        "thu hồi khu đất của doanh nghiệp, đồng thời thu hồi quyết định số 2998/qđ-ubnd ngày 26/11/2014 "
        "của ủy ban nhân dân tỉnh",
        {("@self", "repeals", "2998/QĐ-UBND", False)},
    ),
    (
        "điều chỉnh diện tích thuê đất tại khoản 1 điều 1 tại quyết định số 2210/qđ-ubnd ngày "
        "14/8/2019 của ubnd tỉnh",
        {("@self", "amends", "2210/QĐ-UBND", False)},
    ),
    (
        "điều chỉnh hình thức sử dụng đất tại các quyết định số 3061/qđ-ubnd ngày 02/11/2017",
        {("@self", "amends", "3061/QĐ-UBND", False)},
    ),
    (
        "bổ sung danh mục dự án, công trình chuyển mục đích sử dụng đất tại quyết định số "
        "3901/qđ-ubnd ngày 28/12/2018 của ủy ban nhân dân tỉnh",
        {("@self", "amends", "3901/QĐ-UBND", False)},
    ),
    (
        "điều chỉnh danh mục quỹ đất do nhà nước quản lý kèm theo quyết định số 702/qđ-ubnd ngày "
        "20/3/2019 của ubnd tỉnh",
        {("@self", "amends", "702/QĐ-UBND", False)},
    ),
    (  # "… phụ lục kèm theo tại quyết định X": the annex is X's
        "điều chỉnh mục đích sử dụng đất tại phụ lục kèm theo tại quyết định số 4102/qđ-ubnd ngày "
        "30/12/2020 của ủy ban nhân dân tỉnh",
        {("@self", "amends", "4102/QĐ-UBND", False)},
    ),
    (  # … but a thing a decision's rules govern is not the decision
        "điều chỉnh danh mục mua sắm tập trung theo quyết định số 887/qđ-ubnd ngày 04/4/2018",
        {("@self", "cites", "887/QĐ-UBND", False)},
    ),
    (
        "điều chỉnh một số nội dung quyết định 2640/qđ-ubnd ngày 30/8/2020",
        {("@self", "amends", "2640/QĐ-UBND", False)},
    ),
    (
        "bổ sung kinh phí cho các huyện theo quy định tại quyết định số 2731/qđ-ubnd ngày 12/9/2020",
        {("@self", "cites", "2731/QĐ-UBND", False)},
    ),
    (
        "điều chỉnh hình thức nhà nước cho thuê đất tại khoản 1 điều 1 quyết định số 1980/qđ-ubnd "
        "ngày 08/7/2019 của ủy ban nhân dân tỉnh",
        {("@self", "amends", "1980/QĐ-UBND", False)},
    ),
    (
        "điều chỉnh điều 1 quyết định số 2207/qđ-ubnd ngày 11/11/2019 của ubnd tỉnh",
        {("@self", "amends", "2207/QĐ-UBND", False)},
    ),
    (  # a plot's code is no document
        "về việc điều chỉnh diện tích đối với khu đất tại lô a-19-cn và lô b-20-kt thuộc khu công "
        "nghiệp",
        set(),
    ),
    (  # "số:" then a list: each member revoked
        "thu hồi các quyết định số: 2840/qđ-ubnd ngày 24/10/2016, 3310/qđ-ubnd ngày 01/12/2016 và "
        "3019/qđ-ubnd ngày 31/10/2017 của ủy ban nhân dân tỉnh",
        {
            ("@self", "repeals", "2840/QĐ-UBND", False),
            ("@self", "repeals", "3310/QĐ-UBND", False),
            ("@self", "repeals", "3019/QĐ-UBND", False),
        },
    ),
    (  # a list approved by a decision's rules: the decision is not approved
        "ủy quyền ban hành quyết định phê duyệt danh sách và kinh phí hỗ trợ theo quyết định số "
        "24/2021/qđ-ttg",
        {("@self", "cites", "24/2021/QĐ-TTG", False)},
    ),
    (  # a meeting's number, then the body that met: no document
        "kết luận của chủ tịch ubnd tỉnh tại phiên họp thường kỳ tháng 5/2020 - ubnd tỉnh khóa ix và "
        "phiên họp lần thứ 25 - ubnd tỉnh, kỳ họp thứ 4 - hđnd tỉnh",
        set(),
    ),
    (
        "về việc thu hồi đất để thực hiện dự án theo quyết định số 57/qđ-ubnd ngày 02/6/2017",
        {("@self", "cites", "57/QĐ-UBND", False)},
    ),
    (  # a law named in lower case (no citation read) is the first object of A's description's
        # cue; "và B" is its next one: A carries out B
        "triển khai thực hiện chỉ thị số 05/ct-ttg về tăng cường thực hiện luật giao thông đường bộ "
        "và nghị định số 100/2019/nđ-cp của chính phủ",
        {
            ("@self", "implements", "05/CT-TTG", False),
            ("05/CT-TTG", "implements", "100/2019/NĐ-CP", True),
        },
    ),
    (  # … but a directive carries out no provincial plan: "và B" is the row's own
        "triển khai thực hiện chỉ thị số 05/ct-ttg về tăng cường thực hiện luật giao thông đường bộ "
        "và kế hoạch số 12/kh-ubnd ngày 20/01/2020 của ủy ban nhân dân tỉnh",
        {
            ("@self", "implements", "05/CT-TTG", False),
            ("@self", "implements", "12/KH-UBND", False),
        },
    ),
]


@pytest.mark.parametrize(("subject", "expected"), SUBJECT_LINES)
def test_a_register_row_is_its_documents_subject_line(
    subject: str, expected: set[Edge], tmp_path: Path
) -> None:
    folder = tmp_path / "binh-duong"
    folder.mkdir()
    path = folder / "register.csv"
    path.write_text(
        f'so_ky_hieu,ngay_ban_hanh,trich_yeu\n15/CT-UBND,03/08/2020,"{subject}"\n', "utf-8"
    )
    (row,) = read_path(path)  # type: ignore[misc]
    assert edges_of(row) == expected


# An annex that lists what the text repeals ("DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT BÃI BỎ TOÀN BỘ",
# "… BÃI BỎ MỘT PHẦN"): the document opening each item is repealed (also after its provisions,
# "Điều 3, khoản 2 Điều 4 Thông tư số X"); one named in an item's title is not. A list of texts
# still to be changed ("… CẦN SỬA ĐỔI, BỔ SUNG, BÃI BỎ") repeals none.
CIRCULAR = """BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 07/2025/TT-BNV Hà Nội, ngày 12 tháng 5 năm 2025

THÔNG TƯ
Bãi bỏ toàn bộ và một phần văn bản quy phạm pháp luật do Bộ trưởng Bộ Nội vụ ban hành

{body}
"""
REPEAL_ANNEXES: list[tuple[str, set[Edge]]] = [
    (
        "Điều 1. Bãi bỏ toàn bộ các văn bản tại Phụ lục I và bãi bỏ một phần các văn bản tại Phụ "
        "lục II ban hành kèm theo Thông tư này.\nĐiều 2. Thông tư này có hiệu lực kể từ ngày 01 "
        "tháng 7 năm 2025.\n\nPhụ lục I\nDANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT BÃI BỎ TOÀN BỘ\n(Kèm "
        "theo Thông tư số 07/2025/TT-BNV ngày 12 tháng 5 năm 2025 của Bộ trưởng Bộ Nội vụ)\n\nI. "
        "Lĩnh vực công chức\n1. Thông tư số 11/2014/TT-BNV ngày 09/10/2014 của Bộ trưởng Bộ Nội vụ "
        "hướng dẫn một số điều của \nNghị định số 24/2010/NĐ-CP ngày 15/3/2010 của Chính phủ.\n2. "
        "Thông tư liên bộ số 31/TT-LB ngày 20/5/1993 của liên Bộ Nội vụ và Bộ Tài chính.\nPhụ lục "
        "II\nDANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT BÃI BỎ MỘT PHẦN\n\nI. Lĩnh vực tiền lương\nĐiều 3, "
        "khoản 2 Điều 4 Thông tư số 05/2016/TT-BNV ngày 10/6/2016 của Bộ trưởng Bộ Nội vụ.\n",
        {
            ("@self", "repeals", "11/2014/TT-BNV", False),
            ("@self", "repeals", "31/TT-LB", False),
            ("@self", "repeals", "05/2016/TT-BNV", False),
            ("11/2014/TT-BNV", "guides", "24/2010/NĐ-CP", True),
        },
    ),
    (
        "Điều 1. Giao các bộ rà soát các văn bản tại Phụ lục kèm theo Thông tư này.\n\nPhụ lục\n"
        "DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT CẦN SỬA ĐỔI, BỔ SUNG, BÃI BỎ\n1. Thông tư số "
        "11/2014/TT-BNV ngày 09/10/2014 của Bộ trưởng Bộ Nội vụ.\n",
        {("@self", "cites", "11/2014/TT-BNV", False)},
    ),
]


@pytest.mark.parametrize(("body", "expected"), REPEAL_ANNEXES)
def test_an_annex_of_repealed_texts_repeals_each_item(body: str, expected: set[Edge]) -> None:
    assert edges(body, CIRCULAR) == expected


# Shapes from the second held-out draw (tests/gold/README.md), each with the row beside it that
# the rule must leave alone: a change said of another text than the citing one (a condition, a
# text as amended, a future text described), and a form's code introduced by "Ký hiệu".
OTHER_ACTORS: list[tuple[str, set[Edge]]] = [
    (  # a condition: the change may come, from a text not yet named
        "Trường hợp Thông tư số 08/2020/TT-BCT được sửa đổi, bổ sung, thay thế thì áp dụng theo "
        "quy định tại Thông tư sửa đổi, bổ sung, thay thế Thông tư số 08/2020/TT-BCT.",
        {("@self", "cites", "08/2020/TT-BCT", False)},
    ),
    (  # the text's own change gives the new wording
        "Khoản 3 Điều 7 Thông tư số 08/2020/TT-BCT được sửa đổi, bổ sung như sau:",
        {("@self", "amends", "08/2020/TT-BCT", False)},
    ),
    (  # "đã được sửa đổi, bổ sung": the decree as amended
        "Việc nộp hồ sơ thực hiện theo quy định tại Điều 8 Nghị định số 45/2016/NĐ-CP đã được sửa "
        "đổi, bổ sung.",
        {("@self", "cites", "45/2016/NĐ-CP", False)},
    ),
    (  # a future text, described, replaces the decree
        "Mức phụ cấp quy định tại Điều này sẽ được thay thế, áp dụng theo văn bản hướng dẫn của cơ "
        "quan có thẩm quyền quy định về chế độ phụ cấp mới đối với cán bộ, công chức thay thế cho "
        "Nghị định số 76/2009/NĐ-CP.",
        {("@self", "cites", "76/2009/NĐ-CP", False)},
    ),
    (
        "Văn bản này thay thế cho Công văn số 123/UBND-KT ngày 02/3/2024 của Ủy ban nhân dân tỉnh.",
        {("@self", "replaces", "123/UBND-KT", False)},
    ),
    (  # "Ký hiệu 03/MTK": the annexed form's code
        "Kho bạc ghi sổ theo dõi tài khoản (Ký hiệu 03/MTK – Phụ lục kèm theo) theo Nghị định số "
        "11/2020/NĐ-CP.",
        {("@self", "cites", "11/2020/NĐ-CP", False)},
    ),
    (
        "Sở Tài chính đã có Công văn số 03/STC ngày 02/3/2024 gửi các đơn vị.",
        {("@self", "cites", "03/STC", False)},
    ),
]


# A ";" list inside a cited text's title: its items are what that title names, not more objects
# of the citing text's verb (a document the text already changes in the sentence is not changed
# again; a verb whose object is a thing, "hủy bỏ bằng tốt nghiệp", takes no document after "và").
TITLE_LISTS: list[tuple[str, set[Edge]]] = [
    (
        "1. Thông tư này có hiệu lực từ ngày 01/3/2026, thay thế Thông tư số 15/2019/TT-BTC ngày "
        "02/4/2019 của Bộ trưởng Bộ Tài chính về việc hướng dẫn mở tài khoản và bãi bỏ Điều 3 Thông "
        "tư số 22/2025/TT-BTC ngày 10/5/2025 của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung một số điều "
        "của Thông tư số 77/2017/TT-BTC ngày 28/7/2017 của Bộ trưởng Bộ Tài chính hướng dẫn chế độ "
        "kế toán; Thông tư số 15/2019/TT-BTC ngày 02/4/2019 của Bộ trưởng Bộ Tài chính hướng dẫn mở "
        "tài khoản; Thông tư số 300/2016/TT-BTC ngày 15/11/2016 của Bộ trưởng Bộ Tài chính quy định "
        "mục lục ngân sách.",
        {
            ("@self", "replaces", "15/2019/TT-BTC", False),
            ("@self", "repeals", "22/2025/TT-BTC", False),
            ("22/2025/TT-BTC", "amends", "77/2017/TT-BTC", True),
            ("22/2025/TT-BTC", "amends", "15/2019/TT-BTC", True),
            ("22/2025/TT-BTC", "amends", "300/2016/TT-BTC", True),
        },
    ),
    (  # nothing changed twice: the item after ";" takes the text's own verb
        "Bãi bỏ Điều 3 Thông tư số 22/2025/TT-BTC ngày 10/5/2025 của Bộ trưởng Bộ Tài chính sửa "
        "đổi, bổ sung một số điều của Thông tư số 77/2017/TT-BTC ngày 28/7/2017 của Bộ trưởng Bộ Tài "
        "chính hướng dẫn chế độ kế toán; Thông tư số 15/2019/TT-BTC ngày 02/4/2019 của Bộ trưởng Bộ "
        "Tài chính hướng dẫn mở tài khoản.",
        {
            ("@self", "repeals", "22/2025/TT-BTC", False),
            ("@self", "repeals", "15/2019/TT-BTC", False),
            ("22/2025/TT-BTC", "amends", "77/2017/TT-BTC", True),
        },
    ),
    (  # a neutral list: the item after ";" is the text's own mention
        "Nhà giáo đạt chuẩn theo quy định tại Thông tư số 08/2017/TT-BLĐTBXH ngày 10 tháng 3 năm "
        "2017 quy định chuẩn về chuyên môn và Thông tư số 21/2020/TT-BLĐTBXH ngày 30 tháng 12 năm 2020 "
        "sửa đổi, bổ sung một số điều của Thông tư số 08/2017/TT-BLĐTBXH ngày 10 tháng 3 năm 2017; "
        "Thông tư số 31/2017/TT-BLĐTBXH ngày 28 tháng 12 năm 2017 quy định về đào tạo vừa làm vừa học.",
        {
            ("@self", "cites", "08/2017/TT-BLĐTBXH", False),
            ("@self", "cites", "21/2020/TT-BLĐTBXH", False),
            ("@self", "cites", "31/2017/TT-BLĐTBXH", False),
            ("21/2020/TT-BLĐTBXH", "amends", "08/2017/TT-BLĐTBXH", True),
        },
    ),
    (  # "hủy bỏ bằng tốt nghiệp" in A's title: a diploma is revoked, B is A's fellow
        "Cấp bằng theo quy định tại Thông tư số 10/2017/TT-BLĐTBXH ngày 13 tháng 3 năm 2017 của Bộ "
        "trưởng Bộ Lao động - Thương binh và Xã hội quy định mẫu bằng tốt nghiệp; in, quản lý, cấp "
        "phát, thu hồi, hủy bỏ bằng tốt nghiệp trung cấp, cao đẳng và Thông tư số 24/2020/TT-BLĐTBXH "
        "ngày 30 tháng 12 năm 2020 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội.",
        {
            ("@self", "cites", "10/2017/TT-BLĐTBXH", False),
            ("@self", "cites", "24/2020/TT-BLĐTBXH", False),
        },
    ),
    (
        "Bãi bỏ Điều 5 Thông tư số 10/2017/TT-BLĐTBXH ngày 13 tháng 3 năm 2017 và Thông tư số "
        "24/2020/TT-BLĐTBXH ngày 30 tháng 12 năm 2020 của Bộ trưởng Bộ Lao động - Thương binh và Xã "
        "hội.",
        {
            ("@self", "repeals", "10/2017/TT-BLĐTBXH", False),
            ("@self", "repeals", "24/2020/TT-BLĐTBXH", False),
        },
    ),
]


# "Căn cứ X <title: sửa đổi … W …> được sửa đổi, bổ sung bởi Y": Y amends W, and the citing text
# stands on X, not on Y, an amender of what X changes (it does on Y when Y amends X itself, or the
# law X details).
AMENDED_IN_A_TITLE: list[tuple[str, set[Edge]]] = [
    (
        "Căn cứ Thông tư số 88/2024/TT-BTC ngày 30 tháng 12 năm 2024 của Bộ trưởng Bộ Tài chính sửa "
        "đổi, bổ sung một số điều của Thông tư số 45/2020/TT-BTC ngày 12 tháng 7 năm 2020 của Bộ "
        "trưởng Bộ Tài chính quy định lộ trình sắp xếp thị trường được sửa đổi, bổ sung bởi Thông tư "
        "số 33/2022/TT-BTC;",
        {
            ("@self", "based_on", "88/2024/TT-BTC", False),
            ("88/2024/TT-BTC", "amends", "45/2020/TT-BTC", True),
            ("33/2022/TT-BTC", "amends", "45/2020/TT-BTC", True),
            ("@self", "cites", "33/2022/TT-BTC", False),
        },
    ),
    (
        "Căn cứ Thông tư số 45/2020/TT-BTC ngày 12 tháng 7 năm 2020 của Bộ trưởng Bộ Tài chính quy "
        "định lộ trình sắp xếp thị trường được sửa đổi, bổ sung bởi Thông tư số 33/2022/TT-BTC;",
        {
            ("@self", "based_on", "45/2020/TT-BTC", False),
            ("33/2022/TT-BTC", "amends", "45/2020/TT-BTC", True),
            ("@self", "based_on", "33/2022/TT-BTC", False),
        },
    ),
    (  # a decree amends no law: the amender's object is the decree heading the description
        "Căn cứ Nghị định số 21/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ quy định chi tiết "
        "một số điều của Luật Quản lý thuế số 78/2006/QH11 được sửa đổi, bổ sung bởi Nghị định số "
        "49/2022/NĐ-CP;",
        {
            ("@self", "based_on", "21/2016/NĐ-CP", False),
            ("21/2016/NĐ-CP", "guides", "78/2006/QH11", True),
            ("49/2022/NĐ-CP", "amends", "21/2016/NĐ-CP", True),
            ("@self", "based_on", "49/2022/NĐ-CP", False),
        },
    ),
]


@pytest.mark.parametrize(("body", "expected"), OTHER_ACTORS + TITLE_LISTS + AMENDED_IN_A_TITLE)
def test_a_change_said_of_another_text(body: str, expected: set[Edge]) -> None:
    assert edges(body) == expected


# A consolidated text's footnote that prints an amending text's preamble with no quotation marks
# and breaks off at its page's end (its last "Căn cứ …" line ends with ";"): its rest, at the foot
# of the next page up to the enacting formula, is the amending text's, not the consolidated one's.
_UNQUOTED_NOTE = (
    "Ủy ban nhân dân tỉnh ban hành Quy định về quản lý.1\n" + FOOT_RULE + "\n1 Nghị định số "
    "30/2021/NĐ-CP ngày 05/4/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
    "10/2019/NĐ-CP có căn cứ ban hành như sau:\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm "
    "2015;\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n15\n\nĐiều 1. Bãi bỏ Quyết định số 71/2005/QĐ-TTg ngày "
    "05/4/2005 của Thủ tướng Chính phủ.\n\nCăn cứ Nghị định số 40/2020/NĐ-CP ngày 06/4/2020 của "
    "Chính phủ;\nTheo đề nghị của Bộ trưởng Bộ Tài chính;\nChính phủ ban hành Nghị định sửa đổi, bổ "
    "sung một số điều của Nghị định số 10/2019/NĐ-CP.\nCÔNG BÁO/Số 12/Ngày 05-01-2022\n16"
)
_ENACTING = (
    "Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số 10/2019/NĐ-CP."
)
UNQUOTED_NOTES: list[tuple[str, set[Edge]]] = [
    (
        _UNQUOTED_NOTE,
        {
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "repeals", "71/2005/QĐ-TTG", False),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "Luật Tổ chức Chính phủ", True),
            ("30/2021/NĐ-CP", "based_on", "40/2020/NĐ-CP", True),
        },
    ),
    (  # the footnote's preamble ends on its page ("….") : the next page's lines are the body's
        _UNQUOTED_NOTE.replace("2015;\n", "2015.\n"),
        {
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "repeals", "71/2005/QĐ-TTG", False),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "Luật Tổ chức Chính phủ", True),
            ("@self", "based_on", "40/2020/NĐ-CP", False),
            ("@self", "amends", "10/2019/NĐ-CP", False),
        },
    ),
    (  # no enacting formula closes the lines: no preamble's rest
        _UNQUOTED_NOTE.replace(_ENACTING, "Điều 2. Quy định này có hiệu lực kể từ ngày ký."),
        {
            ("@self", "cites", "30/2021/NĐ-CP", False),
            ("@self", "repeals", "71/2005/QĐ-TTG", False),
            ("30/2021/NĐ-CP", "amends", "10/2019/NĐ-CP", True),
            ("30/2021/NĐ-CP", "based_on", "Luật Tổ chức Chính phủ", True),
            ("@self", "based_on", "40/2020/NĐ-CP", False),
        },
    ),
]


@pytest.mark.parametrize(("body", "expected"), UNQUOTED_NOTES)
def test_an_unquoted_preamble_cut_by_the_page_goes_on_under_the_next(
    body: str, expected: set[Edge]
) -> None:
    assert edges(body) == expected


# A model document annexed to the text (a national motto with blanks to fill in around it): its
# "Thực hiện quy định của Luật …" is the form's words; an annexed programme under a motto carries
# out what it names.
FORMS: list[tuple[str, set[Edge]]] = [
    (
        "Điều 1. Ban hành kèm theo Thông tư này mẫu kết luận giám định.\nĐiều 2. Thông tư này có "
        "hiệu lực từ ngày ký.\n\nPhụ lục IV\nMẪU KẾT LUẬN GIÁM ĐỊNH TƯ PHÁP\n(Ban hành kèm theo "
        "Thông tư số 07/2025/TT-BNV)\n(1)……………\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do "
        "- Hạnh phúc\nKẾT LUẬN GIÁM ĐỊNH TƯ PHÁP\nThực hiện quy định của Luật Giám định tư pháp số "
        "13/2012/QH13;\nCăn cứ Quyết định số....(3) về việc trưng cầu;\n",
        {("@self", "cites", "13/2012/QH13", False)},
    ),
    (
        "Điều 1. Ban hành kèm theo Thông tư này Chương trình hành động.\nĐiều 2. Thông tư này có "
        "hiệu lực từ ngày ký.\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\n(Ban hành kèm theo Thông tư số 07/2025/TT-BNV)\nThực hiện Nghị quyết "
        "số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Bộ Nội vụ ban hành Chương trình hành động.\n",
        {("@self", "implements", "57-NQ/TW", False)},
    ),
]


@pytest.mark.parametrize(("body", "expected"), FORMS)
def test_an_annexed_model_document_speaks_for_itself(body: str, expected: set[Edge]) -> None:
    assert edges(body, CIRCULAR) == expected
