from django import template
from django.contrib.contenttypes.models import ContentType

from core.history import readable_changes

register = template.Library()


@register.inclusion_tag("core/includes/history.html", takes_context=True)
def change_history(context, obj, related=None, limit=50):
    """The object's change history (Lịch sử thay đổi) from the audit log.

    ``related``: objects that belong to it and whose changes an official reads as its own (a task's
    progress reports); they are listed in the same table with what they are.
    """
    from auditlog.models import LogEntry
    from django.db.models import Q

    condition = Q(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk))
    related = list(related or [])
    if related:
        content_type = ContentType.objects.get_for_model(related[0])
        condition |= Q(content_type=content_type, object_pk__in=[str(item.pk) for item in related])
    logged = LogEntry.objects.filter(condition).select_related("actor", "content_type").order_by("-timestamp")
    # Reads (religion records log every view) have their own list, so they do not bury the changes.
    changes = logged.exclude(action=LogEntry.Action.ACCESS)[:limit]
    reads = list(logged.filter(action=LogEntry.Action.ACCESS)[:limit])
    rows = [{"entry": entry, "lines": readable_changes(entry)} for entry in changes]
    return {"rows": rows, "reads": reads, "object": obj, "request": context.get("request")}


@register.inclusion_tag("core/includes/attachments.html")
def attachment_list(attachments):
    return {"attachments": attachments}


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    querystring = context.get("querystring", "")
    return f"?{querystring}&page={page_number}" if querystring else f"?page={page_number}"


@register.filter
def field_label(obj, name):
    return obj._meta.get_field(name).verbose_name


@register.filter
def percent_bar(value):
    """Clamp a percentage for a CSS width class (0, 10, 20 … 100)."""
    try:
        number = float(value or 0)
    except (TypeError, ValueError):
        number = 0
    return int(max(0, min(100, round(number / 10) * 10)))


@register.filter
def roman(value):
    """1 → I, 4 → IV: quarters and sections as Vietnamese documents write them."""
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    result = ""
    for size, numeral in numerals:
        while number >= size:
            result += numeral
            number -= size
    return result


@register.filter
def model_name(obj):
    return obj._meta.model_name
