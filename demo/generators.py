"""A city-scale data set: 50 wards with their units and logins, the seed plan in each, tens of thousands of tasks
with their progress, and the big tables of the area apps that exist when it runs.

The spine (wards, tasks, progress) is written here against organisations and plans. The area apps plug in through
``register``: each generator names the model it fills by "app_label.ModelName" (or a few candidate names, as an
app may still be settling its names) and runs only when that model is installed. Rows are built by
``demo.factory.RowFactory`` from the model's own fields, so a field added tomorrow gets a value without a
change here, and go to the database through ``bulk_create`` in batches.
"""

import datetime as dt
import functools
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from . import names
from .factory import RowFactory, insert_rows, prepare, update_rows

log = logging.getLogger(__name__)

BATCH_SIZE = 2000
CITY_CODE = "tp-thu-tai"
CITY_VIEWER = "tt-thanhpho"
USER_PASSWORD = "DanVan@2024"
# Logins of each generated ward: (suffix, unit key, role). Bench scripts log in as "<ward code>.khoidv".
WARD_LOGINS = [
    ("thuongvu", "dang-uy", "standing"),
    ("khoidv", "khoi-dan-van", "bloc"),
    ("ubnd", "ubnd", "officer"),
    ("mttq", "mttq", "officer"),
    ("tongiao", "bcd-ton-giao", "steering"),
    ("qcdc", "bcd-qcdc", "steering"),
    ("tdp1", "tdp-1", "group_leader"),
]
# The seed plan names party cells of residential groups 1 to 4.
MIN_RESIDENTIAL_GROUPS = 4
# Full-scale volumes (scale 1.0): what issue 9 asks the portal to hold.
VOLUMES = {
    "wards": 50,
    "tasks": 25_000,
    "progress": 100_000,
}


@dataclass
class WardData:
    ward: object
    units: dict
    users: dict
    plan: object = None


@dataclass
class City:
    city: object
    wards: list
    rng: object
    scale: float
    batch_size: int = BATCH_SIZE
    out: Callable = print
    timings: dict = field(default_factory=dict)

    def count(self, full):
        """A full-scale volume at this run's scale (at least one row when the full volume has any)."""
        return max(1, round(full * self.scale)) if full else 0

    def factory(self, ward_data):
        return RowFactory(ward_data.ward, self.rng, units=ward_data.units)


def bulk(model, rows, batch_size=BATCH_SIZE):
    """Insert rows in batches; returns them with their primary keys (PostgreSQL and SQLite return them)."""
    created = []
    for start in range(0, len(rows), batch_size):
        created.extend(model._base_manager.bulk_create(rows[start:start + batch_size], batch_size=batch_size))
    return created


