"""The desk page carries a QR code of the citizens' rating page, made on the server, and a sheet to print it."""

import re

import segno
from django.urls import reverse

from core.qr import ERROR_LEVEL


def _qr_path(svg):
    return re.search(r'<path class="qr-dark"[^>]* d="([^"]+)"', svg).group(1)


def test_the_desk_page_shows_the_qr_code_of_its_rating_page(ward_a, desk, client_for):
    response = client_for(ward_a.users["bloc"]).get(reverse("satisfaction:desk_detail", args=[desk.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    rating_url = "http://testserver" + reverse("satisfaction:qr_page", args=[desk.public_code])
    expected = segno.make(rating_url, error=ERROR_LEVEL, micro=False).svg_inline(scale=1, border=4, lineclass="qr-dark")
    assert '<svg role="img"' in html
    assert _qr_path(html) == _qr_path(expected)
    assert reverse("satisfaction:desk_qr_poster", args=[desk.pk]) in html


def test_the_printable_sheet_has_the_code_the_desk_name_and_the_address(ward_a, desk, client_for):
    response = client_for(ward_a.users["bloc"]).get(reverse("satisfaction:desk_qr_poster", args=[desk.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    rating_url = "http://testserver" + reverse("satisfaction:qr_page", args=[desk.public_code])
    expected = segno.make(rating_url, error=ERROR_LEVEL, micro=False).svg_inline(scale=1, border=4, lineclass="qr-dark")
    assert _qr_path(html) == _qr_path(expected)
    assert desk.name in html and rating_url in html
    assert "Quét mã để đánh giá sự hài lòng" in html
    assert f"<title>In mã QR – {desk.name}" in html


def test_another_wards_bloc_cannot_print_the_desks_code(ward_b, desk, client_for):
    response = client_for(ward_b.users["bloc"]).get(reverse("satisfaction:desk_qr_poster", args=[desk.pk]))

    assert response.status_code == 404


def test_the_kiosk_service_worker_is_served_to_anyone_from_the_rating_pages_folder(client, desk):
    kiosk = client.get(reverse("satisfaction:kiosk_page", args=[desk.public_code]))
    worker_url = reverse("satisfaction:service_worker")
    worker = client.get(worker_url)

    # The worker's folder decides which pages it may control: it must hold the kiosk page.
    assert reverse("satisfaction:kiosk_page", args=[desk.public_code]).startswith(worker_url.rsplit("/", 1)[0] + "/")
    assert f'data-service-worker="{worker_url}"' in kiosk.content.decode()
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert b'addEventListener("fetch"' in worker.content
    # The citizens' QR page on their own phones does not install it.
    qr = client.get(reverse("satisfaction:qr_page", args=[desk.public_code]))
    assert "data-service-worker" not in qr.content.decode()
