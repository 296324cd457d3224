"""The usual pages of one kind of object, routed the same way in every area."""

from django.urls import path

ROUTES = (
    ("list", ""),
    ("add", "them/"),
    ("detail", "<int:pk>/"),
    ("edit", "<int:pk>/sua/"),
    ("delete", "<int:pk>/xoa/"),
)


def object_paths(prefix, name, **views):
    """``path()`` entries for the views given among list, add, detail, edit and delete, at ``prefix`` + the
    usual Vietnamese route (``them/``, ``<int:pk>/sua/``…) and named ``<name>_<page>``."""
    unknown = set(views) - {page for page, _route in ROUTES}
    if unknown:
        raise TypeError(f"object_paths() has no page {', '.join(sorted(unknown))}")
    return [
        path(f"{prefix}{route}", views[page].as_view(), name=f"{name}_{page}")
        for page, route in ROUTES
        if page in views
    ]
