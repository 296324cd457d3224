"""A plan import is bounded, and each bound is checked before the work it bounds: the characters after extraction,
one paragraph, the groups and tasks, the time to read units and timings, and the preview kept on the server.
Each refusal names the bound and what the file had."""

import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import plans.importer.structure
from plans.importer import UnitCatalogue, UnreadableFile, import_upload
from plans.models import Plan
from tests.support.plans import SEED_TEXT, markdown_to_docx

UPLOAD = reverse("plans:plan_import")

_HEAD, _REST = SEED_TEXT.split("## **III- NHIỆM VỤ", 1)
_AREAS, _TAIL = ("## **III- NHIỆM VỤ" + _REST).split("#### IV- TỔ CHỨC", 1)
_SECTION, _FIRST_AREA = _AREAS.split("### **1. Nâng cao", 1)
AREA = "### **1. Nâng cao" + _FIRST_AREA.split("## **2. Nâng cao", 1)[0]  # one group: content and 4 solutions


def plan_with_groups(count):
    """The seed with its first group repeated ``count`` times (numbered 1 … count), then section IV."""
    groups = "".join(re.sub(r"\*\*1\.", f"**{n % 99 + 1}.", AREA, count=1) for n in range(count))
    return _HEAD + _SECTION + groups + "#### IV- TỔ CHỨC" + _TAIL


def plan_with_solutions(count):
    """The seed's first group with ``count`` short solutions."""
    solutions = "".join(f"- UBND phường tổ chức hoạt động số {n} trong quý II/2024.\n\n" for n in range(count))
    area = "### **1. Nâng cao trách nhiệm của người đứng đầu**\n\n#### **1.2. Giải pháp:**\n\n" + solutions
    return _HEAD + _SECTION + area + "#### IV- TỔ CHỨC" + _TAIL


def refusal(name, text, **kwargs):
    with pytest.raises(UnreadableFile) as refused:
        import_upload(name, text.encode() if isinstance(text, str) else text, UnitCatalogue.demo(), **kwargs)
    return str(refused.value)


def test_the_seed_is_well_within_every_bound():
    result = import_upload("ke-hoach.md", SEED_TEXT.encode(), UnitCatalogue.demo())

    assert sum(len(area["tasks"]) for area in result.data["areas"]) == 25


def test_a_text_longer_than_a_plan_is_refused_before_a_line_is_read(monkeypatch):
    """The finding: a 9.5 MB Markdown (the seed's sections over and over) took 41 s and held 16.379 tasks."""
    big = (_HEAD + _SECTION + AREA * 600 + "#### IV- TỔ CHỨC" + _TAIL)

    def no_reading(*args, **kwargs):
        raise AssertionError("the lines were read")

    monkeypatch.setattr("plans.importer.files.read_text", no_reading)
    started = time.monotonic()
    message = refusal("ke-hoach.md", big)

    assert time.monotonic() - started < 1
    assert re.fullmatch(r"Tệp có [\d.]+ ký tự, vượt giới hạn 200\.000 ký tự của một kế hoạch\..*", message)


def test_a_word_file_longer_than_a_plan_is_refused_before_its_structure_is_read(settings):
    settings.PLAN_IMPORT_MAX_CHARACTERS = 10_000  # the seed has 14.821

    message = refusal("ke-hoach.docx", markdown_to_docx(SEED_TEXT))

    assert "vượt giới hạn 10.000 ký tự của một kế hoạch" in message


def test_a_paragraph_longer_than_a_paragraph_can_be_is_refused():
    glued = SEED_TEXT.replace("- Luôn đề cao quyền", "- " + "Tuyên truyền, vận động nhân dân. " * 200 + "Luôn đề", 1)

    message = refusal("ke-hoach.md", glued)

    assert re.fullmatch(r"Đoạn văn ở dòng \d+ có 7\.\d{3} ký tự, vượt giới hạn 5\.000 ký tự của một đoạn\..*", message)


def test_too_many_groups_are_refused_before_units_and_timings_are_read(monkeypatch):
    def no_reading(*args, **kwargs):
        raise AssertionError("a task was read")

    monkeypatch.setattr(plans.importer.structure, "propose_units", no_reading)

    message = refusal("ke-hoach.md", plan_with_groups(61))

    # 61 groups of section III and section IV, which is a group of tasks too.
    assert message == "Tệp có 62 nhóm nhiệm vụ, vượt giới hạn 60 nhóm của một kế hoạch."


def test_too_many_tasks_are_refused_before_units_and_timings_are_read(monkeypatch, settings):
    settings.PLAN_IMPORT_MAX_TASKS = 100

    def no_reading(*args, **kwargs):
        raise AssertionError("a task was read")

    monkeypatch.setattr(plans.importer.structure, "propose_units", no_reading)

    message = refusal("ke-hoach.md", plan_with_solutions(100))

    # 100 solutions and the 5 duties of section IV.
    assert message.startswith("Tệp có 105 nhiệm vụ, giải pháp, vượt giới hạn 100 nhiệm vụ của một kế hoạch.")


def test_a_plan_at_the_limits_is_read(settings):
    settings.PLAN_IMPORT_MAX_TASKS = 105

    result = import_upload("ke-hoach.md", plan_with_solutions(100).encode(), UnitCatalogue.demo())

    assert sum(len(area["tasks"]) for area in result.data["areas"]) == 105


def test_reading_that_takes_too_long_stops(monkeypatch, settings):
    settings.PLAN_IMPORT_MAX_SECONDS = 0.05
    real = plans.importer.structure.propose_units

    def slow(*args, **kwargs):
        time.sleep(0.02)
        return real(*args, **kwargs)

    monkeypatch.setattr(plans.importer.structure, "propose_units", slow)

    message = refusal("ke-hoach.md", SEED_TEXT)

    assert re.fullmatch(r"Đọc tệp quá 0,05 giây \(mới đọc được \d trong 24 nhiệm vụ\), vượt giới hạn thời gian đọc "
                        r"một kế hoạch\..*", message)


@pytest.mark.django_db
def test_the_browser_shows_the_bound_and_saves_nothing(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])

    response = client.post(UPLOAD, {"file": SimpleUploadedFile("ke-hoach.md", plan_with_groups(61).encode())})

    assert response.status_code == 400
    assert "Tệp có 62 nhóm nhiệm vụ, vượt giới hạn 60 nhóm của một kế hoạch." in response.content.decode()
    assert Plan.objects.count() == 0
