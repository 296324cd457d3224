"""The one upload guard (core.uploads through core.validators): office files that unpack to too much are refused
before any parser opens them, quickly and without the memory; evidence is stored and served as what its
content proves, whatever its name says."""

import time
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Attachment
from core.validators import validate_upload
from plans.models import ProgressUpdate, Task
from tests.support.upload_bombs import MB, XLSX_MEMBER, declare_size, docx_bomb, xlsx_bomb, xlsx_file

REFUSED = "bị từ chối: nội dung giải nén quá lớn"


def _refusal(data, name="tien-do.xlsx"):
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile(name, data))
    return refused.value.messages[0]


@pytest.mark.django_db
def test_a_100_mb_bomb_is_refused_in_under_a_second_with_little_memory(ward_a, client_for):
    """The finding: a workbook whose shared strings unpack to 100 MB kept the progress import busy for 57.6 s and
    took 440 MB. The guard reads the archive's directory and refuses it before openpyxl opens it."""
    bomb = xlsx_bomb(100 * MB)
    client = client_for(ward_a.users["officer_ubnd"])
    client.get(reverse("plans:task_import"))  # warm the templates, so the measure is the upload's alone

    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("tien-do.xlsx", bomb))
    response = client.post(reverse("plans:task_import"), {"file": SimpleUploadedFile("tien-do.xlsx", bomb)})
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert elapsed < 1.0, f"{elapsed:.2f} s"
    assert peak < 50 * MB, f"{peak / MB:.1f} MB"


@pytest.mark.parametrize(("setting", "value", "expected"), [
    ("UPLOAD_MEMBER_MAX_BYTES", 2 * MB, "tối đa 2,0\xa0MB mỗi phần"),
    ("UPLOAD_MAX_RATIO", 10, "tối đa 10 lần"),
    ("UPLOAD_UNPACKED_MAX_BYTES", 3 * MB, "hơn 3,0\xa0MB khi giải nén"),
    ("UPLOAD_MAX_MEMBERS", 5, "phần bên trong, tối đa 5"),
])
def test_each_limit_of_the_archive_refuses_with_its_reason(settings, setting, value, expected):
    settings.UPLOAD_MAX_RATIO = 10_000
    settings.UPLOAD_XML_MAX_TAGS = 10 ** 9
    setattr(settings, setting, value)
    bomb = xlsx_bomb(4 * MB, level=9)

    message = _refusal(bomb)

    assert message.startswith("Tệp “tien-do.xlsx” " + REFUSED)
    assert expected in message
    assert "lưu lại rồi tải lên lại" in message


def test_an_import_with_too_much_markup_to_parse_quickly_is_refused(settings):
    """Under every size limit, but 250,000 shared strings: openpyxl would take seconds to read them."""
    from core.validators import validate_xlsx

    settings.UPLOAD_XML_MAX_TAGS = 100_000
    workbook = SimpleUploadedFile("tien-do.xlsx", xlsx_bomb(MB - 4096, level=1))

    with pytest.raises(ValidationError) as refused:
        validate_xlsx(workbook)

    assert "nội dung quá dài để đọc (hơn 100.000 thẻ)" in refused.value.messages[0]


def test_an_archive_whose_header_lies_about_its_size_is_refused_as_damaged():
    """zipfile trusts the declared size: it stops there and the CRC no longer matches. A lie that passes the
    directory check therefore never inflates more than it declared, in the guard or in the parser."""
    liar = declare_size(xlsx_bomb(100 * MB), XLSX_MEMBER, 512 * 1024)

    started = time.perf_counter()
    message = _refusal(liar)

    assert "bị hỏng" in message and XLSX_MEMBER in message
    assert time.perf_counter() - started < 1.0


def test_an_encrypted_archive_is_refused():
    data = bytearray(xlsx_file())
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" flag of the first member

    assert "được đặt mật khẩu" in _refusal(bytes(data))


# --- Evidence: stored and served as what the content proves ---------------------------------------------

POLYGLOT = b"GIF89a<html><body><script>alert(document.cookie)</script></body></html>"


def _own_task(ward, plan):
    return Task.objects.filter(plan=plan, lead_unit=ward.unit("ubnd"), recurrence="once").first()


def _report(client, task, upload):
    return client.post(
        reverse("plans:progress_add", args=[task.pk]),
        {"reported_on": "02/05/2024", "percent": 50, "note": "Có minh chứng", "evidence": upload},
    )


@pytest.mark.django_db
def test_a_gif_named_html_is_stored_and_served_as_a_gif(ward_a, plan_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    task = _own_task(ward_a, plan_a)

    response = _report(client, task, SimpleUploadedFile("anh.html", POLYGLOT, content_type="text/html"))

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(".gif")
    assert attachment.original_name == "anh.html"
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "image/gif"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert 'filename="anh.gif"' in download.headers["Content-Disposition"]
    assert b"".join(download.streaming_content) == POLYGLOT


@pytest.mark.django_db
def test_a_bomb_sent_as_evidence_is_refused_and_nothing_is_saved(ward_a, plan_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    task = _own_task(ward_a, plan_a)

    response = _report(client, task, SimpleUploadedFile("bien-ban.docx", docx_bomb(100 * MB)))

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists() and not Attachment.objects.exists()



@pytest.mark.django_db
def test_upload_fields_state_the_limit_the_server_applies(ward_a, client_for, settings):
    from accountability.forms import SubmissionForm

    settings.UPLOAD_MAX_BYTES = 5 * 1024 * 1024

    page = client_for(ward_a.users["group_leader"]).get(reverse("communitygroups:activity_add")).content.decode()
    page = page.replace("\xa0", " ").replace("&nbsp;", " ")

    assert "tối đa 5,0 MB mỗi tệp" in page and "10 MB" not in page
    help_text = str(SubmissionForm.base_fields["files"].help_text).replace("\xa0", " ")
    assert help_text == "PDF, Word hoặc ảnh chụp; tối đa 5,0 MB mỗi tệp."
