"""The API's errors: 401 with a challenge when the client is not authenticated, and Django REST framework's own
messages in Vietnamese (it ships Vietnamese for a handful only), English for a client that asks for it."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_no_credentials_answer_401_with_a_token_challenge_in_vietnamese(ward_a):
    response = APIClient().get("/api/plans/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"].startswith("Bạn chưa đăng nhập: hãy gửi token")


def test_a_bad_token_answers_401_in_vietnamese_and_a_good_token_or_session_still_reads(ward_a, client_for):
    token = Token.objects.create(user=ward_a.users["bloc"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token khong-phai-token-that")

    response = client.get("/api/plans/")

    assert response.status_code == 401
    assert response.json()["detail"].startswith("Token không hợp lệ")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/plans/").status_code == 200
    assert client_for(ward_a.users["bloc"]).get("/api/plans/").status_code == 200


def test_relation_errors_read_in_vietnamese(ward_a, plan_a, api_for):
    api = api_for(ward_a.users["bloc"])

    missing = api.patch(f"/api/plans/{plan_a.pk}/", {"parent": 987654}, format="json")
    wrong_type = api.patch(f"/api/plans/{plan_a.pk}/", {"parent": [1]}, format="json")
    no_title = api.patch(f"/api/plans/{plan_a.pk}/", {"title": None}, format="json")

    assert missing.status_code == wrong_type.status_code == no_title.status_code == 400
    assert missing.json() == {"parent": [
        "Không có mục mã “987654” trong phạm vi bạn được chọn: hãy gửi mã của một mục có trong danh sách."]}
    assert wrong_type.json() == {"parent": [
        "Sai kiểu dữ liệu: hãy gửi mã số (id) của mục cần chọn, không phải list."]}
    assert no_title.json() == {"title": ["Trường này phải có giá trị, không được là null."]}
    # English, the second locale, keeps the framework's own words.
    api.cookies["django_language"] = "en"
    english = api.patch(f"/api/plans/{plan_a.pk}/", {"parent": 987654}, format="json")
    assert english.json() == {"parent": ['Invalid pk "987654" - object does not exist.']}

