"""Plans written the ways wards write them, for the importer's corpus tests (tests/plans/test_import_corpus.py).

Every document here was written for these tests (an invented ward, Hoàng Văn Thụ, and invented numbers); only
their layouts follow what wards send: the header as a Word table, typed in columns with tabs or spaces, run
into one line; issued by the Party Committee, a steering committee, the People's Committee or the Fatherland
Front; numbered "I.", "I-", "1.", "1-", "1)", "a)", "-", "+", by a converter, or by Word itself.
"""

import io
import re

from lxml import etree

from .plans import SEED_TEXT, markdown_to_docx

# ---------------------------------------------------------------- headers

PARTY_LEFT = ["ĐẢNG BỘ THÀNH PHỐ BẮC GIANG", "ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ", "*", "Số 32-KH/ĐU"]
PARTY_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hoàng Văn Thụ, ngày 15 tháng 01 năm 2025"]

# Copied from a web page: each row's two cells separated by tabs.
PARTY_TABS_HEADER = (
    "ĐẢNG BỘ THÀNH PHỐ BẮC GIANG\t\t\tĐẢNG CỘNG SẢN VIỆT NAM\n"
    "ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ\t\tHoàng Văn Thụ, ngày 15 tháng 01 năm 2025\n"
    "              *\n"
    "Số 32-KH/ĐU\n\n"
)
# Typed with spaces, two lines per column, the number and the day left blank until the plan is signed.
PARTY_SPACES_BLANK_NUMBER_HEADER = (
    "     ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ                     ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "           Số      -KH/ĐU              Hoàng Văn Thụ, ngày      tháng 01 năm 2025\n\n"
)
# A copy that lost the alignment: both columns run into one line with single spaces.
PARTY_RUN_TOGETHER_HEADER = (
    "ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "* Số 32-KH/ĐU Hoàng Văn Thụ, ngày 15 tháng 01 năm 2025\n\n"
)

# A Word header table converted to Markdown: a pipe table, each cell's lines joined by <br>.
PARTY_PIPE_TABLE_HEADER = (
    "| ĐẢNG BỘ THÀNH PHỐ BẮC GIANG<br>**ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ**<br>\\*<br>Số 32-KH/ĐU "
    "| **ĐẢNG CỘNG SẢN VIỆT NAM**<br>*Hoàng Văn Thụ, ngày 15 tháng 01 năm 2025* |\n"
    "|---|---|\n\n"
)

# ---------------------------------------------------------------- a Party Committee's plan ("I.", "1.", "1.1.", "-")

PARTY_BODY = """\
**KẾ HOẠCH**
**thực hiện công tác dân vận năm 2025**

Căn cứ Kế hoạch số 12-KH/TU ngày 06/01/2025 của Ban Thường vụ Thành ủy về công tác dân vận năm 2025, Đảng ủy \
phường xây dựng Kế hoạch như sau:

**I. MỤC ĐÍCH, YÊU CẦU**

1. Mục đích: Nâng cao chất lượng công tác dân vận của hệ thống chính trị phường.

2. Yêu cầu: Cụ thể hóa nhiệm vụ đến từng đơn vị, rõ người, rõ việc.

**II. NHIỆM VỤ, GIẢI PHÁP**

**1. Thực hiện dân chủ ở cơ sở**

**1.1. Nội dung:** Thực hiện tốt phương châm “Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ \
hưởng”.

**1.2. Giải pháp:**

- UBND phường công khai dự toán ngân sách tại trụ sở và trên loa truyền thanh trước ngày 31/01/2025.
- Ban chỉ đạo Quy chế dân chủ phường kiểm tra việc công khai tại các tổ dân phố hằng quý.
- Ủy ban MTTQ phường phối hợp với Hội Cựu chiến binh phường tổ chức hội nghị đối thoại với nhân dân trong tháng \
6/2025.

**2. Phát huy vai trò Tổ dân vận cộng đồng**

**2.1. Nội dung:** Củng cố Tổ dân vận cộng đồng ở cả bốn tổ dân phố.

**2.2. Giải pháp:**

- Các Tổ dân vận cộng đồng ra quân vệ sinh môi trường vào sáng Chủ nhật hằng tuần.
- Ban chỉ đạo Tổ dân vận cộng đồng phường xếp loại các Tổ dân vận cộng đồng trước ngày 15/12/2025.

**III. TỔ CHỨC THỰC HIỆN**

1. Khối Dân vận Đảng ủy theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp kết quả báo cáo Ban Thường vụ \
Đảng ủy trước ngày 15 của tháng cuối quý.

2. Các chi bộ trực thuộc quán triệt Kế hoạch đến đảng viên trước ngày 28/02/2025.

Nơi nhận:
- Ban Dân vận Thành ủy,
- Lưu VPĐU.

**T/M ĐẢNG ỦY**
**BÍ THƯ**

**Trần Văn Minh**
"""


