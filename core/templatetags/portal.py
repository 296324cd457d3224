import re

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core import numbers
from core.history import readable_history

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
    rows = readable_history(changes)
    return {"rows": rows, "reads": reads, "object": obj, "request": context.get("request")}


@register.inclusion_tag("core/includes/attachments.html")
def attachment_list(attachments):
    return {"attachments": attachments}


@register.inclusion_tag("core/includes/sort_header.html", takes_context=True)
def sort_header(context, key, label, css_class="", note=""):
    """``{% sort_header "due" _("Hạn") %}``: a column header whose link sorts the list by ``key`` (ascending, then
    descending), keeping the reader's filters and going back to the first page (core.sorting). A table that an
    include also draws on a page that is not a sortable list (a plan's tasks) gets a plain header there.
    ``note``: a short remark after the label (a column's unit)."""
    sorting = context.get("sorting")
    if sorting is not None and key not in sorting.fields:
        raise ValueError(f"The list offers no sort key {key!r}: add it to the view's sort_fields.")
    return {"request": context.get("request"), "label": label, "note": note, "css_class": css_class,
            "sortable": sorting is not None,
            "direction": sorting and sorting.direction(key), "toggled": sorting and sorting.toggled(key)}


@register.filter
def field_label(obj, name):
    return obj._meta.get_field(name).verbose_name


@register.filter
def percent_bar(value):
    """Clamp a percentage for a CSS width class (0, 10, 20 … 100)."""
    return int(max(0, min(100, round(numbers.number_or_zero(value) / 10) * 10)))


@register.filter
def roman(value):
    """1 → I, 4 → IV: quarters and sections as Vietnamese documents write them."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    return numbers.roman(number)


@register.filter
def model_name(obj):
    return obj._meta.model_name


@register.filter
def may_open(user, url_name):
    """``{% if user|may_open:"app:name" %}``: show a link only when its page opens for the user (core.navigation)."""
    from core.navigation import may_open as may_open_page

    return may_open_page(user, url_name)


@register.filter
def may_view(user, obj):
    """``{% if user|may_view:obj %}``: link to an object only when the user may open it (core.access.may)."""
    from core.access import VIEW, may

    return may(user, obj, VIEW)


@register.filter
def may_change(user, obj):
    """``{% if user|may_change:obj %}``: an edit or delete link only when the user may change the object."""
    from core.access import CHANGE, may

    return may(user, obj, CHANGE)


@register.simple_tag(takes_context=True)
def may_open_page(context, url_name, *args):
    """``{% may_open_page "app:name" arg as ok %}``: ``may_open`` for a page whose address takes arguments."""
    from core.navigation import may_open as may_open_rule

    return may_open_rule(context.get("user"), url_name, *args)


@register.filter(name="number")
def number_filter(value, places=None):
    """3150 -> 3.150, 92.50 -> 92,5; ``|number:1`` rounds to one decimal (core.numbers)."""
    return numbers.number(value, None if places in (None, "") else int(places))


@register.filter(name="percent")
def percent_filter(value, places=1):
    """93.333 -> 93,3%, 100 -> 100,0%; ``|percent:0`` -> 93% (core.numbers)."""
    return numbers.percent(value, int(places))


@register.filter(name="signed")
def signed_filter(value):
    """A change: +2,5 / -1 (core.numbers)."""
    return numbers.signed(value)


_DOCUMENT_CODE = re.compile(r"(?:\b[A-ZĐ]{2,} )?\b\d+[-/][\w/-]*\w")


@register.filter(needs_autoescape=True)
def keep_codes(text, autoescape=True):
    """Text with its document codes ("QĐ 294-QĐ/TU", "03/CT-UBND") in ``<span class="code">``, which the Party
    document's stylesheet never breaks across lines."""
    text = conditional_escape(text) if autoescape else str(text)
    return mark_safe(_DOCUMENT_CODE.sub(lambda match: f'<span class="code">{match.group(0)}</span>', text))
