"""Fixtures shared by every app's tests: a city with two wards, the 2024 plan, one user per role."""

import shutil
import tempfile
from dataclasses import dataclass

import pytest
from django.test import Client

from organisations.demo import create_ward, ensure_user
from organisations.models import Role, Unit, UnitKind
from tests.support.accounts import PASSWORD

pytest_plugins = ["tests.support.celery_worker", "tests.support.browser"]


def pytest_configure(config):
    """Compile the translations when a .po is newer than its .mo (scripts/setup does it too), so a plain
    pytest run in a fresh checkout serves English and the Vietnamese overrides."""
    import subprocess
    from pathlib import Path

    for po in Path(__file__).resolve().parents[1].glob("locale/*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True)
def _live_dashboards(settings):
    """Dashboards compute their figures on every request in tests (the cache would carry figures from one test's
    ward into the next one's); tests/reports/test_dashboard_cache.py turns the cache on."""
    settings.DANVAN_DASHBOARD_CACHE_SECONDS = 0
    settings.DANVAN_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _media_root(settings):
    """Uploaded files go to a throw-away folder, never into var/."""
    folder = tempfile.mkdtemp(prefix="danvan-media-")
    settings.MEDIA_ROOT = folder
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Tasks run in-process unless a test asks for the real worker (``celery_worker_process``): with CI's broker
    configured, a plain ``delay()`` would otherwise queue a message that no worker of the test run consumes."""
    from danvan.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Each test starts in the portal's language: a request in English leaves English active in the thread, and the
    next test's Vietnamese labels would otherwise depend on which test ran before it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Ward:
    ward: Unit
    units: dict
    users: dict

    def unit(self, key):
        return self.units[key]




def _make_ward(city, code, name):
    units = create_ward(city, code, name)
    users = {
        "standing": ensure_user(f"{code}.thuongvu", PASSWORD, units["dang-uy"], Role.STANDING),
        "bloc": ensure_user(f"{code}.khoidv", PASSWORD, units["khoi-dan-van"], Role.BLOC),
        "officer_ubnd": ensure_user(f"{code}.ubnd", PASSWORD, units["ubnd"], Role.OFFICER),
        "officer_mttq": ensure_user(f"{code}.mttq", PASSWORD, units["mttq"], Role.OFFICER),
        "religion": ensure_user(f"{code}.tongiao", PASSWORD, units["bcd-ton-giao"], Role.STEERING),
        "democracy": ensure_user(f"{code}.qcdc", PASSWORD, units["bcd-qcdc"], Role.STEERING),
        "group_leader": ensure_user(f"{code}.tdp1", PASSWORD, units["tdp-1"], Role.GROUP_LEADER),
    }
    return Ward(units["dang-uy"], units, users)


@pytest.fixture
def city(db):
    return Unit.objects.create(code="tp-test", kind=UnitKind.CITY, name="Thành ủy Thử nghiệm")


@pytest.fixture
def ward_a(city):
    return _make_ward(city, "phuong-a", "phường An Hòa")


@pytest.fixture
def ward_b(city):
    return _make_ward(city, "phuong-b", "phường Bình Minh")


@pytest.fixture
def admin_user(db, city):
    return ensure_user("quantri-test", PASSWORD, city, Role.ADMIN, is_superuser=True)


@pytest.fixture
def city_viewer(city):
    return ensure_user("thanhpho-test", PASSWORD, city, Role.CITY_VIEWER)


@pytest.fixture
def plan_a(ward_a):
    from plans.loader import load_plan, read_seed_plan

    return load_plan(read_seed_plan(), ward_a.ward)


@pytest.fixture
def plan_b(ward_b):
    from plans.loader import load_plan, read_seed_plan

    return load_plan(read_seed_plan(), ward_b.ward)


@pytest.fixture
def client_for():
    """A browser client logged in as the given user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for():
    from rest_framework.test import APIClient

    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def set_today(monkeypatch):
    """Freeze the portal's date for one test: ``set_today(date(2024, 9, 20))``. Every module reads the date through
    ``core.periods.today()``, so this one patch reaches them all."""
    from core import periods

    def freeze(day):
        monkeypatch.setattr(periods, "today", lambda: day)
        return day

    return freeze