def split(total, parts):
    """``total`` spread over ``parts`` as evenly as integers allow."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


# --- Registry of area generators -------------------------------------------------------------------

@dataclass
class Generator:
    key: str
    models: tuple  # candidate "app_label.ModelName", the first installed one is used
    volume: int  # rows at full scale, across the city
    fill: Callable  # fill(city, model, count) -> rows created
    title: str = ""

    def model(self):
        for label in self.models:
            app_label, _dot, name = label.partition(".")
            if not apps.is_installed(app_label) and app_label not in {a.label for a in apps.get_app_configs()}:
                continue
            try:
                return apps.get_model(app_label, name)
            except LookupError:
                continue
        return None


REGISTRY: dict[str, Generator] = {}


def register(key, models, volume, title=""):
    def decorate(fill):
        REGISTRY[key] = Generator(key, tuple(models), volume, fill, title)
        return fill

    return decorate


@functools.cache
def field_names(model):
    return {f.name for f in model._meta.get_fields()}


@functools.cache
def _known_names(model):
    return frozenset(field_names(model) | {f.attname for f in model._meta.concrete_fields})


def only_fields(model, values):
    """The part of ``values`` that names fields of ``model``: a field an app dropped is simply not set."""
    known = _known_names(model)
    return {key: value for key, value in values.items() if key in known}


def fk_to(model, target):
    """Name of the first foreign key of ``model`` pointing at ``target``, or None."""
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is target:
            return f.name
    return None


def spread_datetime(rng, days=365):
    moment = timezone.now() - dt.timedelta(days=rng.randint(0, days), minutes=rng.randint(0, 9 * 60))
    return moment.replace(hour=7 + moment.hour % 10)


# --- The spine: wards, plans, tasks, progress ----------------------------------------------------

def make_city(city_code=CITY_CODE):
    """The city unit and its viewer login ("tt-thanhpho"), who reads the city dashboard."""
    from django.contrib.auth.hashers import make_password

    from organisations.models import Role, Unit, UnitKind, User

    city = Unit.objects.filter(code=city_code).first() or Unit(code=city_code)
    city.kind, city.name, city.short_name = UnitKind.CITY, "Thành ủy Bắc Giang (dữ liệu thử tải)", "Thành ủy"
    city.save()
    User.objects.update_or_create(username=CITY_VIEWER, defaults={
        "unit": city, "role": Role.CITY_VIEWER, "first_name": "Phố", "last_name": "Đặng Văn",
        "password": make_password(USER_PASSWORD)})
    return city


def _without_bindings(data):
    if isinstance(data, dict):
        return {key: _without_bindings(value) for key, value in data.items() if key != "binding"}
    if isinstance(data, list):
        return [_without_bindings(item) for item in data]
    return data


def make_wards(city_unit, count, residential_groups, rng, out=print, first=0):
    """Wards with the plan's units, logins for each role, and the 2024 seed plan."""
    from django.contrib.auth.hashers import make_password

    from organisations.demo import create_ward, ensure_person
    from organisations.models import User
    from plans.loader import load_plan, read_seed_plan
    from plans.models import Plan

    # Generated progress is typed in bulk, with the derived fields written beside it: the seed's bindings (progress
    # from area records) would have those fields derived from records the generator writes on other dates.
    seed = _without_bindings(read_seed_plan())
    password = make_password(USER_PASSWORD)
    residential_groups = max(residential_groups, MIN_RESIDENTIAL_GROUPS)
    wards = []
    for index in range(first, first + count):
        code = f"tt-p{index + 1:02d}"
        units = create_ward(city_unit, code, names.ward_name(index), residential_groups=residential_groups)
        users = {}
        for suffix, key, role in WARD_LOGINS:
            person = ensure_person(units[key], names.person_name(rng), "Cán bộ", is_unit_head=suffix == "thuongvu")
            last, _sep, first_name = person.full_name.rpartition(" ")
            # One hash for every generated login: hashing 350 passwords one by one would take minutes.
            users[suffix], _created = User.objects.update_or_create(
                username=f"{code}.{suffix}",
                defaults={"unit": units[key], "role": role, "first_name": first_name, "last_name": last,
                          "person": person, "password": password, "email": f"{code}.{suffix}@example.invalid"},
            )
        plan = Plan.objects.filter(ward=units["dang-uy"]).first() or load_plan(seed, units["dang-uy"])
        wards.append(WardData(units["dang-uy"], units, users, plan))
        if (index + 1) % 10 == 0:
            out(f"  {index + 1} phường")
    return wards


def make_tasks(city, total):
    """Extra tasks in every ward's plan, beside the seed's, so that the city holds ``total`` tasks."""
    from plans.models import Recurrence, Task, TaskArea

    existing = Task.objects.filter(plan__ward__in=[w.ward for w in city.wards]).count()
    missing = max(0, total - existing)
    rng = city.rng
    through = Task.supporting_units.through
    for ward_data, count in zip(city.wards, split(missing, len(city.wards)), strict=True):
        plan = ward_data.plan
        areas = list(TaskArea.objects.filter(plan=plan))
        units = [u for key, u in ward_data.units.items() if key != "dang-uy"]
        rows = []
        for number in range(count):
            roll = rng.random()
            task = Task(
                area=rng.choice(areas), plan=plan, order=100 + number, title=names.task_title(rng),
                description=names.sentence(rng), source=f"III.{rng.randint(1, 6)}.{rng.randint(1, 9)}",
                lead_unit=rng.choice(units), weight=rng.choice([1, 1, 1, 2, 3]),
            )
            if roll < 0.8:
                task.recurrence = Recurrence.ONCE
                task.due_date = plan.starts_on + dt.timedelta(days=rng.randint(20, 700))
            elif roll < 0.9:
                task.recurrence, task.recurrence_day = Recurrence.MONTHLY, rng.choice([5, 10, 15, 25])
            elif roll < 0.97:
                task.recurrence, task.recurrence_day, task.recurrence_month = Recurrence.QUARTERLY, 15, 3
            else:
                task.recurrence, task.recurrence_day, task.recurrence_month = Recurrence.YEARLY, 20, 10
            rows.append(prepare(task))
        created = bulk(Task, rows, city.batch_size)
        links = []
        for task in created:
            for unit in rng.sample(units, rng.choice([0, 0, 1, 2])):
                if unit.pk != task.lead_unit_id:
                    links.append(through(task_id=task.pk, unit_id=unit.pk))
        bulk(through, links, city.batch_size)
    return missing