def party_table_docx():
    """The Party Committee's plan in Word, its header a borderless two-column table."""
    return markdown_to_docx(PARTY_BODY, header=(PARTY_LEFT, PARTY_RIGHT))


def party_text(header):
    """The Party Committee's plan as plain text under ``header``."""
    return (header + PARTY_BODY.replace("**", "")).encode()


# ---------------------------------------------------------------- a steering committee's plan (Markdown)

# The left column's lines end with Markdown's hard break (two spaces).
STEERING = "  \n".join([
    "**ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ**", "**BAN CHỈ ĐẠO THỰC HIỆN**", "**QUY CHẾ DÂN CHỦ Ở CƠ SỞ**", "\\*",
    "Số 05-KH/BCĐ",
]) + """

**ĐẢNG CỘNG SẢN VIỆT NAM**

*Hoàng Văn Thụ, ngày 20 tháng 02 năm 2025*

## KẾ HOẠCH

**kiểm tra việc thực hiện dân chủ ở cơ sở năm 2025**

Thực hiện Kế hoạch số 32-KH/ĐU ngày 15/01/2025 của Đảng ủy phường về công tác dân vận năm 2025,

### I- MỤC ĐÍCH, YÊU CẦU

Bảo đảm các nội dung phải công khai được công khai đúng hình thức, đúng thời hạn.

### II- NỘI DUNG KIỂM TRA

**1. Công khai của chính quyền phường**

**1.1. Nội dung:** Việc công khai các nội dung theo Điều 11 Luật Thực hiện dân chủ ở cơ sở.

**1.2. Giải pháp:**

- UBND phường lập danh mục nội dung đã công khai, gửi Ban chỉ đạo trước ngày 10 của tháng cuối quý.
- Công an phường phối hợp với Ban Chỉ huy Quân sự phường kiểm tra việc niêm yết danh sách gọi nhập ngũ \
trong tháng 12/2025.

**2. Hội nghị ở tổ dân phố**

**2.1. Nội dung:** Hội nghị cuối năm của các tổ dân phố.

**2.2. Giải pháp:**

- Các tổ dân phố tổ chức hội nghị cuối năm trước ngày 31/12/2025.

### III- TỔ CHỨC THỰC HIỆN

1. Giao các thành viên Ban chỉ đạo theo dõi địa bàn được phân công, báo cáo kết quả trước ngày 20/12/2025.

Nơi nhận:
- Thường trực Đảng ủy (b/c),
- Lưu.

**TM. BAN CHỈ ĐẠO**
**TRƯỞNG BAN**

**Phạm Quốc Hưng**
"""

# ---------------------------------------------------------------- the People's Committee's plan ("1)", "a)", "+")

