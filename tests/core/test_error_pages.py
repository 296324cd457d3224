"""The error pages officials may meet in production speak Vietnamese and say what to do, instead of Django's
English defaults: a bad request (400), a form whose CSRF token expired (403) and a server error (500)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_bad_request_answers_a_vietnamese_page():
    response = Client().get("/", HTTP_HOST="ke-gia-mao.example")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu không hợp lệ" in page and "Bad Request" not in page


def test_an_expired_form_answers_a_vietnamese_page_saying_to_reload(ward_a):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "phuong-a.khoidv", "password": "sai"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Hãy tải lại trang" in page and "CSRF verification failed" not in page


def test_a_server_error_answers_a_vietnamese_page(ward_a, monkeypatch):
    from core.views import NotificationListView

    def broken(self):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(NotificationListView, "get_queryset", broken)
    client = Client(raise_request_exception=False)
    client.force_login(ward_a.users["bloc"])

    response = client.get(reverse("core:notifications"))

    assert response.status_code == 500
    page = response.content.decode()
    assert "Lỗi máy chủ" in page and "hãy báo cho quản trị viên" in page and "Server Error" not in page
