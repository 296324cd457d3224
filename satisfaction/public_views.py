"""The public rating pages (no login) and their endpoint. Kept apart from the officials' pages: these must stay
cheap, open only what a citizen needs, and never read a session."""

import json
from functools import cache
from pathlib import Path

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from core.network import client_address

from .models import Channel, Level, RatingReason, ServiceDesk
from .services import (
    MAX_BATCH,
    RatingRejected,
    check_limits,
    desk_config,
    levels_for,
    rating_cost,
    record_ratings,
    settings_for,
)

MAX_BODY = 256 * 1024


def _page(request, public_code, channel):
    desk = (ServiceDesk.objects.filter(public_code=public_code, is_active=True)
            .select_related("ward", "unit", "on_duty").first())
    if desk is None:
        raise Http404
    ward_settings = settings_for(desk.ward)
    levels = [(level.value, Level(level).label) for level in levels_for(ward_settings.scale)]
    # "Đảng ủy phường Hòa Bình" -> "phường Hòa Bình": the citizen sees the ward, not the Party Committee.
    place = desk.ward.name.removeprefix("Đảng ủy ").strip()
    context = {
        "desk": desk,
        "place": place,
        "channel": channel,
        "settings": ward_settings,
        "levels": levels,
        "reasons": RatingReason.objects.filter(ward=desk.ward, is_active=True),
        "services": desk.services.filter(is_active=True),
        "max_batch": MAX_BATCH[channel],
    }
    response = render(request, "satisfaction/public/rate.html", context)
    # The page carries nothing personal; the tablet reloads it now and then to pick up the officer on duty.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def qr_page(request, public_code):
    return _page(request, public_code, Channel.QR)


@require_safe
def kiosk_page(request, public_code):
    return _page(request, public_code, Channel.KIOSK)


SERVICE_WORKER = Path(__file__).resolve().parent / "static" / "satisfaction" / "kiosk-sw.js"


@cache
def _service_worker_source():
    return SERVICE_WORKER.read_bytes()


@require_safe
def service_worker(request):
    """The kiosk's service worker (a vendored file), served from /danh-gia/ so that its scope covers every rating
    page: a worker served from /static/ could only control pages under /static/."""
    response = HttpResponse(_service_worker_source(), content_type="text/javascript; charset=utf-8")
    # A new version must reach the tablets at their next load; browsers check at least daily anyway.
    response["Cache-Control"] = "no-cache"
    return response


def _submit(request, public_code, channel):
    if len(request.body) > MAX_BODY:
        return JsonResponse({"error": _("Dữ liệu gửi lên quá lớn.")}, status=413)
    config = desk_config(public_code)
    if config is None:
        return JsonResponse({"error": _("Không tìm thấy quầy đánh giá.")}, status=404)
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": _("Dữ liệu gửi lên không hợp lệ.")}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": _("Dữ liệu gửi lên không hợp lệ.")}, status=400)
    # `device` in the payload is not read: the sender chooses it, so it cannot be what a limit counts.
    ratings = payload.get("ratings")
    try:
        device_id = check_limits(
            channel, desk_id=config["desk_id"], address=client_address(request),
            token=request.headers.get("X-Kiosk-Token", ""), cost=rating_cost(channel, ratings),
        )
    except RatingRejected as refused:
        return JsonResponse({"error": str(refused)}, status=refused.status)
    result = record_ratings(config, ratings, channel, device_id=device_id)
    return JsonResponse(result.as_json())


@csrf_exempt  # no session, no cookie: the kiosk token (a header) and the rate limits protect this endpoint
@never_cache
@require_POST
def qr_submit(request, public_code):
    return _submit(request, public_code, Channel.QR)


@csrf_exempt
@never_cache
@require_POST
def kiosk_submit(request, public_code):
    return _submit(request, public_code, Channel.KIOSK)
