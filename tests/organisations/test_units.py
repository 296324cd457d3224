"""The tree of units: path, depth and ward derived on save; moving a unit carries its subtree along."""

import pytest

from organisations.models import PATH_STEP, Unit, UnitKind

pytestmark = pytest.mark.django_db


def test_path_depth_and_ward_are_derived_on_save(city):
    ward = Unit.objects.create(parent=city, kind=UnitKind.WARD, code="phuong-moi", name="Đảng ủy phường Mới")
    cell = Unit.objects.create(parent=ward, kind=UnitKind.PARTY_CELL, code="phuong-moi-cb-1", name="Chi bộ số 1")

    assert city.path == f"{city.pk:0{PATH_STEP}d}/" and city.depth == 0 and city.ward is None
    assert ward.path == f"{city.path}{ward.pk:0{PATH_STEP}d}/" and ward.depth == 1
    assert ward.ward == ward
    assert cell.path == f"{ward.path}{cell.pk:0{PATH_STEP}d}/" and cell.depth == 2
    assert cell.ward == ward
    cell.refresh_from_db()
    assert cell.ward_id == ward.pk and cell.path.startswith(ward.path)


def test_ancestors_and_descendants_follow_the_path(ward_a):
    group = ward_a.unit("tdp-1")

    assert list(group.ancestors()) == [ward_a.ward.parent, ward_a.ward]
    assert group in ward_a.ward.descendants()
    assert ward_a.ward not in ward_a.ward.descendants(include_self=False)
    assert set(ward_a.ward.descendants(include_self=False)) == set(Unit.objects.filter(parent=ward_a.ward))


def test_moving_a_unit_to_another_ward_moves_its_subtree(ward_a, ward_b):
    group = ward_a.unit("tdp-1")
    household_group = Unit.objects.create(parent=group, kind=UnitKind.OTHER, code="phuong-a-tdp-1-lg-1",
                                          name="Tổ liên gia số 1")

    group.parent = ward_b.ward
    group.save()

    household_group.refresh_from_db()
    assert group.ward == ward_b.ward and group.path.startswith(ward_b.ward.path)
    assert household_group.ward == ward_b.ward
    assert household_group.path == f"{group.path}{household_group.pk:0{PATH_STEP}d}/"
    assert not ward_a.ward.descendants().filter(pk__in=[group.pk, household_group.pk]).exists()


def test_a_moved_unit_leaves_the_old_wards_scope(ward_a, ward_b):
    group = ward_a.unit("tdp-1")
    officer_a, officer_b = ward_a.users["officer_ubnd"], ward_b.users["officer_ubnd"]
    assert Unit.objects.restrict(officer_a).filter(pk=group.pk).exists()

    group.parent = ward_b.ward
    group.save()

    assert not Unit.objects.restrict(officer_a).filter(pk=group.pk).exists()
    assert Unit.objects.restrict(officer_b).filter(pk=group.pk).exists()


def test_group_leader_of_a_moved_group_follows_it(ward_a, ward_b):
    leader = ward_a.users["group_leader"]  # leads residential group no. 1 of ward A
    group = leader.unit

    group.parent = ward_b.ward
    group.save()
    leader.refresh_from_db()

    assert leader.ward == ward_b.ward
    assert Unit.objects.restrict(leader).filter(pk=ward_b.unit("ubnd").pk).exists()
    assert not Unit.objects.restrict(leader).filter(pk=ward_a.unit("ubnd").pk).exists()
