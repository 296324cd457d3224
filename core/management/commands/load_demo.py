"""Load the demo: a city, the demo ward with the real 2024 plan and some progress, a second ward, logins."""

import random
from datetime import date, datetime, timedelta
from importlib import import_module

from auditlog.context import disable_auditlog
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from organisations.demo import DEMO_LOGINS, DEMO_PASSWORD, create_ward, ensure_person, ensure_user
from organisations.models import Person, Unit, UnitKind
from plans.loader import load_plan, read_seed_plan
from plans.models import CellAssignment, Plan, Recurrence
from plans.services import occurrences, record_progress, today

CITY_CODE = "tp-bac-giang"
DEMO_WARD = ("hoa-binh", "phường Hòa Bình")
SECOND_WARD = ("thong-nhat", "phường Thống Nhất")

STANDING_MEMBERS = [
    ("Đỗ Huy Hoàng", "Bí thư Đảng ủy"),
    ("Nguyễn Văn Thường", "Phó Bí thư Thường trực Đảng ủy"),
    ("Ngô Thị Lan", "Ủy viên Ban Thường vụ, Trưởng Khối Dân vận"),
]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: phường mẫu với Kế hoạch dân vận 2024, một phường thứ hai và tài khoản mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Không in danh sách tài khoản.")

    def handle(self, *args, **options):
        with transaction.atomic(), disable_auditlog():
            city = Unit.objects.filter(code=CITY_CODE).first() or Unit(code=CITY_CODE)
            city.kind, city.name, city.short_name = UnitKind.CITY, "Thành ủy Bắc Giang", "Thành ủy"
            city.save()
            wards = {}
            for code, name in (DEMO_WARD, SECOND_WARD):
                wards[code] = create_ward(city, code, name)
            created = []
            for code, units in wards.items():
                ward = units["dang-uy"]
                if Plan.objects.filter(ward=ward).exists():
                    continue
                plan = load_plan(read_seed_plan(), ward)
                created.append(plan)
                self._people_and_assignments(plan, units)
                self._progress(plan, units, seed=1 if code == DEMO_WARD[0] else 2)
            self._area_demos(wards)
            self._quarterly_report(wards[DEMO_WARD[0]]["dang-uy"])
            demo_units = wards[DEMO_WARD[0]]
            for username, key, role, name, _what in DEMO_LOGINS:
                unit = city if key is None else demo_units[key]
                last, _sep, first = name.rpartition(" ")
                # The login of a unit's head is that person (the chairman approves disclosures, sees reviews).
                person = Person.objects.filter(unit=unit, full_name=name).first() if key else None
                ensure_user(username, DEMO_PASSWORD, unit, role, first_name=first, last_name=last,
                            is_superuser=(role == "admin"), person=person)
            ensure_user("khoidanvan.tn", DEMO_PASSWORD, wards[SECOND_WARD[0]]["khoi-dan-van"], "bloc",
                        first_name="Bình", last_name="Lý Thị")
        self.stdout.write(self.style.SUCCESS(
            f"Đã nạp dữ liệu mẫu: {len(wards)} phường, {len(created)} kế hoạch mới."
        ))
        if not options["quiet_logins"]:
            self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
            for username, _key, _role, _name, what in DEMO_LOGINS:
                self.stdout.write(f"  {username:<16} {what}")
            self.stdout.write(f"  {'khoidanvan.tn':<16} Khối Dân vận {SECOND_WARD[1]} (phường thứ hai)")

    def _area_demos(self, wards):
        """Each area app may ship demo records: a ``load_demo(ward_units, rng)`` in its ``demo`` module."""
        for config in apps.get_app_configs():
            if config.name in ("organisations", "core"):
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            loader = getattr(module, "load_demo", None)
            if loader is None:
                continue
            for index, units in enumerate(wards.values(), start=1):
                loader(units, random.Random(index))

    def _quarterly_report(self, ward):
        """The Q1 2024 draft, prepared as the Celery job would, with two units having reported."""
        from reports import services
        from reports.models import UnitReport

        report = services.prepare_draft(ward.pk, 2024, 1)
        for unit_report in UnitReport.objects.filter(report=report).select_related("unit")[:2]:
            if not unit_report.text:
                unit_report.text = f"{unit_report.unit.name} đã xây dựng kế hoạch thực hiện và triển khai đến cơ sở."
                unit_report.state = "submitted"
                unit_report.submitted_at = timezone.make_aware(datetime(2024, 3, 8, 9, 0))
                unit_report.save()

    def _people_and_assignments(self, plan, units):
        ward = units["dang-uy"]
        members = [
            ensure_person(ward, name, position, is_standing_member=True) for name, position in STANDING_MEMBERS
        ]
        heads = {
            "ubnd": ("Lê Văn Chính", "Chủ tịch UBND phường"),
            "mttq": ("Phạm Thị Mặt", "Chủ tịch Ủy ban MTTQ phường"),
            "doan-tn": ("Bùi Văn Thanh", "Bí thư Đoàn phường"),
            "hoi-pn": ("Đinh Thị Hoa", "Chủ tịch Hội LHPN phường"),
            "hoi-ccb": ("Trịnh Văn Cựu", "Chủ tịch Hội CCB phường"),
            "khoi-dan-van": ("Ngô Thị Lan", "Trưởng Khối Dân vận"),
        }
        for key, (name, position) in heads.items():
            ensure_person(units[key], name, position, is_unit_head=True)
        cells = [unit for key, unit in units.items() if unit.kind == UnitKind.PARTY_CELL]
        for index, cell in enumerate(sorted(cells, key=lambda u: u.order)):
            CellAssignment.objects.get_or_create(plan=plan, party_cell=cell,
                                                 defaults={"member": members[index % len(members)]})

    def _progress(self, plan, units, seed):
        """Some believable progress up to today: most occurrences met, a few missed, one-off tasks under way."""
        rng = random.Random(seed)
        now = today()
        author_unit = units["khoi-dan-van"]
        for task in plan.tasks.select_related("plan", "lead_unit").order_by("pk"):
            if task.recurrence == Recurrence.ONCE:
                if task.due_date:
                    record_progress(task, percent=100, note="Đã hoàn thành và gửi Thường trực Đảng ủy.",
                                    reported_on=task.due_date - timedelta(days=2), unit=task.lead_unit)
                else:
                    first, second = sorted(rng.sample(range(10, 90, 10), 2))
                    record_progress(task, percent=first, note="Đã ban hành văn bản triển khai, phổ biến đến cơ sở.",
                                    reported_on=date(2024, 2, 20) + timedelta(days=rng.randint(0, 20)),
                                    unit=task.lead_unit)
                    record_progress(task, percent=second, note="Đang triển khai theo kế hoạch.",
                                    reported_on=now - timedelta(days=rng.randint(10, 60)), unit=task.lead_unit)
                continue
            dues = occurrences(task, end=now)
            # Leave the most recent occurrence open on some tasks so the demo shows overdue work.
            skip_last = task.recurrence == Recurrence.WEEKLY or rng.random() < 0.3
            for index, due in enumerate(dues):
                if skip_last and index == len(dues) - 1:
                    break
                if task.recurrence == Recurrence.WEEKLY and rng.random() < 0.08:
                    continue
                unit = author_unit if task.lead_unit.kind == UnitKind.MOBILIZATION_BLOC else task.lead_unit
                record_progress(task, percent=100, note="Đã thực hiện đúng kỳ.", reported_on=min(due, now),
                                occurrence_due=due, unit=unit)
