"""Importing a plan from the document officials write: the seed plan as Markdown and .docx, plans of other
shapes, and the upload → preview → correct → save flow in the browser views."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from plans.importer import UnitCatalogue, UnreadableFile, describe_flag, import_text, import_upload, read_text
from plans.importer.structure import DERIVED_TITLE_LIMIT, TITLE_LIMIT, short_title
from plans.importer.timing import read_timing
from plans.importer.units import propose_units
from plans.loader import SEED_PLAN, load_plan, read_seed_plan
from plans.models import Plan, PlanImportDraft, Recurrence, Task
from tests.support.plans import (
    ANOTHER_YEAR,
    ANOTHER_YEAR_HEADER,
    ANOTHER_YEAR_MARKDOWN_HEADER,
    SEED_TEXT,
    UPLOAD,
    markdown_to_docx,
    preview_form_data,
    seed_docx,
    stored_draft,
    upload_plan_file,
)

SHIPPED = json.loads(SEED_PLAN.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- comparing with the shipped data

TASK_FIELDS = ("lead", "recurrence", "due_date", "recurrence_weekday", "recurrence_day", "recurrence_month",
               "source")


def assert_same_plan(imported, shipped):
    """Item by item: plan fields, basis, limitations, focus tasks, areas, and every task."""
    for key in ("code", "title", "issuer", "place", "issued_on", "starts_on", "ends_on", "purpose", "requirements",
                "signer_name", "signer_title", "recipients"):
        assert imported[key] == shipped[key], key
    assert [(d["code"], d["issued_on"], d["issuer"], d["title"]) for d in imported["basis"]] == [
        (d["code"], d["issued_on"], d["issuer"], d["title"]) for d in shipped["basis"]
    ]
    assert [(i["number"], i["text"], i["pointed_out_by"]) for i in imported["limitations"]] == [
        (i["number"], i["text"], i["pointed_out_by"]) for i in shipped["limitations"]
    ]
    assert [(i["number"], i["text"]) for i in imported["focus_tasks"]] == [
        (i["number"], i["text"]) for i in shipped["focus_tasks"]
    ]
    assert [(a["number"], a["kind"], a["title"], a["content"], len(a["tasks"])) for a in imported["areas"]] == [
        (a["number"], a["kind"], a["title"], a["content"], len(a["tasks"])) for a in shipped["areas"]
    ]
    for area, shipped_area in zip(imported["areas"], shipped["areas"], strict=True):
        for task, expected in zip(area["tasks"], shipped_area["tasks"], strict=True):
            where = expected["source"]
            for field in TASK_FIELDS:
                assert task.get(field) == expected.get(field), (where, field)
            assert set(task["supporting"]) == set(expected["supporting"]), where
            assert task["lead"] not in task["supporting"], where
            assert task["description"] == expected["description"], where


def test_seed_markdown_imports_to_the_shipped_data():
    imported = import_text(SEED_TEXT, UnitCatalogue.demo())

    assert_same_plan(imported, SHIPPED)
    assert sum(len(a["tasks"]) for a in imported["areas"]) == 25


def test_seed_docx_imports_to_the_shipped_data():
    result = import_upload("ke-hoach-dan-van-2024.docx", seed_docx(), UnitCatalogue.demo())

    assert result.source_format == "docx"
    assert_same_plan(result.data, SHIPPED)


def test_seed_imports_the_same_against_a_wards_own_units(ward_a):
    imported = import_text(SEED_TEXT, UnitCatalogue.for_ward(ward_a.ward))

    assert_same_plan(imported, SHIPPED)


def test_each_task_knows_its_lines_and_what_was_flagged():
    imported = import_text(SEED_TEXT, UnitCatalogue.demo())
    tasks = {t["source"]: t for a in imported["areas"] for t in a["tasks"]}
    # The spans number the lines as the preview shows them (read_text's line model, blank lines left out).
    lines = {line.number: line.text for line in read_text(SEED_TEXT)}

    def source(task):
        return " ".join(lines[n] for n in range(task["span"]["first"], task["span"]["last"] + 1))

    training = tasks["III.1.2 – ý 4"]
    assert training["span"]["first"] == training["span"]["last"]
    assert source(training).startswith("UBND phường phối hợp với Khối Dân vận Đảng ủy hàng năm tổ chức tập huấn "
                                       "chuyên đề về công tác dân vận")
    for where, task in tasks.items():
        if where == "II.1.3":  # derived from the limitation: its line is the limitation's
            assert source(task).startswith("1.3. Hoạt động của một số Tổ dân vận cộng đồng"), where
        else:
            assert source(task).endswith(task["description"]), where
    assert tasks["IV.1"]["due_date"] == "2024-03-10"
    # "Ban Tổ chức Đảng ủy" is not a unit of the ward: flagged, not guessed.
    democracy = tasks["III.4.2 – ý 1"]
    assert [f["text"] for f in democracy["flags"] if f["kind"] == "unknown_unit"] == ["Ban Tổ chức Đảng ủy"]
    # "giao ban định kỳ" gives no frequency: flagged, proposed without a due date.
    assert any(f["kind"] == "timing" and f["reason"] == "no_frequency" for f in tasks["III.1.2 – ý 1"]["flags"])
    assert tasks["III.1.2 – ý 1"]["recurrence"] == "once"
    # No unit named: the plan's owner leads, and the preview says so.
    assert tasks["III.3.2 – ý 1"]["lead"] == "khoi-dan-van"
    assert any(f["kind"] == "owner_default" for f in tasks["III.3.2 – ý 1"]["flags"])


def test_green_sunday_comes_from_the_limitation_that_names_a_weekly_timing():
    imported = import_text(SEED_TEXT, UnitCatalogue.demo())
    community = next(a for a in imported["areas"] if a["kind"] == "community_groups")
    green_sunday = community["tasks"][-1]

    assert green_sunday["source"] == "II.1.3"
    assert green_sunday["recurrence"] == "weekly" and green_sunday["recurrence_weekday"] == 6
    assert green_sunday["lead"] == "bcd-tdvcd"
    assert set(green_sunday["supporting"]) == {"tdp-1", "tdp-2", "tdp-3", "tdp-4"}
    assert green_sunday["description"].startswith("Khắc phục hạn chế 1.3:")
    assert {"kind": "derived", "from": "limitations", "number": "1.3"} in green_sunday["flags"]
    # The limitations without a recurring timing give no task.
    assert not any(t["source"] in ("II.1.1", "II.1.2") for a in imported["areas"] for t in a["tasks"])


def test_read_seed_plan_is_the_import_with_the_reviewed_titles(ward_b):
    data = read_seed_plan()

    assert_same_plan(data, SHIPPED)
    shipped_titles = [t["title"] for a in SHIPPED["areas"] for t in a["tasks"]]
    assert [t["title"] for a in data["areas"] for t in a["tasks"]] == shipped_titles
    plan = load_plan(data, ward_b.ward)
    assert plan.tasks.count() == 25
    assert read_seed_plan() is not data  # every caller gets its own copy


# ---------------------------------------------------------------- timing and units, one rule at a time

@pytest.mark.parametrize(("text", "expected"), [
    ("báo cáo xong trước ngày 10/3/2024.", {"recurrence": "once", "due_date": "2024-03-10"}),
    ("hoàn thành trước ngày 30/6.", {"recurrence": "once", "due_date": "2025-06-30"}),
    ("định kỳ hằng quý kiểm điểm", {"recurrence": "quarterly", "recurrence_month": 3, "recurrence_day": 31}),
    ("định kỳ hàng quý kiểm điểm", {"recurrence": "quarterly", "recurrence_month": 3, "recurrence_day": 31}),
    ("hàng năm tổ chức tập huấn", {"recurrence": "yearly", "recurrence_month": 12, "recurrence_day": 31}),
    ("Hằng năm, xếp loại", {"recurrence": "yearly", "recurrence_month": 12, "recurrence_day": 31}),
    ("biểu dương trong tháng 10 (Tháng dân vận hàng năm)", {"recurrence": "in_month", "recurrence_month": 10}),
    ("ra quân vào sáng Chủ nhật hằng tuần", {"recurrence": "weekly", "recurrence_weekday": 6}),
    ("tuần tra tối thứ Bảy hằng tuần", {"recurrence": "weekly", "recurrence_weekday": 5}),
    ("hàng quý báo cáo (trước ngày 15 của tháng cuối quý)",
     {"recurrence": "quarterly", "recurrence_month": 3, "recurrence_day": 15}),
    ("tổng hợp trước ngày 5 hằng tháng", {"recurrence": "monthly", "recurrence_day": 5}),
    ("tuyên truyền trong quý II/2025", {"recurrence": "once", "due_date": "2025-06-30"}),
    ("thăm hỏi trong tháng 9/2025", {"recurrence": "once", "due_date": "2025-09-30"}),
    ("thường xuyên tuyên truyền", {"recurrence": "once"}),
    ("Tổ chức thực hiện nghiêm túc", {"recurrence": "once"}),
])
def test_timing_of_the_text(text, expected):
    assert read_timing(text, 2025).fields() == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("hoàn thành trước Tết Nguyên đán", "unreadable"),
    ("trước ngày 31/02/2025", "invalid_date"),
    ("định kỳ 6 tháng một lần", "unsupported"),
    ("trong tháng 13", "invalid_month"),
    ("dọn vệ sinh hằng tuần", "no_weekday"),
    ("giao ban định kỳ", "no_frequency"),
])
def test_timing_that_cannot_be_read_is_flagged(text, reason):
    timing = read_timing(text, 2025)

    assert reason in {flag["reason"] for flag in timing.flags}
    assert timing.due_date is None


@pytest.mark.parametrize(("text", "title"), [
    # A cited document by its type and number; the clause ends at ";".
    ("Thực hiện nghiêm túc Quyết định số 294-QĐ/TU ngày 28/2/2022 của Ban Thường vụ Thành ủy về việc ban hành "
     "“Quy chế công tác dân vận”; thực hiện có nền nếp việc giao ban định kỳ.",
     "Thực hiện nghiêm túc Quyết định số 294-QĐ/TU"),
    # An aside in brackets is left out; the clause ends at the sentence.
    ("rà soát tiêu chí chính quyền thân thiện (theo Bộ tiêu chí của UBND tỉnh) để xây dựng kế hoạch. Hằng quý "
     "kiểm điểm.", "Rà soát tiêu chí chính quyền thân thiện để xây dựng kế hoạch"),
    # Too long: cut on a word boundary, not on "và", with "…".
    ("Tăng cường phổ biến, quán triệt Luật dân chủ, quy chế dân chủ phù hợp với từng loại hình cơ sở và tuyên "
     "truyền sâu rộng trong nhân dân",
     "Tăng cường phổ biến, quán triệt Luật dân chủ, quy chế dân chủ phù hợp với từng loại hình cơ sở…"),
    # A quotation is not cut in the middle.
    ("Luôn đề cao quyền, lợi ích cho nhân dân với phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám "
     "sát, dân thụ hưởng”", "Luôn đề cao quyền, lợi ích cho nhân dân với phương châm…"),
])
def test_a_short_title_is_proposed_from_the_first_clause(text, title):
    proposed = short_title(text)

    assert proposed == title
    assert len(proposed) <= TITLE_LIMIT


def test_every_task_of_the_seed_gets_a_short_title_of_its_own():
    imported = import_text(SEED_TEXT, UnitCatalogue.demo())
    titles = {t["source"]: t["title"] for a in imported["areas"] for t in a["tasks"]}

    derived = titles.pop("II.1.3")
    assert all(0 < len(title) <= TITLE_LIMIT for title in titles.values()), titles
    assert len(titles) == 24 and len(set(titles.values())) == 24
    assert titles["III.1.2 – ý 1"] == "Thực hiện nghiêm túc Quyết định số 294-QĐ/TU"  # "Các chi bộ … thực hiện …"
    assert titles["III.5.2 – ý 1"] == "Làm tốt công tác quản lý nhà nước về tôn giáo, tín ngưỡng trên địa bàn"
    assert titles["IV.5"] == "Đôn đốc, hướng dẫn, kiểm tra việc thực hiện kế hoạch"
    # From limitation 1.3, which names the weekly work late in its sentence: a longer title keeps it.
    assert derived.startswith("Khắc phục hạn chế 1.3: Hoạt động của một số Tổ dân vận cộng đồng")
    assert "Chủ nhật xanh" in derived and len(derived) <= DERIVED_TITLE_LIMIT


@pytest.mark.parametrize(("text", "lead", "supporting"), [
    ("UBND phường phối hợp với Khối Dân vận Đảng ủy tổ chức tập huấn", "ubnd", {"khoi-dan-van"}),
    ("ubnd phuong phoi hop voi khoi dan van dang uy to chuc tap huan", "ubnd", {"khoi-dan-van"}),
    ("UỶ BAN MTTQ VÀ CÁC TỔ CHỨC CT-XH PHƯỜNG phát huy vai trò", "mttq",
     {"doan-tn", "hoi-pn", "hoi-ccb", "cong-doan"}),
    ("Tổ chức giao lưu, do Hội Cựu chiến binh phường chủ trì, phối hợp với Đoàn Thanh niên", "hoi-ccb",
     {"doan-tn"}),
    ("Khối DV hướng dẫn các tổ chức CT-XH phối hợp với BCD thực hiện QCDC phường khảo sát", "khoi-dan-van",
     {"doan-tn", "hoi-pn", "hoi-ccb", "cong-doan", "bcd-qcdc"}),
    ("Các chi bộ trực thuộc chỉ đạo Tổ Dân vận cộng đồng", "dang-uy",
     {"cb-tdp-1", "cb-tdp-2", "cb-tdp-3", "cb-tdp-4", "cb-co-quan"}),
    ("Các Tổ dân vận cộng đồng báo cáo tình hình với Đảng ủy, UBND phường", "bcd-tdvcd",
     {"tdp-1", "tdp-2", "tdp-3", "tdp-4"}),
    ("Chủ tịch UBND tỉnh chỉ đạo; Công an phường, lực lượng vũ trang tuần tra", "cong-an", {"quan-su"}),
    ("Tuyên truyền, vận động nhân dân chấp hành pháp luật", "khoi-dan-van", set()),
])
def test_units_proposed_for_a_solution(text, lead, supporting):
    proposal = propose_units(text, UnitCatalogue.demo())

    assert (proposal.lead, set(proposal.supporting)) == (lead, supporting)


# ---------------------------------------------------------------- plans of other shapes

def _tasks(data):
    return [(area["number"], task) for area in data["areas"] for task in area["tasks"]]


EXTENSIONS = {"markdown": "md", "text": "txt", "docx": "docx"}


@pytest.mark.parametrize("source_format", ["markdown", "text", "docx"])
def test_another_years_plan_with_other_areas_and_units(ward_a, source_format):
    catalogue = UnitCatalogue.for_ward(ward_a.ward)
    if source_format == "docx":
        content = markdown_to_docx(ANOTHER_YEAR, header=ANOTHER_YEAR_HEADER, numbered_implementation=True)
        result = import_upload("ke-hoach-2025.docx", content, catalogue)
    elif source_format == "markdown":
        content = (ANOTHER_YEAR_MARKDOWN_HEADER + ANOTHER_YEAR).encode()
        result = import_upload("ke-hoach-2025.md", content, catalogue)
    else:
        header = "\n".join(ANOTHER_YEAR_HEADER[0] + ANOTHER_YEAR_HEADER[1]) + "\n\n"
        plain = header + ANOTHER_YEAR.replace("**", "")
        result = import_upload("ke-hoach-2025.txt", plain.encode(), catalogue)
    data = result.data

    assert result.source_format == EXTENSIONS[source_format]
    assert data["code"] == "21-KH/ĐU"
    assert (data["issuer"], data["place"], data["issued_on"]) == ("Đảng ủy phường An Hòa", "An Hòa", "2025-01-20")
    assert not [f for f in data["flags"] if f["kind"] in ("code_missing", "issued_on_missing", "place_inferred")]
    assert data["title"] == "Kế hoạch thực hiện công tác dân vận năm 2025"
    assert (data["starts_on"], data["ends_on"]) == ("2025-01-01", "2025-12-31")
    assert [(d["code"], d["issued_on"], d["title"]) for d in data["basis"]] == [
        ("05-CTr/TU", "2025-01-10", "Về công tác dân vận năm 2025")]
    assert data["purpose"].startswith("Nâng cao hiệu quả công tác dân vận")
    assert (data["signer_title"], data["signer_name"]) == ("Phó Bí thư", "Nguyễn Thị Lan")
    assert [(a["number"], a["kind"]) for a in data["areas"]] == [("1", "other"), ("2", "other"),
                                                                  ("III", "implementation")]
    proposed = [
        (number, t["source"], t["lead"], sorted(t["supporting"]),
         {k: v for k, v in t.items() if k.startswith(("recurrence", "due_date"))})
        for number, t in _tasks(data)
    ]
    assert proposed == [
        ("1", "II.1 – ý 1", "cong-an", ["quan-su"], {"recurrence": "weekly", "recurrence_weekday": 5}),
        ("1", "II.1 – ý 2", "cong-an", [], {"recurrence": "once", "due_date": "2025-06-30"}),
        ("2", "II.2 – ý 1", "hoi-nct", [], {"recurrence": "once", "due_date": "2025-09-30"}),
        ("2", "II.2 – ý 2", "tdp-2", ["cb-co-quan"], {"recurrence": "once", "due_date": "2025-06-30"}),
        ("2", "II.2 – ý 3", "hoi-ccb", ["doan-tn"], {"recurrence": "once"}),
        ("III", "III.1 – ý 1", "mttq", [], {"recurrence": "monthly", "recurrence_day": 5}),
        ("III", "III.1 – ý 2", "mttq", [], {"recurrence": "quarterly", "recurrence_day": 31, "recurrence_month": 3}),
        ("III", "III.2", "khoi-dan-van", [], {"recurrence": "once"}),
    ]
    # A title proposed from each solution's first clause, without the units the lead and supporting fields name.
    assert [t["title"] for _n, t in _tasks(data)] == [
        "Tổ chức tuần tra vào tối thứ Bảy hằng tuần tại các tuyến phố trung tâm",
        "Tuyên truyền phòng chống lừa đảo qua mạng trong quý II/2025",
        "Tổ chức thăm hỏi, chúc thọ người cao tuổi trong tháng 9/2025",
        "Vận động nhân dân đóng góp quỹ khuyến học trước ngày 30/6",
        "Tổ chức giao lưu văn nghệ chào mừng Ngày truyền thống",
        "Tổng hợp ý kiến, kiến nghị của cử tri báo cáo Đảng ủy trước ngày 5 hằng tháng",
        "Giám sát việc thực hiện quy chế dân chủ hằng quý",
        "Theo dõi, đôn đốc việc thực hiện Kế hoạch này",
    ]
    assert not [f for _n, t in _tasks(data) for f in t["flags"] if f["kind"] in ("unknown_unit", "timing")]
    plan = load_plan(data, ward_a.ward)
    assert plan.tasks.count() == 8


UNKNOWNS = """\
## KẾ HOẠCH
**Tổ chức các hoạt động dân vận dịp Tết Nguyên đán năm 2025**

