"""The main pages are kept whole per user and session for a short time (DANVAN_PAGE_CACHE_SECONDS, on with a shared
cache in production) and dropped the moment the data they show changes: core/pagecache.py, issue 19."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Task
from reports.tasks import refresh_ward_summaries

pytestmark = pytest.mark.django_db

TASK_LIST = reverse("plans:task_list")
# A kept page costs the session, the user and the user's unit (which ward's version to read): nothing of the page.
KEPT_PAGE_QUERIES = 3


@pytest.fixture(autouse=True)
def kept_pages(settings):
    settings.DANVAN_PAGE_CACHE_SECONDS = 60
    cache.clear()


@pytest.fixture
def task_a(plan_a):
    return Task.objects.filter(plan=plan_a).order_by("pk").first()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def rename(client, task, title, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(f"/api/tasks/{task.pk}/", {"title": title}, content_type="application/json")
    assert response.status_code == 200, response.content


def test_a_second_opening_is_served_whole_without_the_pages_queries(ward_a, task_a, client_for):
    client = client_for(ward_a.users["bloc"])
    first, html = queries_of(client, TASK_LIST)
    again, kept = queries_of(client, TASK_LIST)

    assert first > KEPT_PAGE_QUERIES
    assert again <= KEPT_PAGE_QUERIES
    assert task_a.title in kept


def test_without_the_setting_every_opening_is_rendered(ward_a, task_a, client_for, settings):
    settings.DANVAN_PAGE_CACHE_SECONDS = 0
    client = client_for(ward_a.users["bloc"])
    first, _html = queries_of(client, TASK_LIST)
    again, _html = queries_of(client, TASK_LIST)

    assert again == first


def test_a_change_by_a_colleague_of_the_ward_shows_at_once(ward_a, task_a, client_for,
                                                            django_capture_on_commit_callbacks):
    reader = client_for(ward_a.users["standing"])
    queries_of(reader, TASK_LIST)
    rename(client_for(ward_a.users["bloc"]), task_a, "Đối thoại với thanh niên khu phố 3",
           django_capture_on_commit_callbacks)

    again, html = queries_of(reader, TASK_LIST)

    assert "Đối thoại với thanh niên khu phố 3" in html
    assert again > KEPT_PAGE_QUERIES


def test_a_change_in_another_ward_keeps_this_wards_pages(ward_a, ward_b, task_a, plan_b, client_for,
                                                         django_capture_on_commit_callbacks):
    reader = client_for(ward_a.users["bloc"])
    queries_of(reader, TASK_LIST)
    other = Task.objects.filter(plan=plan_b).first()
    rename(client_for(ward_b.users["bloc"]), other, "Việc của phường Bình Minh", django_capture_on_commit_callbacks)

    again, _html = queries_of(reader, TASK_LIST)

    assert again <= KEPT_PAGE_QUERIES


def test_a_change_from_the_city_drops_every_wards_pages(ward_a, task_a, admin_user, client_for,
                                                        django_capture_on_commit_callbacks):
    reader = client_for(ward_a.users["bloc"])
    queries_of(reader, TASK_LIST)
    rename(client_for(admin_user), task_a, "Tên do quản trị sửa", django_capture_on_commit_callbacks)

    _queries, html = queries_of(reader, TASK_LIST)

    assert "Tên do quản trị sửa" in html


def test_a_background_job_that_writes_drops_the_kept_pages(ward_a, city_viewer, client_for,
                                                          django_capture_on_commit_callbacks):
    reader = client_for(city_viewer)
    city = reverse("reports:city")
    queries_of(reader, city)
    queries_of(reader, city)
    assert queries_of(reader, city)[0] <= KEPT_PAGE_QUERIES

    with django_capture_on_commit_callbacks(execute=True):
        refresh_ward_summaries.delay()

    assert queries_of(reader, city)[0] > KEPT_PAGE_QUERIES


def test_a_one_time_message_is_shown_once_and_not_kept(ward_a, plan_a, client_for,
                                                       django_capture_on_commit_callbacks):
    officer = ward_a.users["officer_ubnd"]
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence="once").first()
    client = client_for(officer)
    queries_of(client, TASK_LIST)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:progress_add", args=[task.pk]),
                    {"reported_on": "02/05/2024", "percent": 60, "note": "Đã làm"})

    _queries, with_message = queries_of(client, TASK_LIST)
    _queries, after = queries_of(client, TASK_LIST)

    assert "Đã lưu báo cáo tiến độ." in with_message
    assert "Đã lưu báo cáo tiến độ." not in after


def test_a_locked_account_is_not_served_its_kept_page(ward_a, task_a, client_for):
    bloc = ward_a.users["bloc"]
    client = client_for(bloc)
    queries_of(client, TASK_LIST)
    get_user_model().objects.filter(pk=bloc.pk).update(is_active=False)

    response = client.get(TASK_LIST)

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_each_user_is_served_only_their_own_page(ward_a, task_a, client_for):
    bloc, officer = ward_a.users["bloc"], ward_a.users["officer_mttq"]
    _queries, for_bloc = queries_of(client_for(bloc), reverse("home"))
    _queries, for_officer = queries_of(client_for(officer), reverse("home"))

    assert str(bloc) in for_bloc
    assert str(officer) in for_officer
    assert str(bloc) not in for_officer
