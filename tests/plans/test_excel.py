"""Tasks to Excel and back: the export a user gets, the preview of an edited file, the all-or-nothing apply."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core import periods
from core.access import CHANGE
from plans.excel import ImportRejected, apply_import, parse_progress_import
from plans.excel_views import SESSION_KEY
from plans.models import ProgressUpdate, Task
from tests.support.plans import edit_export, export_for, progress_cells

pytestmark = pytest.mark.django_db

HEADERS = [
    "Mã", "Nhóm nhiệm vụ", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Tần suất", "Hạn (dd/mm/yyyy)",
    "Trạng thái", "Tiến độ (%)", "Ngày báo cáo (dd/mm/yyyy)", "Tiến độ mới (%)", "Kết quả thực hiện",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOT_IN_SCOPE = "không tìm thấy hoặc không thuộc đơn vị của bạn"


# --- helpers ---------------------------------------------------------------------------------------



def _sheet(content):
    return load_workbook(BytesIO(content))["Nhiệm vụ"]


def _rows(content):
    sheet = _sheet(content)
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, values, strict=True)) for values in sheet.iter_rows(min_row=2, values_only=True)]






def _two_tasks(user):
    # Tasks whose progress the units type: a task bound to area records takes it from them (plans.bindings).
    return list(Task.objects.restrict(user, CHANGE).filter(binding__isnull=True).order_by("pk")[:2])


# --- export ----------------------------------------------------------------------------------------

def test_export_has_the_vietnamese_header_and_a_help_sheet(ward_a, plan_a):
    content = export_for(ward_a.users["bloc"])

    workbook = load_workbook(BytesIO(content))
    assert workbook.sheetnames == ["Nhiệm vụ", "Hướng dẫn"]
    assert [cell.value for cell in workbook["Nhiệm vụ"][1]] == HEADERS
    help_text = " ".join(str(c.value) for c in workbook["Hướng dẫn"]["A"] if c.value)
    assert "Tiến độ mới (%)" in help_text and "Xác nhận ghi" in help_text


def test_officer_export_holds_only_the_tasks_of_their_unit(ward_a, ward_b, plan_a, plan_b, client_for):
    officer = ward_a.users["officer_ubnd"]

    response = client_for(officer).get(reverse("plans:task_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response.content)
    ids = {row["Mã"] for row in rows}
    assert ids == set(Task.objects.restrict(officer).values_list("pk", flat=True))
    assert ids and not ids & set(Task.objects.filter(plan=plan_b).values_list("pk", flat=True))
    ubnd = ward_a.unit("ubnd").name
    for row in rows:
        assert row["Đơn vị chủ trì"] == ubnd or ubnd in (row["Đơn vị phối hợp"] or "")
    mttq_only = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("mttq")).exclude(
        supporting_units=ward_a.unit("ubnd")).first()
    assert mttq_only.pk not in ids


def test_export_follows_the_filters_of_the_list(ward_a, plan_a, client_for):
    ubnd = ward_a.unit("ubnd")

    response = client_for(ward_a.users["bloc"]).get(reverse("plans:task_export"), {"lead_unit": ubnd.pk})

    rows = _rows(response.content)
    assert len(rows) == Task.objects.filter(plan=plan_a, lead_unit=ubnd).count()
    assert {row["Đơn vị chủ trì"] for row in rows} == {ubnd.name}


def test_export_writes_due_dates_as_dd_mm_yyyy(ward_a, plan_a):
    task = Task.objects.filter(plan=plan_a, due_date__isnull=False, is_done=False).first()
    sheet = _sheet(export_for(ward_a.users["bloc"]))

    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == task.pk)

    assert row[6].value.date() == task.current_due_date
    assert row[6].number_format.lower() == "dd/mm/yyyy"


def test_a_title_that_looks_like_a_formula_stays_text(ward_a, plan_a):
    task = Task.objects.filter(plan=plan_a).first()
    Task.objects.filter(pk=task.pk).update(title='=HYPERLINK("http://example.invalid","x")')

    sheet = _sheet(export_for(ward_a.users["bloc"]))

    cell = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == task.pk)[2]
    assert cell.data_type == "s"


# --- import: round trip ----------------------------------------------------------------------------

def test_round_trip_updates_the_progress_of_two_tasks(ward_a, plan_a):
    officer = ward_a.users["officer_ubnd"]
    first, second = _two_tasks(officer)
    content, row_of = edit_export(export_for(officer), {
        first.pk: progress_cells(60, "Đã niêm yết công khai tại trụ sở.", "05/03/2024"),
        second.pk: progress_cells(100, "Hoàn thành hội nghị đối thoại.", date(2024, 3, 7)),
    })
    before = ProgressUpdate.objects.count()

    preview = parse_progress_import(BytesIO(content), officer)

    assert not preview.has_errors
    assert [(r.row_number, r.task_id, r.new_percent) for r in preview.changes] == [
        (row_of[first.pk], first.pk, 60), (row_of[second.pk], second.pk, 100)]
    assert preview.changes[0].title == first.title and preview.changes[0].current_percent == 0
    assert preview.changes[0].reported_on == date(2024, 3, 5)

    updates = apply_import(preview, officer)

    assert len(updates) == 2 and ProgressUpdate.objects.count() == before + 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.latest_percent, first.last_reported_on) == (60, date(2024, 3, 5))
    assert (second.latest_percent, second.last_reported_on) == (100, date(2024, 3, 7))
    update = ProgressUpdate.objects.get(task=first)
    assert (update.note, update.author, update.unit) == ("Đã niêm yết công khai tại trụ sở.", officer, officer.unit)
    logged = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ProgressUpdate),
        object_pk__in=[str(u.pk) for u in updates], actor=officer,
    )
    assert logged.count() == 2


def test_a_blank_date_means_today_and_untouched_rows_are_left_alone(ward_a, plan_a):
    officer = ward_a.users["officer_ubnd"]
    first, _second = _two_tasks(officer)
    content, _rows_of = edit_export(export_for(officer), {first.pk: progress_cells("45%")})

    preview = parse_progress_import(content, officer)

    assert not preview.has_errors
    assert [(r.task_id, r.new_percent, r.reported_on) for r in preview.rows] == [(first.pk, 45, periods.today())]
    assert preview.unchanged_count == Task.objects.restrict(officer).count() - 1


def test_percent_cells_in_excel_percent_format_are_read_as_percent(ward_a, plan_a):
    officer = ward_a.users["officer_ubnd"]
    first, _second = _two_tasks(officer)
    content, row_of = edit_export(export_for(officer), {first.pk: progress_cells(0.75)})
    workbook = load_workbook(BytesIO(content))
    workbook["Nhiệm vụ"].cell(row=row_of[first.pk], column=11).number_format = "0%"
    buffer = BytesIO()
    workbook.save(buffer)

    preview = parse_progress_import(buffer.getvalue(), officer)

    assert [r.new_percent for r in preview.rows] == [75]


# --- import: bad rows write nothing ------------------------------------------------------------------

def _bad_cells(kind, ward_a, plan_b):
    future = (periods.today() + timedelta(days=3)).strftime("%d/%m/%Y")
    other_ward_task = Task.objects.filter(plan=plan_b).first()
    mttq_task = Task.objects.filter(lead_unit=ward_a.unit("mttq")).exclude(
        supporting_units=ward_a.unit("ubnd")).first()
    return {
        "percent_150": (progress_cells(150), "0–100%"),
        "percent_text": (progress_cells("xong"), "không phải là số"),
        "percent_fraction": (progress_cells(12.5), "số nguyên"),
        "bad_date": (progress_cells(50, reported_on="31/02/2024"), "dd/mm/yyyy"),
        "future_date": (progress_cells(50, reported_on=future), "sau ngày hôm nay"),
        "no_note": (progress_cells(50, note=None), "Thiếu kết quả thực hiện"),
        "note_without_percent": (progress_cells(None), "thiếu tiến độ mới"),
        "other_ward_task": ({"Mã": other_ward_task.pk, **progress_cells(50)}, NOT_IN_SCOPE),
        "other_unit_task": ({"Mã": mttq_task.pk, **progress_cells(50)}, NOT_IN_SCOPE),
        "bad_id": ({"Mã": "abc", **progress_cells(50)}, "không hợp lệ"),
        "huge_id": ({"Mã": str(10**30), **progress_cells(50)}, "không hợp lệ"),
    }[kind]


@pytest.mark.parametrize("kind", [
    "percent_150", "percent_text", "percent_fraction", "bad_date", "future_date", "no_note",
    "note_without_percent", "other_ward_task", "other_unit_task", "bad_id", "huge_id",
])
def test_one_bad_row_is_reported_with_its_row_number_and_nothing_is_written(ward_a, ward_b, plan_a, plan_b, kind):
    officer = ward_a.users["officer_ubnd"]
    good, bad = _two_tasks(officer)
    bad_cells, message = _bad_cells(kind, ward_a, plan_b)
    content, row_of = edit_export(export_for(officer), {good.pk: progress_cells(80), bad.pk: bad_cells})
    before = ProgressUpdate.objects.count()

    preview = parse_progress_import(content, officer)

    assert preview.has_errors
    assert [r.row_number for r in preview.error_rows] == [row_of[bad.pk]]
    assert message in " ".join(preview.error_rows[0].errors)
    with pytest.raises(ImportRejected) as rejected:
        apply_import(preview, officer)
    assert f"Dòng {row_of[bad.pk]}" in rejected.value.errors[0]
    assert ProgressUpdate.objects.count() == before
    good.refresh_from_db()
    assert good.latest_percent == 0


def test_a_task_outside_the_scope_never_shows_its_title(ward_a, ward_b, plan_a, plan_b):
    officer = ward_a.users["officer_ubnd"]
    own, _second = _two_tasks(officer)
    foreign = Task.objects.filter(plan=plan_b).first()
    content, _row_of = edit_export(export_for(officer), {own.pk: {"Mã": foreign.pk, **progress_cells(50)}})

    preview = parse_progress_import(content, officer)

    row = preview.rows[0]
    assert row.title == "" and row.current_percent is None
    assert foreign.title not in str(preview.to_data())


def test_the_same_task_twice_is_an_error(ward_a, plan_a):
    officer = ward_a.users["officer_ubnd"]
    first, second = _two_tasks(officer)
    content, row_of = edit_export(export_for(officer),
                                  {first.pk: progress_cells(30), second.pk: {"Mã": first.pk, **progress_cells(40)}})

    preview = parse_progress_import(content, officer)

    assert [r.row_number for r in preview.error_rows] == [row_of[second.pk]]
    assert f"dòng {row_of[first.pk]}" in preview.error_rows[0].errors[0]


def test_apply_checks_the_scope_again(ward_a, plan_a):
    officer = ward_a.users["officer_ubnd"]
    first, second = _two_tasks(officer)
    content, _row_of = edit_export(export_for(officer), {first.pk: progress_cells(30), second.pk: progress_cells(40)})
    preview = parse_progress_import(content, officer)
    assert not preview.has_errors
    # Between the preview and the confirmation the task is handed to another unit.
    Task.objects.filter(pk=second.pk).update(lead_unit=ward_a.unit("hoi-pn"))
    second.supporting_units.clear()

    with pytest.raises(ImportRejected) as rejected:
        apply_import(preview, officer)

    assert NOT_IN_SCOPE in rejected.value.errors[0]
    assert not ProgressUpdate.objects.filter(task__in=[first, second]).exists()


# --- import: files that are not the export ---------------------------------------------------------

def test_a_file_that_is_not_xlsx_gets_a_vietnamese_error(ward_a):
    preview = parse_progress_import(BytesIO(b"Ma,Tien do\n1,50\n"), ward_a.users["officer_ubnd"])

    assert preview.has_errors and not preview.rows
    assert "không phải tệp Excel .xlsx" in preview.file_errors[0]


def test_a_workbook_without_the_columns_names_the_missing_ones(ward_a):
    workbook = Workbook()
    workbook.active.append(["Mã", "Nhiệm vụ", "Kết quả thực hiện"])
    workbook.active.append([1, "x", "y"])
    buffer = BytesIO()
    workbook.save(buffer)

    preview = parse_progress_import(buffer.getvalue(), ward_a.users["officer_ubnd"])

    assert len(preview.file_errors) == 1
    message = preview.file_errors[0]
    assert "Tệp thiếu cột" in message
    assert "Ngày báo cáo (dd/mm/yyyy)" in message and "Tiến độ mới (%)" in message
    assert "Kết quả thực hiện" not in message


# --- browser ---------------------------------------------------------------------------------------

def test_task_list_offers_export_and_import(ward_a, plan_a, client_for):
    response = client_for(ward_a.users["officer_ubnd"]).get(reverse("plans:task_list"), {"q": "dan van"})

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("plans:task_export") + "?q=dan+van" in html
    assert reverse("plans:task_import") in html


def test_browser_import_previews_then_writes(ward_a, plan_a, client_for):
    officer = ward_a.users["officer_ubnd"]
    client = client_for(officer)
    first, second = _two_tasks(officer)
    exported = client.get(reverse("plans:task_export")).content
    content, _row_of = edit_export(
        exported, {first.pk: progress_cells(20), second.pk: progress_cells(90, reported_on="01/04/2024")})
    url = reverse("plans:task_import")
    before = ProgressUpdate.objects.count()

    page = client.get(url)
    preview = client.post(url, {"file": SimpleUploadedFile("tien-do.xlsx", content, content_type=XLSX)})

    assert page.status_code == 200
    assert preview.status_code == 200
    html = preview.content.decode()
    assert f'action="{reverse("plans:task_import_apply")}"' in html and "Xác nhận ghi" in html
    assert html.count('class="changed"') == 2 and first.title in html
    assert ProgressUpdate.objects.count() == before
    token = client.session[SESSION_KEY]["token"]

    applied = client.post(reverse("plans:task_import_apply"), {"token": token}, follow=True)

    assert applied.redirect_chain[-1][0] == reverse("plans:task_list")
    assert "Đã ghi 2 báo cáo tiến độ" in applied.content.decode()
    assert ProgressUpdate.objects.count() == before + 2
    assert Task.objects.get(pk=second.pk).latest_percent == 90
    assert SESSION_KEY not in client.session


def test_browser_preview_with_errors_highlights_rows_and_offers_no_confirmation(ward_a, plan_a, client_for):
    officer = ward_a.users["officer_ubnd"]
    client = client_for(officer)
    first, second = _two_tasks(officer)
    content, row_of = edit_export(export_for(officer), {first.pk: progress_cells(20), second.pk: progress_cells(150)})

    response = client.post(reverse("plans:task_import"),
                           {"file": SimpleUploadedFile("tien-do.xlsx", content, content_type=XLSX)})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="row-error"' in html and "0–100%" in html
    assert f"<td>{row_of[second.pk]}</td>" in html
    assert reverse("plans:task_import_apply") not in html
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(("name", "content", "message"), [
    ("tien-do.pdf", b"%PDF-1.4 not a sheet", "không phải bảng tính Excel .xlsx"),
    ("tien-do.xlsx", b"plain text pretending", "không phải bảng tính Excel .xlsx"),
    ("tien-do.xlsx", b"PK\x03\x04 broken zip", "bị hỏng: không mở được như một tệp Word/Excel"),
])
def test_browser_refuses_files_that_are_not_xlsx(ward_a, client_for, name, content, message):
    response = client_for(ward_a.users["officer_ubnd"]).post(
        reverse("plans:task_import"), {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    assert message in response.content.decode()


def test_browser_apply_without_the_previewed_token_writes_nothing(ward_a, plan_a, client_for):
    officer = ward_a.users["officer_ubnd"]
    client = client_for(officer)
    first, _second = _two_tasks(officer)
    content, _row_of = edit_export(export_for(officer), {first.pk: progress_cells(20)})
    client.post(reverse("plans:task_import"), {"file": SimpleUploadedFile("a.xlsx", content, content_type=XLSX)})
    before = ProgressUpdate.objects.count()

    response = client.post(reverse("plans:task_import_apply"), {"token": "forged"}, follow=True)

    assert "không còn hiệu lực" in response.content.decode()
    assert ProgressUpdate.objects.count() == before


def test_standing_committee_exports_but_cannot_import(ward_a, plan_a, client_for):
    client = client_for(ward_a.users["standing"])

    assert client.get(reverse("plans:task_export")).status_code == 200
    assert client.get(reverse("plans:task_import")).status_code == 403


def test_browser_refuses_a_decompression_bomb_before_reading_it(ward_a, client_for):
    """The finding: shared strings that unpack to 100 MB kept this page busy for a minute."""
    from tests.support.upload_bombs import MB, xlsx_bomb

    response = client_for(ward_a.users["officer_ubnd"]).post(
        reverse("plans:task_import"), {"file": SimpleUploadedFile("tien-do.xlsx", xlsx_bomb(100 * MB))})

    assert response.status_code == 400
    assert "Tệp “tien-do.xlsx” bị từ chối: nội dung giải nén quá lớn" in response.content.decode()
    assert SESSION_KEY not in client_for(ward_a.users["officer_ubnd"]).session