### I. NHIỆM VỤ, GIẢI PHÁP

**1. Chăm lo Tết cho hộ nghèo, gia đình chính sách**

- Hội Khuyến học phường chủ trì trao quà cho học sinh nghèo vượt khó, hoàn thành trước Tết Nguyên đán.
- Trung tâm Văn hóa – Thể thao phường phối hợp với Hội Nông dân phường tổ chức chợ Tết cho người nghèo trước \
ngày 31/02/2025.
- UBND phường rà soát danh sách hộ nghèo định kỳ 6 tháng một lần.

**2. Giữ gìn trật tự đô thị**

- Các Tổ dân phố ra quân dọn vệ sinh hằng tuần.
- Ban Chỉ đạo phường kiểm tra việc treo cờ trong tháng 13.
- Tuyên truyền định kỳ về phòng cháy, chữa cháy.

### II. TỔ CHỨC THỰC HIỆN

1. Khối Dân vận Đảng ủy theo dõi, đôn đốc việc thực hiện.
"""


def test_a_plan_with_unknown_units_and_unreadable_timings_is_flagged(ward_a):
    catalogue = UnitCatalogue.for_ward(ward_a.ward)
    data = import_text(UNKNOWNS, catalogue)
    tasks = [t for _n, t in _tasks(data)]

    def flags(task, kind):
        return [(f.get("text"), f.get("reason") or f.get("role")) for f in task["flags"] if f["kind"] == kind]

    assert flags(tasks[0], "unknown_unit") == [("Hội Khuyến học phường", "lead")]
    assert tasks[0]["lead"] == "khoi-dan-van"  # proposed in its place, and said so
    assert tasks[0]["flags"][0]["replaced_by"] == "khoi-dan-van"
    assert flags(tasks[0], "timing") == [("hoàn thành trước Tết Nguyên đán", "unreadable")]
    assert (tasks[0]["recurrence"], tasks[0].get("due_date")) == ("once", None)

    assert flags(tasks[1], "unknown_unit") == [("Trung tâm Văn hóa – Thể thao phường", "lead"),
                                                ("Hội Nông dân phường", "supporting")]
    assert flags(tasks[1], "timing") == [("trước ngày 31/02/2025", "invalid_date")]

    assert tasks[2]["lead"] == "ubnd"
    assert flags(tasks[2], "timing") == [("định kỳ 6 tháng một lần", "unsupported")]

    assert (tasks[3]["lead"], set(tasks[3]["supporting"])) == ("bcd-tdvcd", {"tdp-1", "tdp-2", "tdp-3", "tdp-4"})
    assert tasks[3]["recurrence"] == "weekly" and "recurrence_weekday" not in tasks[3]
    assert flags(tasks[3], "timing") == [("hằng tuần", "no_weekday")]

    assert flags(tasks[4], "unknown_unit") == [("Ban Chỉ đạo phường", "lead")]
    assert flags(tasks[4], "timing") == [("trong tháng 13", "invalid_month")]

    assert flags(tasks[5], "timing") == [("định kỳ", "no_frequency")]
    assert [f["kind"] for f in tasks[5]["flags"]][0] == "owner_default"

    assert tasks[6]["lead"] == "khoi-dan-van" and not tasks[6]["flags"]
    messages = [describe_flag(f, catalogue) for t in tasks for f in t["flags"]]
    assert "Không khớp đơn vị: “Hội Khuyến học phường” không phải đơn vị nào của phường." in messages[0]
    assert all(messages)


# ---------------------------------------------------------------- files refused

def _zip_without_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return out.getvalue()


BAD_FILES = [
    ("ke-hoach.docx", "Kế hoạch viết tay".encode(), "không phải văn bản Word"),
    ("ke-hoach.docx", _zip_without_document(), "word/document.xml"),
    ("ke-hoach.docx", b"PK\x03\x04 truncated", "bị hỏng"),
    ("ke-hoach.txt", _zip_without_document(), "tệp nén"),
    ("ke-hoach.md", b"%PDF-1.7 ...", "tệp PDF"),
    ("ke-hoach.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "Word 97–2003"),
    ("ke-hoach.pdf", b"%PDF-1.7 ...", "không thuộc loại được nhận"),
    ("ke-hoach.md", b"   \n", "rỗng"),
    ("ke-hoach.txt", "Kế hoạch".encode("utf-16-le"), "không phải văn bản"),
    ("ke-hoach.txt", b"K\xea ho\xe1ch n\xe3m 2024", "UTF-8"),
    ("ghi-chu.md", "Danh sách cán bộ\n- Nguyễn Văn A\n- Trần Thị B\n".encode(), "không thấy cấu trúc"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_unreadable_files_are_refused_with_the_reason(name, content, reason):
    with pytest.raises(UnreadableFile) as refused:
        import_upload(name, content, UnitCatalogue.demo())

    assert reason in str(refused.value)


# ---------------------------------------------------------------- the browser views









@pytest.mark.django_db
def test_bloc_uploads_previews_corrects_and_saves(ward_a, client_for):
    from auditlog.models import LogEntry

    bloc = ward_a.users["bloc"]
    client = client_for(bloc)
    assert "Nhập kế hoạch từ văn bản" in client.get(reverse("plans:plan_list")).content.decode()

    uploaded = upload_plan_file(client, "ke-hoach-dan-van-2024.docx", seed_docx())
    assert uploaded.status_code == 302
    stored = stored_draft()
    preview = client.get(uploaded["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "<mark>Ban Tổ chức Đảng ủy</mark>" in html  # the unmatched unit, marked in the source text
    assert "Không khớp đơn vị" in html and "Lưu kế hoạch" in html
    assert "Thường trực Đảng ủy (qua Khối Dân vận Đảng ủy) xong trước ngày 10/3/2024." in html
    assert 'value="Thực hiện nghiêm túc Quyết định số 294-QĐ/TU"' in html  # the proposed title, editable
    assert Plan.objects.count() == 0  # nothing saved by the upload or the preview

    post = preview_form_data(
        stored,
        changes={
            # "Ban Tổ chức Đảng ủy" is an organ of the Party Committee: the official picks the ward's committee.
            "III.4.2 – ý 1": {"supporting_units": ["cb-tdp-1", "cb-tdp-2", "cb-tdp-3", "cb-tdp-4", "cb-co-quan",
                                                   "khoi-dan-van", "dang-uy"]},
            # "định kỳ" without a frequency: the official says quarterly, by the 15th of the last month.
            "IV.2": {"recurrence": "quarterly", "recurrence_month": 3, "recurrence_day": 15},
            "III.3.2 – ý 1": {"include": False},
            # The official renames a proposed title.
            "IV.5": {"title": "Tổng hợp báo cáo kết quả nhiệm vụ trọng tâm hằng quý"},
        },
        plan_changes={"code": "15-KH/ĐU", "issued_on": "05/02/2024"},
    )
    saved = client.post(uploaded["Location"], post)

    plan = Plan.objects.get()
    assert saved.status_code == 302 and saved["Location"] == plan.get_absolute_url()
    assert (plan.ward, plan.code, plan.issued_on) == (ward_a.ward, "15-KH/ĐU", date(2024, 2, 5))
    assert plan.tasks.count() == 24 and plan.areas.count() == 7
    democracy = Task.objects.get(plan=plan, source="III.4.2 – ý 1")
    assert ward_a.ward in democracy.supporting_units.all()
    steering = Task.objects.get(plan=plan, source="IV.2")
    assert (steering.recurrence, steering.recurrence_month, steering.recurrence_day) == (Recurrence.QUARTERLY, 3, 15)
    assert Task.objects.get(plan=plan, source="IV.5").title == "Tổng hợp báo cáo kết quả nhiệm vụ trọng tâm hằng quý"
    proposed = {t["source"]: t["title"] for a in stored["data"]["areas"] for t in a["tasks"]}
    assert Task.objects.get(plan=plan, source="IV.4").title == proposed["IV.4"]  # a title left as proposed
    assert plan.basis.count() == 8 and plan.limitations.count() == 3
    assert LogEntry.objects.get_for_object(plan).first().actor == bloc
    assert not PlanImportDraft.objects.exists()
    page = client.get(saved["Location"]).content.decode()
    assert "Đã lưu kế hoạch" in page and "Chủ nhật xanh" in page


@pytest.mark.django_db
def test_an_invalid_correction_saves_nothing_and_says_why(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    uploaded = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode())
    stored = stored_draft()

    post = preview_form_data(stored, changes={"IV.1": {"recurrence": "weekly", "due_date": ""}})
    response = client.post(uploaded["Location"], post)

    assert response.status_code == 400
    assert "Nhiệm vụ hằng tuần cần chọn thứ trong tuần." in response.content.decode()
    assert Plan.objects.count() == 0 and Task.objects.count() == 0
    assert PlanImportDraft.objects.count() == 1  # the official can fix it and save


@pytest.mark.django_db
def test_the_preview_marks_a_timing_it_could_not_read(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    uploaded = upload_plan_file(client, "ke-hoach-tet.md", UNKNOWNS.encode())

    html = client.get(uploaded["Location"]).content.decode()

    def block(index):
        start = html.index(f'id="nhiem-vu-task-{index}"')
        following = html.find(f'id="nhiem-vu-task-{index + 1}"', start)
        return html[start:following if following > 0 else html.index("Toàn văn đã đọc", start)]

    gifts, market, poor = block(0), block(1), block(2)
    assert "trao quà cho học sinh nghèo vượt khó, <mark>hoàn thành trước Tết Nguyên đán</mark>." in gifts
    assert "Không đọc được thời hạn “hoàn thành trước Tết Nguyên đán”: hãy nhập hạn hoặc tần suất." in gifts
    assert "<mark>trước ngày 31/02/2025</mark>" in market
    assert "ngày không có thật" in market
    assert "<mark>định kỳ 6 tháng một lần</mark>" in poor
    assert "Cần xem lại" in poor
    assert "<mark>" not in block(6).split("Văn bản gốc", 1)[1]  # a task with nothing flagged has no mark


def _written():
    """What a save would have written: the plan and every part of it, and their change history."""
    from auditlog.models import LogEntry

    from plans.models import FocusTask, ImplementedDocument, Limitation, TaskArea

    return {
        "plans": Plan.objects.count(), "basis": ImplementedDocument.objects.count(),
        "limitations": Limitation.objects.count(), "focus_tasks": FocusTask.objects.count(),
        "areas": TaskArea.objects.count(), "tasks": Task.objects.count(),
        "history": LogEntry.objects.filter(content_type__app_label="plans")
        .exclude(content_type__model="planimportdraft").count(),
    }


NOTHING_WRITTEN = {"plans": 0, "basis": 0, "limitations": 0, "focus_tasks": 0, "areas": 0, "tasks": 0, "history": 0}


@pytest.mark.django_db
def test_a_unit_deleted_between_preview_and_save_saves_nothing(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    uploaded = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode())
    post = preview_form_data(stored_draft())
    ward_a.unit("cb-co-quan").delete()  # another official removes the party cell while the preview is open

    response = client.post(uploaded["Location"], post)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa lưu: còn chỗ chưa hợp lệ" in html
    assert "cb-co-quan không phải là một trong các lựa chọn" in html  # next to the task that names it
    assert _written() == NOTHING_WRITTEN
    assert PlanImportDraft.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("error", ["validation", "database"])
def test_a_save_failing_part_way_writes_nothing(ward_a, client_for, monkeypatch, error):
    from django.core.exceptions import ValidationError
    from django.db import DatabaseError

    import plans.loader

    client = client_for(ward_a.users["bloc"])
    uploaded = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode())
    post = preview_form_data(stored_draft())
    real_initialise = plans.loader.initialise_task
    written_before_failing = []

    def fail_on_the_tenth_task(task):
        if Task.objects.count() == 10:
            written_before_failing.append(_written())
            raise ValidationError("Lỗi thử nghiệm khi lưu.") if error == "validation" else DatabaseError("mất kết nối")
        return real_initialise(task)

    monkeypatch.setattr(plans.loader, "initialise_task", fail_on_the_tenth_task)

    if error == "validation":
        response = client.post(uploaded["Location"], post)
        assert response.status_code == 400
        assert "Chưa lưu được kế hoạch: Lỗi thử nghiệm khi lưu." in response.content.decode()
        assert PlanImportDraft.objects.count() == 1
    else:
        with pytest.raises(DatabaseError):
            client.post(uploaded["Location"], post)

    # The plan, its basis, limitations, areas and nine tasks had been written when the save failed …
    assert written_before_failing[0]["plans"] == 1 and written_before_failing[0]["tasks"] == 10
    # … and none of it stays.
    assert _written() == NOTHING_WRITTEN


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES[:6] + BAD_FILES[-1:])
def test_bad_files_are_refused_in_the_browser_and_nothing_is_saved(ward_a, client_for, name, content, reason):
    client = client_for(ward_a.users["bloc"])

    response = upload_plan_file(client, name, content)

    assert response.status_code == 400
    assert reason in response.content.decode()
    assert Plan.objects.count() == 0 and not PlanImportDraft.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["standing", "officer_ubnd", "religion", "group_leader"])
def test_only_the_bloc_imports(ward_a, client_for, role):
    client = client_for(ward_a.users[role])

    assert client.get(UPLOAD).status_code == 403
    assert upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode()).status_code == 403
    assert "Nhập kế hoạch từ văn bản" not in client.get(reverse("plans:plan_list")).content.decode()
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_admin_chooses_the_ward(ward_a, ward_b, admin_user, client_for):
    client = client_for(admin_user)
    assert "Phường" in client.get(UPLOAD).content.decode()

    uploaded = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode(), ward=ward_b.ward.pk)
    stored = stored_draft()
    saved = client.post(uploaded["Location"], preview_form_data(stored))

    assert saved.status_code == 302
    assert Plan.objects.get().ward == ward_b.ward


@pytest.mark.django_db
def test_a_stale_preview_sends_back_to_the_upload(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])

    response = client.get(reverse("plans:plan_import_preview", args=["khong-con"]))

    assert response.status_code == 302 and response["Location"] == UPLOAD


# ---------------------------------------------------------------- files that would tie the importer up

@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_before_word_reads_it(ward_a, client_for):
    """The finding: a 60 KB .docx whose body unpacks to 17.5 MB kept the importer busy for 168.8 s."""
    from tests.support.upload_bombs import MB, docx_bomb

    client = client_for(ward_a.users["bloc"])

    response = upload_plan_file(client, "ke-hoach.docx", docx_bomb(100 * MB))

    assert response.status_code == 400
    assert "Tệp “ke-hoach.docx” bị từ chối: nội dung giải nén quá lớn" in response.content.decode()
    assert Plan.objects.count() == 0 and not PlanImportDraft.objects.exists()


@pytest.mark.parametrize(("name", "content"), [
    ("dai.docx", "word"),
    ("dai.md", ("## KẾ HOẠCH\n\n" + "- Nhiệm vụ\n" * 2001).encode()),
])
def test_a_document_ten_times_longer_than_a_plan_is_refused(name, content):
    """Small and ordinary once unpacked, but over 2,000 paragraphs: reading them all would tie the worker up."""
    from tests.support.upload_bombs import docx_bomb

    if content == "word":
        content = docx_bomb(2100 * 34, level=6)  # 2,100 one-word paragraphs: 71 KB unpacked

    with pytest.raises(UnreadableFile) as refused:
        import_upload(name, content, UnitCatalogue.demo())

    assert f"Tệp “{name}” bị từ chối: văn bản dài hơn 2000 đoạn" in str(refused.value)


def test_a_title_without_sections_is_not_a_plan():
    with pytest.raises(UnreadableFile) as refused:
        import_upload("ke-hoach.md", ("## KẾ HOẠCH\n" + "Nội dung\n" * 5).encode(), UnitCatalogue.demo())

    assert "không thấy cấu trúc của một kế hoạch" in str(refused.value)