def make_progress(city, total):
    """Progress updates on every ward's tasks, then each task's derived fields recomputed in bulk."""
    from plans.models import ProgressUpdate, Recurrence, Task
    from plans.schedule import occurrences, progress_state

    rng = city.rng
    today = timezone.localdate()
    tasks = list(Task.objects.filter(plan__ward__in=[w.ward for w in city.wards]).select_related("plan"))
    existing = ProgressUpdate.objects.filter(task__in=tasks).count() if len(tasks) < 5000 else \
        ProgressUpdate.objects.filter(task__plan__ward__in=[w.ward for w in city.wards]).count()
    missing = max(0, total - existing)
    per_task = split(missing, len(tasks)) if tasks else []
    rows, by_task = [], {}
    for task, count in zip(tasks, per_task, strict=True):
        if not count:
            continue
        start = task.plan.starts_on
        if task.recurrence == Recurrence.ONCE:
            days = sorted(rng.sample(range(1, max(count + 1, (today - start).days)), count))
            percents = sorted(rng.sample(range(5, 101, 5), min(count, 20)))
            percents += [100] * (count - len(percents))
            updates = [dict(reported_on=start + dt.timedelta(days=day), percent=percent, occurrence_due=None)
                       for day, percent in zip(days, percents, strict=True)]
        else:
            dues = occurrences(task, end=today) or occurrences(task)[:1]
            updates = []
            for number in range(count):
                due = dues[min(number, len(dues) - 1)] if dues else None
                updates.append(dict(reported_on=min(due or today, today), percent=100 if due else 50,
                                    occurrence_due=due))
        updates.sort(key=lambda u: u["reported_on"])
        by_task[task] = updates
        for update in updates:
            rows.append({"task_id": task.pk, "note": rng.choice(names.PROGRESS_NOTES), "unit_id": task.lead_unit_id,
                         "author_id": None, **update})
    insert_rows(ProgressUpdate, rows)
    changed = []
    for task, updates in by_task.items():
        for name, value in progress_state(task, updates).items():
            setattr(task, name, value)
        changed.append(task)
    update_rows(Task, changed, ["latest_percent", "is_done", "current_due_date", "last_reported_on",
                                "occurrences_met"])
    return missing


# --- Area generators ----------------------------------------------------------------------------

LEVEL_WEIGHTS = {"very_satisfied": 45, "satisfied": 38, "neutral": 6, "not_yet_satisfied": 8, "dissatisfied": 3}
SERVICES = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Lao động – Thương binh và Xã hội", "Tư pháp"]


