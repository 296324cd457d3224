"""Nothing a logged-in official sees stays in a browser's or a proxy's cache on a shared office computer: pages,
the API, exports and evidence files answer ``Cache-Control: private, no-store``; the citizens' public pages and
static files keep their own caching."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.models import Attachment
from plans.models import Task
from tests.support.files import PNG

pytestmark = pytest.mark.django_db



def _private(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_pages_exports_files_and_the_api_of_a_logged_in_user_are_not_cached(ward_a, plan_a, client_for):
    officer = client_for(ward_a.users["officer_ubnd"])
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence="once").first()
    officer.post(reverse("plans:progress_add", args=[task.pk]),
                 {"reported_on": "02/05/2024", "percent": 50, "note": "Có minh chứng",
                  "evidence": SimpleUploadedFile("anh.png", PNG)})
    token = Token.objects.create(user=ward_a.users["bloc"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert _private(officer.get(reverse("home")))
    assert _private(officer.get(task.get_absolute_url()))
    assert _private(officer.get(reverse("plans:task_export")))
    assert _private(officer.get(Attachment.objects.get().get_absolute_url()))
    assert _private(api.get("/api/plans/"))  # a token, no session
    assert _private(APIClient().get("/api/plans/"))  # the 401 too


def test_public_pages_and_static_files_keep_their_own_caching(ward_a, client_for):
    from satisfaction.models import ServiceDesk

    desk = ServiceDesk.objects.create(unit=ward_a.units["ubnd"], name="Quầy số 1")

    url = reverse("satisfaction:qr_page", args=[desk.public_code])
    bloc = client_for(ward_a.users["bloc"])

    rating_page = Client().get(url)
    stylesheet = bloc.get("/static/css/portal.css")

    assert rating_page.status_code == 200 and rating_page["Cache-Control"] == "no-cache"
    assert stylesheet.status_code == 200 and "no-store" not in stylesheet.get("Cache-Control", "")
    # The same page opened by a logged-in official is not cached: its layout names the user.
    assert _private(bloc.get(url))
