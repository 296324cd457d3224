"""Test data helpers shared by the communitygroups tests and others."""

from datetime import date

from communitygroups.models import Household, InterFamilyGroup, household_key


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