@register("ratings", ["satisfaction.Rating"], 1_000_000, "lượt đánh giá hài lòng")
def fill_ratings(city, model, count):
    from organisations.models import Person

    Desk = model._meta.get_field("desk").related_model if "desk" in field_names(model) else None
    Service = model._meta.get_field("service").related_model if "service" in field_names(model) else None
    rng = city.rng
    levels = [level for level in LEVEL_WEIGHTS if level in dict(model._meta.get_field("level").flatchoices)]
    weights = [LEVEL_WEIGHTS[level] for level in levels]
    created = 0
    for ward_data, ward_count in zip(city.wards, split(count, len(city.wards)), strict=True):
        factory = city.factory(ward_data)
        ward = ward_data.ward
        services = []
        if Service is not None:
            for order, name in enumerate(SERVICES):
                values = only_fields(Service, {"ward": ward, "name": name, "order": order})
                services.append(Service._base_manager.filter(**values).first() or factory.create(Service, **values))
        officers = [Person.objects.get_or_create(unit=ward_data.units["ubnd"], full_name=names.person_name(rng),
                                                 defaults={"position": "Công chức Bộ phận một cửa"})[0]
                    for _n in range(4)]
        desks = []
        if Desk is not None:
            desks = list(factory.in_ward(Desk)[:3])
            for number in range(len(desks), 3):
                desks.append(factory.create(Desk, **only_fields(Desk, {
                    "unit": ward_data.units["ubnd"], "name": f"Quầy số {number + 1}",
                    "location": "Bộ phận một cửa UBND phường", "on_duty": officers[number]})))
        template = factory.build(model, **only_fields(model, {
            "desk": desks[0] if desks else None, "ward": ward, "unit": ward_data.units["ubnd"], "scale": 4,
            "level": levels[0], "satisfied": True, "channel": "kiosk", "comment": "",
        }))

        def rows(ward_count=ward_count, desks=desks, services=services, officers=officers, ward=ward,
                 ward_data=ward_data):
            for _n in range(ward_count):
                level = rng.choices(levels, weights)[0]
                moment = spread_datetime(rng)
                desk = rng.choice(desks) if desks else None
                yield only_fields(model, {
                    "client_id": uuid.uuid4(), "desk_id": desk.pk if desk else None,
                    "unit_id": desk.unit_id if desk else ward_data.units["ubnd"].pk, "ward_id": ward.pk,
                    "officer_id": rng.choice(officers).pk, "service_id": rng.choice(services).pk if services else None,
                    "level": level, "satisfied": level in ("very_satisfied", "satisfied"),
                    "comment": rng.choice(names.COMMENTS) if rng.random() < 0.1 else "",
                    "channel": "kiosk" if rng.random() < 0.7 else "qr",
                    "rated_at": moment, "rated_on": timezone.localtime(moment).date(),
                })

        created += insert_rows(model, rows(), template=template)
    return created


