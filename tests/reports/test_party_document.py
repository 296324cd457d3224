"""The quarterly report as a Party office signs it (Hướng dẫn 36-HD/VPTW, core.documents): read from the PDF's own
text, word boxes and sizes, as a clerk of the office would check it."""

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from organisations.models import DocumentSettings
from reports import services, workflow
from reports.pdf import render_report_pdf

pytestmark = pytest.mark.django_db

# Liberation Serif's ascent + descent, in em: a word's box is this many times its font size high.
LINE_BOX_EM = 1.107


def _pages(data):
    """Each page's text (pdftotext -layout), page 1 first."""
    text = subprocess.run(
        [shutil.which("pdftotext"), "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return [page for page in text.split("\f") if page.strip()]


class _Words(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages, self.current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "page":
            self.pages.append([])
        elif tag == "word":
            self.current = {key: float(attrs[key]) for key in ("xmin", "ymin", "xmax", "ymax")}

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] = data
            self.pages[-1].append(self.current)
            self.current = None


def _words(data):
    """Each page's words with their boxes in points (pdftotext -bbox)."""
    html = subprocess.run(
        [shutil.which("pdftotext"), "-bbox", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    parser = _Words()
    parser.feed(html)
    return parser.pages


def _size(words, text):
    """The font size a word is printed in, from the height of its box."""
    word = next(word for word in words if word["text"] == text)
    return round((word["ymax"] - word["ymin"]) / LINE_BOX_EM, 1)


def _flat(text):
    return " ".join(text.split())


def _submitted(ward, year=2024, quarter=1, **texts):
    report = services.prepare_draft(ward.ward.pk, year, quarter)
    workflow.update_narrative(report, ward.users["bloc"], results="Các đơn vị đã xây dựng kế hoạch.", **texts)
    return workflow.submit(report, ward.users["bloc"])


@pytest.fixture
def signed(ward_a, plan_a):
    plan_a.place, plan_a.signer_name = "Bắc Giang", "Nguyễn Văn Thành"
    plan_a.save()
    return ward_a


def test_a_draft_says_so_on_every_page_and_prints_no_number_date_or_signer(signed):
    report = services.prepare_draft(signed.ward.pk, 2024, 1)

    pages = _pages(render_report_pdf(report))

    assert len(pages) > 1
    assert all("DỰ THẢO" in page for page in pages)
    text = _flat(" ".join(pages))
    assert "Nguyễn Văn Thành" not in text and "T/M ĐẢNG ỦY" not in text
    assert "ngày tháng năm 2024" in text
    # Sections II and III say they are still to be written instead of standing as bare headings.
    assert text.count("Khối Dân vận chưa soạn nội dung mục này") == 2


def test_the_approved_report_carries_the_party_header_number_signer_and_no_draft_mark(signed):
    report = workflow.approve(_submitted(signed), signed.users["standing"])

    pages = _pages(render_report_pdf(report))
    text = _flat(" ".join(pages))

    assert "DỰ THẢO" not in text
    assert "ĐẢNG BỘ THÀNH PHỐ THỬ" in text  # the superior line (it wraps before "NGHIỆM")
    assert "THÀNH ỦY" not in text
    for line in (
        "ĐẢNG ỦY PHƯỜNG AN HÒA",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        f"Số {report.document_code}",
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
        "Nguyễn Văn Thành",
        "Nơi nhận:",
    ):
        assert line in text, line
    assert re.search(r"Bắc Giang, ngày \d\d tháng \d+ năm \d{4}", text)


def test_page_numbers_stand_at_the_top_centre_from_page_2(signed):
    report = workflow.approve(_submitted(signed), signed.users["standing"])

    pages = _words(render_report_pdf(report))

    assert len(pages) > 1
    top = [[word["text"] for word in page if word["ymax"] < 57] for page in pages]  # inside the 20 mm top margin
    assert top[0] == []
    for number, words in enumerate(top[1:], start=2):
        assert words == [str(number)]
        word = next(word for word in pages[number - 1] if word["ymax"] < 57)
        centre = (word["xmin"] + word["xmax"]) / 2
        assert abs(centre - (85 + (595.3 - 42.5)) / 2) < 5  # the middle of the text column (30 mm | 15 mm)


def test_header_and_body_sizes_follow_the_guidance(signed):
    report = workflow.approve(_submitted(signed), signed.users["standing"])

    first = _words(render_report_pdf(report))[0]

    assert _size(first, "CỘNG") == 15  # the motto
    assert _size(first, "BỘ") == 14  # the superior line
    assert _size(first, "PHƯỜNG") == 14  # the issuer
    assert _size(first, "Số") == 14
    assert _size(first, "Bắc") == 14  # place and date
    assert _size(first, "Thực") == 14  # the body


def test_the_signature_block_never_stands_alone_on_its_page(signed):
    last_step = "Đôn đốc các đơn vị hoàn thành nhiệm vụ quá hạn trước ngày 10 hằng tháng."
    report = workflow.approve(
        _submitted(signed, next_steps="Tiếp tục triển khai Kế hoạch.\n" + last_step), signed.users["standing"]
    )

    last_page = _flat(_pages(render_report_pdf(report))[-1])

    assert "Nơi nhận:" in last_page and "T/M ĐẢNG ỦY" in last_page
    assert last_step in last_page


def test_no_figures_row_is_split_over_two_pages(signed):
    report = services.prepare_draft(signed.ward.pk, 2024, 1)

    lines = [line for page in _pages(render_report_pdf(report)) for line in page.splitlines()]

    # The plan's section prints its own table of task groups; the other sections print their rows.
    rows = [row for section in report.figures["sections"] if section["key"] != "plan" for row in section["rows"]]
    assert rows
    for label, value in rows:
        # Cells are top-aligned: a row on one page prints its value on the line where its label starts (a split
        # row, as in issue 17, leaves the value beside an empty cell at the foot of the page before).
        start = " ".join(label.split()[:3])
        starts = [line.split() for line in lines if _flat(line).startswith(start)]
        first = value.split()[0]
        assert any(any(word.startswith(first) for word in words[len(start.split()) :]) for words in starts), (
            label,
            value,
        )


def test_a_settings_change_shows_in_a_new_draft_but_not_in_an_approved_report(signed, client_for):
    approved = workflow.approve(_submitted(signed), signed.users["standing"])
    draft = services.prepare_draft(signed.ward.pk, 2024, 2)
    client = client_for(signed.users["bloc"])
    url = reverse("organisations:document_settings")

    response = client.post(
        url,
        {
            "superior": "Đảng bộ tỉnh Bắc Ninh",
            "issuer": "",
            "place": "Bắc Ninh",
            "signer_name": "Trần Thị Loan",
            "signer_title": "Phó Bí thư",
        },
    )

    assert response.status_code == 302
    assert DocumentSettings.objects.get(ward=signed.ward).place == "Bắc Ninh"
    workflow.update_narrative(draft, signed.users["bloc"], results="Kết quả.")
    workflow.submit(draft, signed.users["bloc"])
    second = workflow.approve(draft, signed.users["standing"])
    new_text = _flat(" ".join(_pages(render_report_pdf(second))))
    assert "ĐẢNG BỘ TỈNH BẮC NINH" in new_text and "Bắc Ninh, ngày" in new_text
    assert "PHÓ BÍ THƯ" in new_text and "Trần Thị Loan" in new_text
    assert "ĐẢNG ỦY PHƯỜNG AN HÒA" in new_text  # an empty field keeps today's value
    old_text = _flat(" ".join(_pages(render_report_pdf(approved))))
    assert "Nguyễn Văn Thành" in old_text and "Bắc Giang, ngày" in old_text
    assert "BẮC NINH" not in old_text and "Trần Thị Loan" not in old_text


def test_only_the_bloc_edits_the_document_settings(signed, client_for):
    url = reverse("organisations:document_settings")

    assert client_for(signed.users["bloc"]).get(url).status_code == 200
    assert client_for(signed.users["standing"]).get(url).status_code == 403
    assert client_for(signed.users["officer_ubnd"]).post(url, {"place": "Hà Nội"}).status_code == 403
    assert not DocumentSettings.objects.exists()


def test_every_report_and_certificate_of_the_demo_reads_as_a_party_document(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from models_khoe.models import Recognition
    from models_khoe.pdf import render_certificate
    from reports.models import QuarterlyReport, ReportStatus

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", quiet_logins=True)
    reports = list(QuarterlyReport.objects.select_related("ward"))
    assert {ReportStatus.DRAFT, ReportStatus.APPROVED} <= {report.status for report in reports}
    for report in reports:
        pages = _pages(render_report_pdf(report))
        draft = report.status != ReportStatus.APPROVED
        assert all(("DỰ THẢO" in page) == draft for page in pages), str(report)
        assert "ĐẢNG BỘ" in pages[0] and "ĐẢNG CỘNG SẢN VIỆT NAM" in pages[0], str(report)
        # The signature page also holds the body's last paragraph (section III's end), not the block alone.
        last = _flat(pages[-1])
        body = last.split("Nơi nhận:")[0]
        assert len(body.split()) > 8, str(report)
        assert "—" not in _flat(" ".join(pages)), str(report)
    recognitions = list(Recognition.objects.exclude(certificate_number=None).select_related("model__unit"))
    assert recognitions
    for recognition in recognitions:
        text = _flat(" ".join(_pages(render_certificate(recognition))))
        assert "ĐẢNG BỘ" in text and f"Số {recognition.certificate_code}" in text
        assert text.count(recognition.model.unit.name) == 1, str(recognition)


def test_the_report_list_leads_the_bloc_to_the_document_settings(signed, client_for):
    url = reverse("organisations:document_settings")

    bloc_page = client_for(signed.users["bloc"]).get(reverse("reports:report_list")).content.decode()
    standing_page = client_for(signed.users["standing"]).get(reverse("reports:report_list")).content.decode()

    assert url in bloc_page
    assert url not in standing_page


def test_tasks_read_as_a_party_report_writes_them(signed, set_today, client_for):
    """A recurring task says how many of its periods were met (so the Green Sunday line cannot contradict the
    sessions counted beside it), and the plan's section on organising its implementation is named, not numbered
    "Mục IV" beside the task groups "Mục 1 … 6"."""
    from datetime import date

    from plans.models import Recurrence, Task
    from plans.services import record_progress

    set_today(date(2024, 3, 20))
    weekly = Task.objects.filter(plan__ward=signed.ward, recurrence=Recurrence.WEEKLY).order_by("pk").first()
    record_progress(weekly, percent=100, note="Ra quân", reported_on=date(2024, 3, 3), occurrence_due=date(2024, 3, 3))
    report = services.prepare_draft(signed.ward.pk, 2024, 1)

    text = _flat("\n".join(_pages(render_report_pdf(report))))

    assert re.search(r"đạt \d+/\d+ tuần", text)
    assert "Tổ chức thực hiện Kế hoạch" in text
    assert "Mục IV" not in text and "IV. Tổ chức thực hiện" not in text
    page = client_for(signed.users["bloc"]).get(report.get_absolute_url()).content.decode()
    assert "Tổ chức thực hiện Kế hoạch" in page and "Mục IV" not in page


def test_numbers_restart_at_the_congress_that_opens_the_new_term(signed, client_for):
    """The bloc records the term and its congress date; a document issued before the congress keeps the old
    term's numbering, the first one after it is 01 again."""
    from datetime import date

    ward = signed.ward
    saved = client_for(signed.users["bloc"]).post(reverse("organisations:document_settings"), {
        "term": "2025–2030", "congress_on": "20/08/2025", "superior": "", "issuer": "", "place": "",
        "signer_name": "", "signer_title": ""})
    assert saved.status_code == 302
    settings_row = DocumentSettings.objects.get(ward=ward)
    assert (settings_row.term, settings_row.congress_on) == ("2025–2030", date(2025, 8, 20))

    first_of_2025 = services.next_document_number(ward, "BC", date(2025, 3, 10))
    july = services.next_document_number(ward, "BC", date(2025, 7, 10))
    after_congress = services.next_document_number(ward, "BC", date(2025, 10, 1))
    next_one = services.next_document_number(ward, "BC", date(2026, 1, 5))

    assert (first_of_2025, july) == (1, 2), "before the congress the 2020–2025 term goes on"
    assert (after_congress, next_one) == (1, 2), "the congress opens the new term's numbering"


def test_the_bloc_downloads_a_draft_marked_as_such_from_the_report_page(signed, client_for):
    report = services.prepare_draft(signed.ward.pk, 2024, 1)
    client = client_for(signed.users["bloc"])
    url = reverse("reports:report_pdf", args=[report.pk])

    assert "Tải bản dự thảo (PDF)" in client.get(report.get_absolute_url()).content.decode()
    response = client.get(url)
    text = _flat("\n".join(_pages(response.getvalue())))

    assert response.status_code == 200 and "du-thao-bao-cao-quy-1-2024.pdf" in response["Content-Disposition"]
    assert "DỰ THẢO" in text and "Số 01-BC/ĐU" not in text
    assert client_for(signed.users["officer_ubnd"]).get(url).status_code == 404
