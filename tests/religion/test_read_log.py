"""Every read of a record is logged with user and time, and the committee sees that log."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from religion.models import Establishment, KeyPerson, WatchReport

pytestmark = pytest.mark.django_db

ACCESS = LogEntry.Action.ACCESS


def reads_of(obj):
    return LogEntry.objects.get_for_object(obj).filter(action=ACCESS)


def test_opening_a_page_logs_the_read_with_user_and_ward(ward_a, religion_a, client_for):
    person = religion_a[KeyPerson]
    user = ward_a.users["religion"]

    response = client_for(user).get(reverse("religion:keyperson_detail", args=[person.pk]))

    assert response.status_code == 200
    entry = reads_of(person).get()
    assert entry.actor == user
    assert entry.additional_data == {"ward": ward_a.ward.pk}
    assert entry.timestamp is not None
    assert entry.remote_addr == "127.0.0.1"


def test_a_read_through_the_trusted_proxy_logs_the_client_address(ward_a, religion_a, client_for, settings):
    settings.DANVAN_TRUSTED_PROXIES = ["127.0.0.1"]
    person = religion_a[KeyPerson]
    client = client_for(ward_a.users["religion"])

    client.get(reverse("religion:keyperson_detail", args=[person.pk]), HTTP_X_FORWARDED_FOR="198.51.100.4")
    client.get(reverse("religion:keyperson_list"), HTTP_X_FORWARDED_FOR="198.51.100.5")

    assert list(reads_of(person).order_by("pk").values_list("remote_addr", flat=True)) == [
        "198.51.100.4", "198.51.100.5"]


def test_the_object_page_lists_its_reads_apart_from_its_changes(ward_a, religion_a, client_for):
    report = religion_a[WatchReport]
    client = client_for(ward_a.users["standing"])
    client.get(reverse("religion:watch_detail", args=[report.pk]))

    html = client.get(reverse("religion:watch_detail", args=[report.pk])).content.decode()

    history, reads = html.split('id="lich-su"')[1].split('id="luot-xem"')
    assert "Lượt xem hồ sơ (2)" in reads
    assert str(ward_a.users["standing"]) in reads
    assert ">Xem<" not in history


def test_an_api_retrieve_logs_the_read(ward_a, religion_a, api_for):
    report = religion_a[WatchReport]
    user = ward_a.users["religion"]

    response = api_for(user).get(f"/api/religion/watch-reports/{report.pk}/")

    assert response.status_code == 200
    entry = reads_of(report).get()
    assert entry.actor == user


def test_a_list_logs_every_row_it_shows_in_one_insert(ward_a, religion_a, client_for, api_for):
    user = ward_a.users["religion"]
    establishments = list(Establishment.objects.filter(ward=ward_a.ward))

    client_for(user).get(reverse("religion:establishment_list"))
    api_for(user).get("/api/religion/establishments/")

    for establishment in establishments:
        entries = reads_of(establishment)
        assert entries.count() == 2
        assert all(e.actor == user and e.additional_data["via"] == "list" for e in entries)


def test_refused_requests_log_nothing(ward_a, religion_a, client_for, api_for):
    person = religion_a[KeyPerson]
    officer = ward_a.users["officer_ubnd"]

    client_for(officer).get(reverse("religion:keyperson_detail", args=[person.pk]))
    api_for(officer).get(f"/api/religion/key-persons/{person.pk}/")

    assert not reads_of(person).exists()


def test_the_committee_sees_the_access_log_of_its_ward_only(ward_a, ward_b, religion_a, religion_b, client_for):
    reader_a = ward_a.users["religion"]
    reader_b = ward_b.users["religion"]
    client_for(reader_a).get(reverse("religion:keyperson_detail", args=[religion_a[KeyPerson].pk]))
    client_for(reader_b).get(reverse("religion:keyperson_detail", args=[religion_b[KeyPerson].pk]))

    page = client_for(ward_a.users["standing"]).get(reverse("religion:access_log"), {"action": ACCESS})

    entries = list(page.context["object_list"])
    assert entries and all(e.additional_data["ward"] == ward_a.ward.pk for e in entries)
    assert {e.actor for e in entries} == {reader_a}
    html = page.content.decode()
    assert reverse("religion:keyperson_detail", args=[religion_a[KeyPerson].pk]) in html
    assert reverse("religion:keyperson_detail", args=[religion_b[KeyPerson].pk]) not in html


def test_the_access_log_is_filtered_by_action_and_actor(ward_a, religion_a, client_for):
    reader = ward_a.users["religion"]
    client_for(reader).get(reverse("religion:keyperson_detail", args=[religion_a[KeyPerson].pk]))
    client = client_for(ward_a.users["standing"])

    reads = client.get(reverse("religion:access_log"), {"action": ACCESS, "actor": reader.username})
    creations = client.get(reverse("religion:access_log"), {"action": LogEntry.Action.CREATE})

    assert {e.action for e in reads.context["object_list"]} == {ACCESS}
    assert {e.actor for e in reads.context["object_list"]} == {reader}
    assert {e.action for e in creations.context["object_list"]} == {LogEntry.Action.CREATE}


def test_the_access_log_api_lists_the_ward_entries(ward_a, ward_b, religion_a, religion_b, api_for, client_for):
    client_for(ward_b.users["religion"]).get(reverse("religion:keyperson_detail", args=[religion_b[KeyPerson].pk]))
    client_for(ward_a.users["religion"]).get(reverse("religion:keyperson_detail", args=[religion_a[KeyPerson].pk]))

    rows = api_for(ward_a.users["religion"]).get("/api/religion/access-log/", {"action": ACCESS}).json()["results"]

    assert [row["object_repr"] for row in rows] == [str(religion_a[KeyPerson])]
    assert rows[0]["action_name"] == "access"
