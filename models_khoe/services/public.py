"""The public page of recognised models, with only what may be shown to residents."""

from django.db.models import Q

from ..models import (
    RECOGNISED_STATUSES,
    Activity,
    MobilizationModel,
)

# --- Public page -------------------------------------------------------------------------------------------

def public_models():
    """Recognised models and exemplars, for the public page (no login): only what propagation needs."""
    return (MobilizationModel.objects.filter(status__in=RECOGNISED_STATUSES, recognition__isnull=False)
            .select_related("unit", "ward", "recognition")
            .order_by("-year", "field", "name"))


def public_photos(model):
    """Images of a recognised model and of its activities (never other files)."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import Attachment

    model_type = ContentType.objects.get_for_model(MobilizationModel)
    activity_type = ContentType.objects.get_for_model(Activity)
    activity_ids = list(model.activities.values_list("pk", flat=True))
    return (Attachment.objects.filter(mime_type__startswith="image/")
            .filter(Q(content_type=model_type, object_id=model.pk)
                    | Q(content_type=activity_type, object_id__in=activity_ids))
            .order_by("uploaded_at"))


def public_covers(models):
    """{model id: its first public photo} for a page of models, in two queries whatever their number."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import Attachment

    model_type = ContentType.objects.get_for_model(MobilizationModel)
    activity_type = ContentType.objects.get_for_model(Activity)
    ids = [model.pk for model in models]
    activity_models = dict(Activity.objects.filter(model_id__in=ids).values_list("pk", "model_id"))
    covers = {}
    for attachment in (Attachment.objects.filter(mime_type__startswith="image/")
                       .filter(Q(content_type=model_type, object_id__in=ids)
                               | Q(content_type=activity_type, object_id__in=list(activity_models)))
                       .order_by("uploaded_at", "pk")):
        if attachment.content_type_id == model_type.pk:
            model_id = attachment.object_id
        else:
            model_id = activity_models[attachment.object_id]
        covers.setdefault(model_id, attachment)
    return covers


def is_public_photo(attachment):
    from django.contrib.contenttypes.models import ContentType

    if not attachment.mime_type.startswith("image/"):
        return False
    recognised = MobilizationModel.objects.filter(status__in=RECOGNISED_STATUSES, recognition__isnull=False)
    if attachment.content_type_id == ContentType.objects.get_for_model(MobilizationModel).pk:
        return recognised.filter(pk=attachment.object_id).exists()
    if attachment.content_type_id == ContentType.objects.get_for_model(Activity).pk:
        return recognised.filter(activities__pk=attachment.object_id).exists()
    return False
