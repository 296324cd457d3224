"""The portal's URLs plus the two reference views the benchmarks compare with, behind the same middleware and
the same URL resolution as any page of the portal (they sit after the portal's URLs):

- ``bench/trivial/``: no database, no template: what a request costs the stack itself;
- ``bench/insert/``: one INSERT of the row a kiosk rating stores (the same columns, a tablet of its own desk
  included) into the ratings table, with its indexes and foreign keys, in autocommit: what storing one rating costs
  at the least (issue 19: the rating endpoint is held to at least 80 % of this view's rate). Its rows go to a desk
  of their own ("Quầy đo tải (INSERT)", made by bench/load.py) so the rating endpoint's stored count stays exact.
  The statement is written as Django writes it (quoted table name), so the write watcher of core/pagecache.py
  treats it as it treats a rating (no data version raised).
"""

import uuid

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


_INSERT_TARGET = {}


def _target():
    """(desk, unit, ward, tablet) the one-INSERT view writes, read once per process."""
    if not _INSERT_TARGET:
        from satisfaction.models import KioskDevice, ServiceDesk

        desk = ServiceDesk.objects.get(name="Quầy đo tải (INSERT)")
        device = KioskDevice.objects.filter(desk=desk).order_by("pk").first()
        _INSERT_TARGET.update(desk=desk.pk, unit=desk.unit_id, ward=desk.ward_id, device=device.pk)
    return _INSERT_TARGET


@csrf_exempt
@require_POST
def one_insert(request):
    target = _target()
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            'INSERT INTO "satisfaction_rating" (client_id, desk_id, unit_id, ward_id, scale, level, satisfied, '
            "comment, channel, device_id, rated_at, rated_on, received_at) "
            "VALUES (%s, %s, %s, %s, 3, 'satisfied', true, '', 'kiosk', %s, %s, %s, %s)",
            [uuid.uuid4(), target["desk"], target["unit"], target["ward"], target["device"], now,
             timezone.localdate(now), now],
        )
    return HttpResponse(b'{"ok": true}', content_type="application/json")


urlpatterns = [
    path("", include("danvan.urls")),
    path("bench/trivial/", trivial),
    path("bench/insert/", one_insert),
]
