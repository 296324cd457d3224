from django.urls import NoReverseMatch, reverse

from .navigation import menu_for


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    menu = []
    for item in menu_for(user):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        if item.query:
            url = f"{url}?{item.query}"
        menu.append({"key": item.key, "label": item.label, "url": url,
                     "active": request.path.startswith(url.split("?")[0]) and url != "/"})
    return {
        "menu": menu,
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
