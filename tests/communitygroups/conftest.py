"""Fixtures of the community-groups tests: a group per residential group, households, activities."""


import pytest

from communitygroups.models import CommunityGroup


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






