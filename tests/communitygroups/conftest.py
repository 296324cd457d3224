"""Fixtures of the community-groups tests: a group per residential group, households, activities."""

from datetime import date

import pytest

from communitygroups.models import CommunityGroup, Household, InterFamilyGroup, household_key


@pytest.fixture
def groups_a(ward_a):
    """{"tdp-1": group, …} for every residential group of ward A."""
    return {key: CommunityGroup.objects.create(residential_group=unit)
            for key, unit in ward_a.units.items() if key.startswith("tdp-")}


@pytest.fixture
def groups_b(ward_b):
    return {key: CommunityGroup.objects.create(residential_group=unit)
            for key, unit in ward_b.units.items() if key.startswith("tdp-")}


@pytest.fixture
def leader(ward_a, client_for):
    """A client logged in as the leader of residential group no. 1's community group."""
    return client_for(ward_a.users["group_leader"])


@pytest.fixture
def bloc(ward_a, client_for):
    return client_for(ward_a.users["bloc"])


def make_households(group, count, interfamily=None, start=1, street="Ngõ 5 Lê Lợi", zalo=False):
    """``count`` households numbered from ``start``; returns them (bulk-created: tests of figures)."""
    rows = [Household(group=group, inter_family_group=interfamily, address=f"Số {n} {street}",
                      head_name=f"Nguyễn Văn Hộ {n}", members_count=1 + n % 5, zalo_joined=zalo)
            for n in range(start, start + count)]
    for row in rows:
        row.dedup_key = household_key(row.address, row.head_name)
        row.search_text = row.build_search_text()
    return Household.objects.bulk_create(rows)


def make_interfamily(group, name, leader="Trần Thị Liên"):
    return InterFamilyGroup.objects.create(group=group, name=name, leader_name=leader)


A_SUNDAY = date(2024, 3, 3)
