"""A file that is not a plan, or not yet one, is refused with what it seems to be or what it lacks, in the
official's words: a report or a decision uploaded by mistake, a letter, a plan whose sections have no tasks yet,
a damaged Word file (never the name of a Python exception)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.importer import UnitCatalogue, UnreadableFile, import_upload
from plans.models import Plan, PlanImportDraft
from tests.support.plans import SEED_TEXT, markdown_to_docx

REPORT = """\
**ĐẢNG BỘ THÀNH PHỐ BẮC GIANG**
**ĐẢNG ỦY PHƯỜNG AN HÒA**

Số 04-BC/ĐU

## BÁO CÁO
**Kết quả thực hiện công tác dân vận quý I năm 2024**

### I. KẾT QUẢ ĐẠT ĐƯỢC

1. Khối Dân vận Đảng ủy đã tổ chức hội nghị chuyên đề về công tác dân vận.
2. UBND phường tổ chức đối thoại với nhân dân.

### II. HẠN CHẾ

- Một số Tổ dân vận cộng đồng hoạt động chưa hiệu quả.

### III. NHIỆM VỤ, GIẢI PHÁP QUÝ II

- UBND phường tiếp tục khảo sát sự hài lòng của người dân hằng quý.
"""

DECISION = """\
ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA
Số: 12/QĐ-UBND

QUYẾT ĐỊNH
Về việc kiện toàn Ban Chỉ đạo Tổ dân vận cộng đồng phường

CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA

Căn cứ Luật Tổ chức chính quyền địa phương;

QUYẾT ĐỊNH:

Điều 1. Kiện toàn Ban Chỉ đạo Tổ dân vận cộng đồng phường gồm các ông, bà có tên sau.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
"""

PARTY_LETTER = """\
ĐẢNG ỦY PHƯỜNG AN HÒA
Số 45-CV/ĐU
V/v triển khai Tháng dân vận năm 2024

Kính gửi: Các chi bộ trực thuộc

Thực hiện chỉ đạo của Ban Dân vận Thành ủy, Đảng ủy phường đề nghị các chi bộ:
- Tổ chức biểu dương mô hình “Dân vận khéo” trong tháng 10.
"""

STATE_LETTER = """\
ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA
Số: 123/UBND-VP
V/v báo cáo kết quả khảo sát sự hài lòng

Kính gửi: Các tổ dân phố

UBND phường đề nghị các tổ dân phố báo cáo trước ngày 15/3/2024.
"""

NO_TASKS_YET = """\
## KẾ HOẠCH
**thực hiện công tác dân vận năm 2025**

### I. MỤC ĐÍCH, YÊU CẦU

Nâng cao hiệu quả công tác dân vận trong thực hiện nhiệm vụ chính trị của phường.

### II. NHIỆM VỤ, GIẢI PHÁP

(Các đơn vị bổ sung sau.)
"""


def refusal(name, content):
    with pytest.raises(UnreadableFile) as refused:
        import_upload(name, content, UnitCatalogue.demo())
    return str(refused.value)


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("bao-cao-quy-1.md", REPORT, "Tệp này là một báo cáo, không phải kế hoạch (dòng 4: “BÁO CÁO”)."),
    ("quyet-dinh.txt", DECISION, "Tệp này là một quyết định, không phải kế hoạch (dòng 3: “QUYẾT ĐỊNH”)."),
    ("cong-van.txt", PARTY_LETTER, "Tệp này là một công văn, không phải kế hoạch (dòng 2: “Số 45-CV/ĐU”)."),
    ("cong-van-ubnd.txt", STATE_LETTER, "Tệp này là một công văn, không phải kế hoạch (dòng 3: “V/v báo cáo kết "
                                        "quả khảo sát sự hài lòng”)."),
])
def test_another_kind_of_document_is_named(name, text, expected):
    message = refusal(name, text.encode())

    assert message.startswith(expected)
    assert message.endswith("Hãy tải lên văn bản kế hoạch, có tiêu đề “KẾ HOẠCH”.")


def test_a_report_in_word_is_named_too():
    message = refusal("bao-cao.docx", markdown_to_docx(REPORT))

    assert message.startswith("Tệp này là một báo cáo, không phải kế hoạch")


def test_a_plan_that_cites_reports_and_decisions_is_still_a_plan():
    # The seed names "Quyết định số 294-QĐ/TU" and reports in its body: its title says it is a plan.
    result = import_upload("ke-hoach.md", SEED_TEXT.encode(), UnitCatalogue.demo())

    assert sum(len(area["tasks"]) for area in result.data["areas"]) == 25


def test_a_plan_without_tasks_yet_says_so():
    message = refusal("ke-hoach-2025.md", NO_TASKS_YET.encode())

    assert message == (
        "Tệp “ke-hoach-2025.md” có tiêu đề “Kế hoạch thực hiện công tác dân vận năm 2025” và các phần "
        "“I. Mục đích, yêu cầu”; “II. Nhiệm vụ, giải pháp” nhưng chưa có nhiệm vụ nào dưới các phần đó. Hãy ghi các "
        "nhiệm vụ, giải pháp (đánh số 1., 1.1. hoặc gạch đầu dòng) trong phần “Nhiệm vụ, giải pháp” hoặc “Tổ chức "
        "thực hiện” rồi tải lên lại."
    )


def broken_docx():
    """A real .docx whose document.xml was cut off half way (a copy interrupted, a crashed save)."""
    source = zipfile.ZipFile(io.BytesIO(markdown_to_docx(SEED_TEXT)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            archive.writestr(item, content)
    return out.getvalue()


def test_a_damaged_word_file_is_refused_in_words_without_the_exception():
    message = refusal("ke-hoach.docx", broken_docx())

    assert message == ("Không đọc được nội dung văn bản Word “ke-hoach.docx”: tệp bị hỏng hoặc không được lưu đúng "
                       "định dạng Word. Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi tải lên lại.")
    assert "Error" not in message and "(" not in message


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "expected"), [
    ("bao-cao.md", REPORT.encode(), "Tệp này là một báo cáo, không phải kế hoạch"),
    ("ke-hoach.docx", broken_docx(), "tệp bị hỏng hoặc không được lưu đúng định dạng Word"),
    ("ke-hoach-2025.md", NO_TASKS_YET.encode(), "nhưng chưa có nhiệm vụ nào dưới các phần đó"),
])
def test_the_upload_page_shows_the_reason_and_keeps_nothing(ward_a, client_for, name, content, expected):
    client = client_for(ward_a.users["bloc"])

    response = client.post(reverse("plans:plan_import"), {"file": SimpleUploadedFile(name, content)})

    html = response.content.decode()
    assert response.status_code == 400
    assert expected in html and "XMLSyntaxError" not in html
    assert Plan.objects.count() == 0 and not PlanImportDraft.objects.exists()
