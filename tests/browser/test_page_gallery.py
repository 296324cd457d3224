"""The main pages on a desktop and on a phone: screenshots for people to look at, and the checks a
screenshot would show at a glance (nothing wider than the screen, the menu in the right state)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import periods
from plans.models import AreaKind, Recurrence, Task
from plans.services import record_progress
from tests.support.browser import DESKTOP, PHONE, horizontal_overflow, login, screenshot, small_png

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_main_pages_fit_the_screen(new_page, live_server, ward_a, plan_a, size):
    # Arrange: a task with a report and evidence, so that the task page shows all its parts.
    viewport = {"desktop": DESKTOP, "phone": PHONE}[size]
    bloc = ward_a.users["bloc"]
    task = Task.objects.filter(
        plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence=Recurrence.ONCE, area__kind=AreaKind.FRIENDLY_GOVERNMENT
    ).first()
    record_progress(
        task,
        percent=30,
        note="Đã khảo sát, chuẩn bị lắp bảng nhận diện tại bộ phận một cửa.",
        reported_on=periods.today() - timedelta(days=3),
        author=bloc,
        unit=bloc.unit,
        files=[SimpleUploadedFile("anh-hien-truong.png", small_png(), content_type="image/png")],
    )
    page = new_page(viewport)
    pages = {
        "home": "/",
        "plan": f"/ke-hoach/{plan_a.pk}/",
        "task": f"/nhiem-vu/{task.pk}/",
        "task-list": "/nhiem-vu/",
        "plan-list": "/ke-hoach/",
    }

    # Act / Assert: the login page first, then every page of the signed-in user.
    page.goto(f"{live_server.url}/dang-nhap/")
    screenshot(page, f"{size}-login")
    overflow = {"login": horizontal_overflow(page)}
    login(page, live_server, bloc)
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{name}: {response.status}"
        screenshot(page, f"{size}-{name}")
        overflow[name] = horizontal_overflow(page)
        assert page.locator("#mainnav").is_visible() == (size == "desktop")

    assert overflow == dict.fromkeys(overflow, 0), f"pages wider than the {size} screen (px): {overflow}"