@register("households", ["communitygroups.Household"], 300_000, "hộ gia đình")
def fill_households(city, model, count):
    Group = model._meta.get_field("group").related_model if "group" in field_names(model) else None
    InterFamily = (model._meta.get_field("inter_family_group").related_model
                   if "inter_family_group" in field_names(model) else None)
    rng = city.rng
    created = 0
    for ward_data, ward_count in zip(city.wards, split(count, len(city.wards)), strict=True):
        factory = city.factory(ward_data)
        tdps = [u for key, u in ward_data.units.items() if key.startswith("tdp-")]
        groups = []
        if Group is not None:
            group_fk = fk_to(Group, type(ward_data.ward)) or "residential_group"
            for tdp in tdps:
                groups.append(Group._base_manager.filter(**{group_fk: tdp}).first()
                              or factory.create(Group, **{group_fk: tdp}))
        rows = []
        for group, group_count in zip(groups or [None], split(ward_count, max(1, len(groups))), strict=True):
            families = []
            if InterFamily is not None and group is not None:
                existing = list(InterFamily._base_manager.filter(group=group))
                new = [factory.build(InterFamily, **only_fields(InterFamily, {
                    "group": group, "name": f"Tổ liên gia số {n + 1}", "leader_name": names.person_name(rng),
                    "area": f"Ngõ {n + 1}", "order": n + 1})) for n in range(len(existing), max(1, group_count // 20))]
                families = existing + bulk(InterFamily, new, city.batch_size)
            group_name = group.residential_group.name if group is not None and hasattr(group, "residential_group") \
                else ""
            for number in range(group_count):
                values = only_fields(model, {
                    "group": group, "inter_family_group": families[number // 20 % len(families)] if families else None,
                    "address": f"Số {number + 1}, {names.address(rng, group_name)}",
                    "head_name": names.person_name(rng), "members_count": rng.randint(1, 7),
                    "zalo_joined": rng.random() < 0.8,
                })
                rows.append(prepare(factory.build(model, **values)))
        created += insert_rows(model, rows)
    return created


@register("mobilization_models", ["models_khoe.MobilizationModel", "models_khoe.Model", "models_khoe.SkilfulModel",
                                  "models_khoe.KheoModel", "models_khoe.Registration"], 5_000, "mô hình Dân vận khéo")
def fill_models(city, model, count):
    return fill_generic(city, model, count, text={"name": lambda rng: f"Mô hình “{names.task_title(rng)}”",
                                                  "title": lambda rng: f"Mô hình “{names.task_title(rng)}”"})


@register("establishments", ["religion.Establishment"], 2_000, "cơ sở thờ tự")
def fill_establishments(city, model, count):
    kind_field = model._meta.get_field("kind") if "kind" in field_names(model) else None
    kinds = dict(kind_field.flatchoices) if kind_field is not None else {}

    def overrides(rng, ward_data):
        kind = rng.choice(list(kinds)) if kinds else ""
        tdps = [u for key, u in ward_data.units.items() if key.startswith("tdp-")]
        return {"kind": kind, "name": names.establishment_name(rng, str(kinds.get(kind, ""))),
                "address": names.address(rng), "person_in_charge": names.person_name(rng),
                "residential_group": rng.choice(tdps), "ward": ward_data.ward}

    return fill_generic(city, model, count, per_row=overrides)


def fill_generic(city, model, count, text=None, per_row=None):
    """Rows of any model spread over the wards, values from the factory, a few fields given."""
    rng = city.rng
    created = 0
    for ward_data, ward_count in zip(city.wards, split(count, len(city.wards)), strict=True):
        factory = city.factory(ward_data)
        rows = []
        for _n in range(ward_count):
            values = {name: make(rng) for name, make in (text or {}).items()}
            if per_row is not None:
                values.update(per_row(rng, ward_data))
            rows.append(prepare(factory.build(model, **only_fields(model, values))))
        created += len(bulk(model, rows, city.batch_size))
    return created


# --- The whole city -----------------------------------------------------------------------------

def volume_scale(scale, wards):
    """The scale of the volumes: the one asked for, else the number of wards against the city's 50."""
    if scale is not None:
        return scale
    return wards / VOLUMES["wards"] if wards else 1.0


def generate(scale=None, wards=None, residential_groups=12, seed=2024, only=None, out=print):
    """Generate (or extend) the city; returns {step: rows}. Safe to run again: wards and plans are reused.

    Without ``scale``, the volumes follow the number of wards: ``wards=170`` is a province with 3.4 times the
    city's tasks, progress reports, ratings and households (issue 19)."""
    import random

    scale = volume_scale(scale, wards)

    from auditlog.context import disable_auditlog

    rng = random.Random(seed)
    counts = {}
    ward_count = wards or max(2, round(VOLUMES["wards"] * min(1.0, scale)))
    with disable_auditlog():
        started = time.monotonic()
        with transaction.atomic():
            city_unit = make_city()
            ward_list = make_wards(city_unit, ward_count, residential_groups, rng, out=out)
        city = City(city_unit, ward_list, rng, scale, out=out)
        counts["wards"] = len(ward_list)
        out(f"Phường, đơn vị, tài khoản, kế hoạch: {time.monotonic() - started:.1f}s")
        for step, fill in (("tasks", make_tasks), ("progress", make_progress)):
            started = time.monotonic()
            with transaction.atomic():
                counts[step] = fill(city, city.count(VOLUMES[step]))
            out(f"{step}: {counts[step]} dòng, {time.monotonic() - started:.1f}s")
        for key, generator in REGISTRY.items():
            if only and key not in only:
                continue
            model = generator.model()
            if model is None:
                out(f"{key}: bỏ qua (chưa có mô hình {', '.join(generator.models)})")
                counts[key] = None
                continue
            started = time.monotonic()
            try:
                with transaction.atomic():
                    counts[key] = generator.fill(city, model, city.count(generator.volume))
            except Exception as exc:  # noqa: BLE001 - an area app in flux must not stop the rest of the city
                log.exception("generator %s failed", key)
                out(f"{key}: LỖI {exc.__class__.__name__}: {exc}")
                counts[key] = None
                continue
            out(f"{key} ({model._meta.label}): {counts[key]} dòng, {time.monotonic() - started:.1f}s")
    return counts
