""""Việc chờ bạn" on the home page: each role sees what waits for it, with links it may open, and nothing else."""

from datetime import date

import pytest
from django.urls import reverse

from reports import services, workflow

pytestmark = pytest.mark.django_db


def _home(client_for, user):
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="viec-cho-ban"')
    return html[start:html.index("</section>", start)]


def _submitted_report(ward_a):
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    report.results = "Kết quả quý I."
    report.save()
    return workflow.submit(report, ward_a.users["bloc"])


def test_a_submitted_report_waits_for_the_standing_committee_only(ward_a, ward_b, plan_a, client_for):
    report = _submitted_report(ward_a)

    standing = _home(client_for, ward_a.users["standing"])
    bloc = _home(client_for, ward_a.users["bloc"])
    other_ward = _home(client_for, ward_b.users["standing"])

    assert "Báo cáo quý 1/2024 chờ Ban Thường vụ phê duyệt" in standing
    assert f'href="{report.get_absolute_url()}"' in standing
    assert "chờ Ban Thường vụ phê duyệt" not in bloc
    assert "Không có việc nào đang chờ bạn." in other_ward
    # The link opens for the user it is shown to.
    assert client_for(ward_a.users["standing"]).get(report.get_absolute_url()).status_code == 200


def test_a_returned_report_comes_first_for_the_bloc_with_the_comment(ward_a, plan_a, client_for):
    report = _submitted_report(ward_a)
    workflow.return_to_draft(report, ward_a.users["standing"], "Bổ sung kết quả Chủ nhật xanh.")

    bloc = _home(client_for, ward_a.users["bloc"])

    first = bloc[bloc.index("<li"):]
    assert first.index("bị Ban Thường vụ trả lại") < first.index("</li>")
    assert "Bổ sung kết quả Chủ nhật xanh." in bloc
    assert _home(client_for, ward_a.users["standing"]).count("<li") == 0


def test_a_unit_officer_sees_its_own_quarterly_report_to_send_and_its_page_opens(ward_a, plan_a, client_for):
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    mttq_report = report.unit_reports.get(unit=ward_a.unit("mttq"))
    officer = ward_a.users["officer_mttq"]

    html = _home(client_for, officer)

    assert "Gửi báo cáo quý 1/2024 của đơn vị cho Khối Dân vận (hạn 10/03/2024)" in html
    assert f'href="{mttq_report.get_absolute_url()}"' in html
    assert client_for(officer).get(mttq_report.get_absolute_url()).status_code == 200
    workflow.submit_unit_report(mttq_report, officer, "Kết quả của MTTQ.")
    assert "Gửi báo cáo quý 1/2024" not in _home(client_for, officer)
    assert "1 báo cáo của đơn vị chờ tiếp nhận (quý 1/2024)" in _home(client_for, ward_a.users["bloc"])


def test_thinh_su_requests_wait_only_for_those_who_may_see_religion(ward_a, client_for):
    from religion.models import MonkInvitationRequest
    from tests.support.religion import make_establishment

    MonkInvitationRequest.objects.create(ward=ward_a.ward, establishment=make_establishment(ward_a),
                                         monk_name="Thích Minh Đức", requested_by="Ban Trị sự",
                                         submitted_on=date(2024, 9, 2))

    assert "1 đề nghị thỉnh sư chờ xem xét, quyết định" in _home(client_for, ward_a.users["religion"])
    assert "1 đề nghị thỉnh sư chờ xem xét, quyết định" in _home(client_for, ward_a.users["standing"])
    for role in ("bloc", "officer_ubnd", "democracy", "group_leader"):
        assert "thỉnh sư" not in _home(client_for, ward_a.users[role]), role
