"""Load the demo: a city, the demo ward with the real 2024 plan and some progress, a second ward, logins."""

import random
from datetime import date, datetime, time, timedelta
from importlib import import_module

from auditlog.context import disable_auditlog
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import periods
from core.numbers import percent
from organisations.demo import DEMO_LOGINS, DEMO_PASSWORD, create_ward, ensure_person, ensure_user
from organisations.models import Person, Role, Unit, UnitKind, User
from plans.loader import load_plan, read_seed_plan
from plans.models import CellAssignment, Plan, Recurrence
from plans.schedule import occurrences
from plans.services import record_progress

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
                seed_tasks = list(plan.tasks.values_list("pk", flat=True))
                created.append((plan, units, 1 if code == DEMO_WARD[0] else 2, seed_tasks))
                self._people_and_assignments(plan, units)
            self._area_demos(wards)
            # After the areas' records: a task bound to them takes its progress from them. Only the seed's tasks:
            # those an area demo added (a model's own task) keep the progress that demo gave them.
            for plan, units, seed, seed_tasks in created:
                self._progress(plan, units, seed=seed, task_ids=seed_tasks)
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
            for units in wards.values():
                self._next_year_plan(units)
            self._quarterly_reports(wards[DEMO_WARD[0]]["dang-uy"])
        self.stdout.write(self.style.SUCCESS(
            f"Đã nạp dữ liệu mẫu: {len(wards)} phường, {len(created)} kế hoạch mới."
        ))
        for ward_name, count in self.untyped_progress.items():
            self.stdout.write(f"Tiến độ lấy từ hồ sơ của các lĩnh vực ({ward_name}): {count} báo cáo tiến độ "
                              "không phải nhập tay.")
        if not options["quiet_logins"]:
            self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
            for username, _key, _role, _name, what in DEMO_LOGINS:
                self.stdout.write(f"  {username:<16} {what}")
            self.stdout.write(f"  {'khoidanvan.tn':<16} Khối Dân vận {SECOND_WARD[1]} (phường thứ hai)")

    untyped_progress: dict

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.untyped_progress = {}

    _record_progress = staticmethod(record_progress)

    def _next_year_plan(self, units):
        """The demo runs on today's year: the bloc closes the seed plan's year (its yearly summary frozen) and makes
        this year's plan from it with "Lập kế hoạch năm sau", before this year's quarterly reports are prepared."""
        from plans.yearplan import next_year_plan
        from reports.yearly import close_year

        ward = units["dang-uy"]
        year = periods.today().year
        seed = Plan.objects.filter(ward=ward).order_by("starts_on").first()
        if seed is None or seed.year >= year or Plan.objects.filter(ward=ward, starts_on__year=year).exists():
            return
        bloc = User.objects.filter(unit__ward=ward, role=Role.BLOC, is_active=True).order_by("pk").first()
        if not seed.is_closed:
            seed = close_year(seed, bloc)
        plan = next_year_plan(seed, bloc, year, commit=True)["plan"]
        self._progress(plan, units, seed=3)

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

    def _quarterly_reports(self, ward):
        """The quarterly reports a ward holds after a year of use, and the Q1 2024 draft to walk through.

        The four quarters before the current one were each prepared by the job from the data of their cut-off
        period, every unit's results were accepted, the bloc submitted and the Standing Committee approved (so the
        dashboard draws its trends from them, as it does from real past reports). An approved report is never
        touched again and the draft keeps what was written, so a second run adds nothing."""

        past = self._report_quarters()
        users = User.objects.filter(Q(unit=ward) | Q(unit__ward=ward), is_active=True).order_by("pk")
        bloc, standing = users.filter(role=Role.BLOC).first(), users.filter(role=Role.STANDING).first()
        for year, quarter in past:
            if (year, quarter) != self._draft_quarter():
                self._approved_report(ward, year, quarter, bloc, standing)
        self._draft_report(ward)

    @staticmethod
    def _draft_quarter():
        """The quarter whose report is being prepared today: the draft the demo walks through."""
        from reports import services

        return services.next_due(periods.today())

    @staticmethod
    def _report_quarters():
        """The four quarters before the current one: the demo's approved reports."""
        from reports import services

        year, quarter = services.next_due(periods.today())
        past = []
        for _step in range(4):
            year, quarter = periods.previous_quarter(year, quarter)
            past.insert(0, (year, quarter))
        return past

    def _first_report_due(self):
        from reports import services

        quarters = [quarter for quarter in self._report_quarters() if quarter != self._draft_quarter()]
        return services.due_date(*quarters[0]) if quarters else None

    def _approved_report(self, ward, year, quarter, bloc, standing):
        from reports import services, workflow
        from reports.models import ReportStatus, UnitReportState

        report = services.prepare_draft(ward.pk, year, quarter)
        if report.status != ReportStatus.DRAFT:
            return report
        at = self._at
        for index, unit_report in enumerate(report.unit_reports.select_related("unit").order_by("unit__path")):
            unit_report.text = (f"{unit_report.unit.name} đã triển khai các nhiệm vụ được giao trong quý "
                                f"{quarter}/{year}, kèm minh chứng trên Cổng.")
            unit_report.state = UnitReportState.ACCEPTED
            unit_report.submitted_at = at(report.unit_due_date - timedelta(days=1 + index % 4), 9)
            unit_report.reviewed_at = at(report.unit_due_date + timedelta(days=1), 14)
            unit_report.save()
        report = services.prepare_draft(ward.pk, year, quarter)  # the units' timeliness into the figures
        workflow.update_narrative(report, bloc, **self._narrative(report))
        report = workflow.submit(report, bloc)
        report = workflow.approve(report, standing)
        # Submitted and approved before the due date of that quarter, not today.
        approved_on = report.due_date - timedelta(days=1)
        report.submitted_at = at(report.due_date - timedelta(days=3), 10)
        report.approved_at = at(approved_on, 15)
        report.frozen["approved_on"] = approved_on.isoformat()
        report.checksum = services.canonical_checksum(report.frozen)
        report.save(update_fields=["submitted_at", "approved_at", "frozen", "checksum"])
        return report

    @staticmethod
    def _at(day, hour):
        return timezone.make_aware(datetime.combine(day, time(hour, 0)))

    @staticmethod
    def _narrative(report):
        sections = {section["key"]: section.get("data") or {} for section in report.figures.get("sections", [])}
        plan = sections.get("plan", {})
        by_status = plan.get("by_status", {})
        progress = plan.get("headline")
        progress = percent(progress, empty="chưa tính được")
        return {
            "results": (f"Trong quý {report.quarter}/{report.year}, các đơn vị triển khai đồng bộ Kế hoạch công "
                        f"tác dân vận; tiến độ chung đạt {progress}, {by_status.get('done', 0)} nhiệm vụ hoàn thành, "
                        f"{by_status.get('in_progress', 0)} nhiệm vụ đang thực hiện. Các tổ dân vận cộng đồng duy "
                        "trì sinh hoạt, Chủ nhật xanh được tổ chức thường xuyên."),
            "limitations": (f"Còn {by_status.get('overdue', 0)} nhiệm vụ quá hạn; một số đơn vị cập nhật tiến độ, "
                            "minh chứng chưa kịp thời."),
            "causes": "Một số cán bộ kiêm nhiệm nhiều việc; việc phối hợp giữa các đơn vị có lúc chưa chặt chẽ.",
            "next_steps": ("Đôn đốc các đơn vị hoàn thành nhiệm vụ quá hạn, cập nhật tiến độ trước ngày 10 hằng "
                           "tháng; tiếp tục nâng cao chỉ số hài lòng tại Bộ phận một cửa."),
        }

    def _draft_report(self, ward):
        """This quarter's draft, prepared as the Celery job would, with two units having reported: what the bloc
        finishes and submits today (a draft of a quarter long past would sit on every home page as overdue)."""
        from reports import services
        from reports.models import UnitReport

        report = services.prepare_draft(ward.pk, *self._draft_quarter())
        sent = self._at(min(periods.today(), report.unit_due_date) - timedelta(days=1), 9)
        for unit_report in UnitReport.objects.filter(report=report).select_related("unit")[:2]:
            if not unit_report.text:
                unit_report.text = f"{unit_report.unit.name} đã xây dựng kế hoạch thực hiện và triển khai đến cơ sở."
                unit_report.state = "submitted"
                unit_report.submitted_at = sent
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

    def _progress(self, plan, units, seed, task_ids=None):
        """Some believable progress up to today: most occurrences met, a few missed, one-off tasks under way.

        A task bound to area records (plans.bindings) takes its progress from the records the area demos created,
        from the first period that has records on (the binding's ``counts_from``: the ward began entering them
        then); only the periods before keep typed progress. What nobody had to type is counted
        (``self.untyped_progress``, printed at the end)."""
        from plans.bindings import first_record_period
        from plans.models import TaskBinding
        from plans.services import refresh_task_progress

        rng = random.Random(seed)
        now = periods.today()
        author_unit = units["khoi-dan-van"]
        bindings = {binding.task_id: binding for binding in TaskBinding.objects.filter(task__plan=plan)}

        def typed_before(since):
            def record(task, **fields):
                due = fields.get("occurrence_due") or task.due_date
                if since is not None and due is not None and due < since:
                    self._record_progress(task, **fields)
                else:
                    self.untyped_progress[plan.ward.name] = self.untyped_progress.get(plan.ward.name, 0) + 1
            return record

        tasks = plan.tasks.select_related("plan", "plan__ward", "lead_unit").order_by("pk")
        for task in tasks if task_ids is None else tasks.filter(pk__in=task_ids):
            # The same draws for a bound task, so the other tasks' progress is the demo it always was.
            record_progress = self._record_progress
            binding = bindings.get(task.pk)
            if binding is not None:
                # The approved reports come last (their figures need this progress): start where they will.
                first = (self._first_report_due() if binding.source == "reports.quarterly_report"
                         else first_record_period(task, binding))
                # A one-off task is one period: its records count whole when it has any.
                binding.counts_from = None if first and task.recurrence == Recurrence.ONCE else (first or now)
                binding.save(update_fields=["counts_from"])
                refresh_task_progress(task)
                record_progress = typed_before(binding.counts_from)
            if task.recurrence == Recurrence.ONCE:
                if task.due_date and task.due_date - timedelta(days=2) > now:
                    continue
                if task.due_date:
                    record_progress(task, percent=100, note="Đã hoàn thành và gửi Thường trực Đảng ủy.",
                                    reported_on=task.due_date - timedelta(days=2), unit=task.lead_unit)
                else:
                    first, second = sorted(rng.sample(range(10, 90, 10), 2))
                    record_progress(task, percent=first, note="Đã ban hành văn bản triển khai, phổ biến đến cơ sở.",
                                    reported_on=date(plan.year, 2, 20) + timedelta(days=rng.randint(0, 20)),
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