PEOPLES_COMMITTEE_HEADER = (
    (["ỦY BAN NHÂN DÂN", "PHƯỜNG HOÀNG VĂN THỤ"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
    (["Số: 18/KH-UBND"], ["Hoàng Văn Thụ, ngày 10 tháng 3 năm 2025"]),
)
PEOPLES_COMMITTEE = [
    ("centre-bold", "KẾ HOẠCH"),
    ("centre-bold", "Xây dựng chính quyền thân thiện năm 2025"),
    ("", "Căn cứ Kế hoạch số 32-KH/ĐU ngày 15/01/2025 của Đảng ủy phường về công tác dân vận năm 2025, Ủy ban nhân "
         "dân phường ban hành Kế hoạch như sau:"),
    ("bold", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("", "Nâng cao sự hài lòng của người dân, tổ chức với bộ phận một cửa của phường."),
    ("bold", "II. NHIỆM VỤ, GIẢI PHÁP"),
    ("bold", "1) Chính quyền thân thiện"),
    ("", "a) Nội dung: Đạt chuẩn “Chính quyền thân thiện” 04 sao."),
    ("", "b) Giải pháp:"),
    ("", "- Công chức bộ phận một cửa đánh giá từng tiêu chí hằng quý."),
    ("", "- Lắp đặt thiết bị đánh giá sự hài lòng tại bộ phận một cửa:"),
    ("", "+ UBND phường mua sắm thiết bị trước ngày 30/4/2025;"),
    ("", "+ Đoàn Thanh niên phường hướng dẫn người dân sử dụng thiết bị."),
    ("bold", "2) Tiếp công dân và đối thoại"),
    ("", "a) Nội dung: Chủ tịch UBND phường tiếp công dân định kỳ."),
    ("", "b) Giải pháp:"),
    ("", "- Chủ tịch UBND phường tiếp công dân vào thứ Năm hằng tuần."),
    ("", "- Tổ chức hội nghị đối thoại với nhân dân trong tháng 9/2025, Ủy ban MTTQ phường phối hợp."),
    ("bold", "III. TỔ CHỨC THỰC HIỆN"),
    ("", "1) Văn phòng HĐND và UBND phường theo dõi, tổng hợp kết quả trước ngày 10/12/2025."),
    ("", "2) Công an phường bảo đảm an ninh trật tự tại các hội nghị đối thoại."),
    ("bold", "TM. ỦY BAN NHÂN DÂN"),
    ("bold", "CHỦ TỊCH"),
    ("bold", "Lê Thị Hoa"),
]

# ---------------------------------------------------------------- the Fatherland Front's plan (tabs, "I-", "1.", "+")

FATHERLAND_FRONT = """\
ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG HOÀNG VĂN THỤ\tĐộc lập - Tự do - Hạnh phúc
Số: 07/KH-MTTQ\tHoàng Văn Thụ, ngày 08 tháng 01 năm 2025

KẾ HOẠCH
Phát huy vai trò Tổ dân vận cộng đồng năm 2025

Thực hiện Kế hoạch số 32-KH/ĐU ngày 15/01/2025 của Đảng ủy phường về công tác dân vận năm 2025,

I- MỤC ĐÍCH, YÊU CẦU
Phát huy vai trò của Mặt trận và các đoàn thể trong Tổ dân vận cộng đồng.

II- NHIỆM VỤ, GIẢI PHÁP
1. Tổ dân vận cộng đồng và tổ liên gia
1.1. Nội dung: Mỗi tổ dân phố có một Tổ dân vận cộng đồng hoạt động hiệu quả.
1.2. Giải pháp:
- Hội Liên hiệp Phụ nữ phường vận động hộ gia đình tham gia tổ liên gia, hoàn thành trước ngày 30/6/2025.
- Tổ dân phố số 1 và Tổ dân phố số 2 tổ chức ra quân Chủ nhật xanh vào sáng Chủ nhật hằng tuần.
2. Tuyên truyền phòng chống lừa đảo qua mạng
2.1. Nội dung: Người dân nhận diện thủ đoạn lừa đảo qua mạng.
2.2. Giải pháp:
- Đoàn Thanh niên phường chia sẻ cảnh báo lừa đảo trên nhóm zalo tổ liên gia hằng tháng.

III- TỔ CHỨC THỰC HIỆN
1. Ban Thường trực Ủy ban MTTQ phường tổng hợp kết quả, báo cáo Đảng ủy trước ngày 15 của tháng cuối quý.

TM. BAN THƯỜNG TRỰC
CHỦ TỊCH
Nguyễn Văn Bình
"""

# ---------------------------------------------------------------- the seed numbered "1-" and "1.1-"


def seed_numbered_with_dashes():
    """The 2024 seed plan with every item numbered "1-", "1.1-" instead of "1.", "1.1."."""
    return re.sub(r"(?m)^(\W*)(\d(?:\.\d)?)\. ", r"\1\2- ", SEED_TEXT)


# ---------------------------------------------------------------- headings numbered by a converter

# Exported with outline numbering on: the converter's number before the plan's own.
CONVERTED_KEEPING_OWN_NUMBERS = """\
ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ\t\tĐẢNG CỘNG SẢN VIỆT NAM
Số 40-KH/ĐU\t\tHoàng Văn Thụ, ngày 02 tháng 4 năm 2025

## 0.1 KẾ HOẠCH

**tổ chức Tháng dân vận năm 2025**

# 1 I- MỤC ĐÍCH, YÊU CẦU

Tôn vinh các mô hình “Dân vận khéo” tiêu biểu.

# 2 II- NHIỆM VỤ, GIẢI PHÁP

## 2.1 1. Phong trào thi đua “Dân vận khéo”

### 2.1.1 1.1. Nội dung: Đăng ký mô hình có chỉ tiêu đo được.

### 2.1.2 1.2. Giải pháp:

- Khối Dân vận Đảng ủy thẩm định đăng ký mô hình trước ngày 31/5/2025.
- Tổ chức biểu dương mô hình tiêu biểu trong tháng 10/2025.

# 3 III- TỔ CHỨC THỰC HIỆN

1. Khối Dân vận Đảng ủy tổng hợp kết quả trước ngày 15/11/2025.
"""

# Exported from a Word file numbered automatically: the converter's numbers are the only ones left.
CONVERTED_ONLY_NUMBERS = """\
ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ\t\tĐẢNG CỘNG SẢN VIỆT NAM
Số 41-KH/ĐU\t\tHoàng Văn Thụ, ngày 03 tháng 4 năm 2025

0.1 KẾ HOẠCH
công tác tôn giáo năm 2025

1 MỤC ĐÍCH, YÊU CẦU
Không để phát sinh điểm nóng về tôn giáo trên địa bàn.

2 NHIỆM VỤ, GIẢI PHÁP
2.1 Quản lý hoạt động tôn giáo, tín ngưỡng
2.1.1 Nội dung: Nắm chắc tình hình các cơ sở tôn giáo.
2.1.2 Giải pháp:
- UBND phường rà soát hồ sơ đất đai của các cơ sở tôn giáo trước ngày 30/9/2025.
- Ban chỉ đạo công tác tôn giáo phường nắm tình hình hoạt động tôn giáo hằng tháng.

3 TỔ CHỨC THỰC HIỆN
3.1 Các chi bộ báo cáo tình hình tôn giáo trước ngày 15 của tháng cuối quý.
"""

# ---------------------------------------------------------------- Word's own numbering (numbering.xml)

WORD_NUMBERED = [
    ("centre-bold", "KẾ HOẠCH"),
    ("centre-bold", "phòng chống lừa đảo qua mạng năm 2025"),
    ("", "Căn cứ Kế hoạch số 32-KH/ĐU ngày 15/01/2025 của Đảng ủy phường về công tác dân vận năm 2025,"),
    ("section", "MỤC ĐÍCH, YÊU CẦU"),
    ("", "Người dân nhận diện được các thủ đoạn lừa đảo."),
    ("section", "NHIỆM VỤ, GIẢI PHÁP"),
    ("area", "Tuyên truyền trong khu dân cư"),
    ("block", "Nội dung: Mỗi hộ gia đình nhận được cảnh báo."),
    ("block", "Giải pháp:"),
    ("bullet", "Công an phường tuyên truyền trên loa truyền thanh hằng tuần vào thứ Hai."),
    ("bullet", "Các Tổ dân vận cộng đồng chia sẻ cảnh báo trên nhóm zalo tổ liên gia trước ngày 30/6/2025."),
    ("area", "Tuyên truyền trong đoàn viên, hội viên"),
    ("block", "Nội dung: Đoàn viên, hội viên là người tuyên truyền."),
    ("block", "Giải pháp:"),
    ("bullet", "Hội Liên hiệp Phụ nữ phường tổ chức nói chuyện chuyên đề trong quý III/2025."),
    ("section", "TỔ CHỨC THỰC HIỆN"),
    ("list-number", "Khối Dân vận Đảng ủy theo dõi, đôn đốc việc thực hiện."),
    ("list-number", "Công an phường báo cáo kết quả trước ngày 15/12/2025."),
]
WORD_NUMBERED_HEADER = ((PARTY_LEFT, PARTY_RIGHT),)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# One outline list as Word writes it: sections "I.", areas "1.", blocks "1.1.".
_OUTLINE = f"""\
<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
</w:abstractNum>"""
OUTLINE_LEVELS = {"section": 0, "area": 1, "block": 2, "letter-block": 3}
# The same plan, its "Nội dung" and "Giải pháp" lettered by Word: "a)", "b)".
WORD_LETTERED = [("letter-block" if kind == "block" else kind, text) for kind, text in WORD_NUMBERED]


def _numbered(paragraph, num_id, level):
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = etree.SubElement(ppr, f"{{{_W}}}numPr")
    etree.SubElement(num_pr, f"{{{_W}}}ilvl").set(f"{{{_W}}}val", str(level))
    etree.SubElement(num_pr, f"{{{_W}}}numId").set(f"{{{_W}}}val", str(num_id))


def build_docx(paragraphs, header_rows=()):
    """A .docx of ``paragraphs`` ((kind, text): "", "bold", "centre-bold", "bullet", "list-number" (Word's List
    Number style), "h1" / "h2" / "h3" (Word's Heading styles), or "section" / "area" / "block" / "letter-block"
    numbered by an outline list in numbering.xml: "I.", "1.", "1.1.", "a)"; "area-restarted-at-3": that list's
    level 1 restarted at 3), under a
    borderless header table of ``header_rows`` ((left lines, right lines) per row)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, etree.fromstring(_OUTLINE))
    num = etree.SubElement(numbering, f"{{{_W}}}num")
    num.set(f"{{{_W}}}numId", "90")
    etree.SubElement(num, f"{{{_W}}}abstractNumId").set(f"{{{_W}}}val", "90")
    # The same list restarted by Word ("Restart at 3"): a num of its own with a start override.
    restarted = etree.SubElement(numbering, f"{{{_W}}}num")
    restarted.set(f"{{{_W}}}numId", "91")
    etree.SubElement(restarted, f"{{{_W}}}abstractNumId").set(f"{{{_W}}}val", "90")
    override = etree.SubElement(restarted, f"{{{_W}}}lvlOverride")
    override.set(f"{{{_W}}}ilvl", "1")
    etree.SubElement(override, f"{{{_W}}}startOverride").set(f"{{{_W}}}val", "3")
    if header_rows:
        table = document.add_table(rows=len(header_rows), cols=2)
        for row, cells in zip(table.rows, header_rows, strict=True):
            for cell, lines in zip(row.cells, cells, strict=True):
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    for kind, text in paragraphs:
        if kind in ("h1", "h2", "h3"):
            paragraph = document.add_heading(level=int(kind[1]))
        elif kind == "bullet":
            paragraph = document.add_paragraph(style="List Bullet")
        elif kind == "list-number":
            paragraph = document.add_paragraph(style="List Number")
        else:
            paragraph = document.add_paragraph()
        if kind in OUTLINE_LEVELS:
            _numbered(paragraph, 90, OUTLINE_LEVELS[kind])
        elif kind == "area-restarted-at-3":
            _numbered(paragraph, 91, 1)
        run = paragraph.add_run(text)
        run.bold = kind in ("bold", "centre-bold", "section", "area") or None
        if kind == "centre-bold":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- a title wrapped by a converter (plain text)

WRAPPED_TITLE = """\
ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ\t\tĐẢNG CỘNG SẢN VIỆT NAM
Số 04-KH/ĐU\t\tHoàng Văn Thụ, ngày 05 tháng 12 năm 2023

KẾ HOẠCH
thực hiện công tác dân vận
năm 2024

Căn cứ Kế hoạch số 140-KH/TU ngày 29/11/2023 của Ban Thường vụ Thành ủy,

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả công tác dân vận.

II. NHIỆM VỤ, GIẢI PHÁP
1. Dân vận chính quyền
- UBND phường tổ chức tập huấn kỹ năng dân vận cho công chức trong tháng 3/2024.
- Hội Cựu chiến binh phường tham gia hòa giải ở cơ sở hằng quý.

III. TỔ CHỨC THỰC HIỆN
1. Khối Dân vận Đảng ủy báo cáo kết quả trước ngày 15/12/2024.
"""

# Sections, groups and blocks set by Word's Heading styles alone, with no number in their text.
STYLED_HEADINGS = [
    ("h1", "KẾ HOẠCH"),
    ("centre-bold", "chăm lo Tết cho người cao tuổi năm 2026"),
    ("", "Căn cứ Kế hoạch số 32-KH/ĐU ngày 15/01/2025 của Đảng ủy phường về công tác dân vận năm 2025,"),
    ("h1", "MỤC ĐÍCH, YÊU CẦU"),
    ("", "Không để người cao tuổi nào không có Tết."),
    ("h1", "NHIỆM VỤ, GIẢI PHÁP"),
    ("h2", "Thăm hỏi, tặng quà"),
    ("h3", "Nội dung: Thăm hỏi người cao tuổi neo đơn."),
    ("h3", "Giải pháp:"),
    ("bullet", "Hội Người cao tuổi phường lập danh sách người cao tuổi neo đơn trước ngày 10/01/2026."),
    ("bullet", "Hội Liên hiệp Phụ nữ phường phối hợp với Đoàn Thanh niên phường tổ chức thăm hỏi trong tháng 02/2026."),
    ("h1", "TỔ CHỨC THỰC HIỆN"),
    ("", "Khối Dân vận Đảng ủy theo dõi, tổng hợp kết quả trước ngày 28/02/2026."),
]
