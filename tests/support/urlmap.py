"""The portal's URL patterns as data: every route, its view, the model it serves and the object kwargs it takes.

The security tests walk this map instead of a hand-written list, so a page or an endpoint an area app adds
tomorrow is covered the day it lands.
"""

import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

OBJECT_KWARGS = ("pk", "id")
INT_KWARG = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>")


@dataclass
class Route:
    route: str  # the pattern as written, prefixes joined ("bao-cao/<int:pk>/", "api/^tasks/(?P<pk>[^/.]+)/$")
    name: str  # namespaced name for reverse(), "" when the pattern has none
    callback: object
    kwargs: list = field(default_factory=list)  # names of the pattern's keyword arguments, in order
    converters: dict = field(default_factory=dict)

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)

    @property
    def is_api(self):
        return hasattr(self.callback, "cls") or self.route.startswith("api/")

    @property
    def actions(self):
        """DRF viewset actions bound to this route ({"get": "retrieve", ...}), or {}."""
        return getattr(self.callback, "actions", None) or {}

    @property
    def object_kwarg(self):
        for name in OBJECT_KWARGS:
            if name in self.kwargs:
                return name
        return None

    @property
    def model(self):
        return model_of(self)


def _pattern_text(pattern):
    return str(pattern.pattern)


def _kwargs_of(text):
    names, converters = [], {}
    for match in INT_KWARG.finditer(text):
        name = match.group("name") or match.group("rname")
        names.append(name)
        converters[name] = match.group("converter") or ("str" if match.group("name") else "regex")
    return names, converters


def walk(patterns=None, prefix="", namespace=""):
    """Every URLPattern below the root, with the route text and namespaced name."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        text = prefix + _pattern_text(entry)
        if isinstance(entry, URLResolver):
            inner_ns = namespace
            if entry.namespace:
                inner_ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, text, inner_ns)
        elif isinstance(entry, URLPattern):
            name = ""
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            kwargs, converters = _kwargs_of(text)
            yield Route(text, name, entry.callback, kwargs, converters)


def model_of(route):
    """The model a view serves: ``model``, ``queryset.model`` or the serializer's model, or None."""
    view = route.view_class
    if view is None:
        return None
    model = getattr(view, "model", None)
    if model is not None:
        return model
    queryset = getattr(view, "queryset", None)
    if queryset is not None:
        return queryset.model
    serializer = getattr(view, "serializer_class", None)
    meta = getattr(serializer, "Meta", None)
    return getattr(meta, "model", None)


def object_routes():
    """Routes that address one object by a ``pk``/``id`` kwarg, skipping the admin site (staff only)."""
    return [r for r in walk() if r.object_kwarg and not r.route.startswith("quan-tri/")]


def list_routes():
    """Routes without kwargs that serve a model: the lists."""
    return [r for r in walk() if not r.kwargs and r.model is not None and not r.route.startswith("quan-tri/")]


def _object_prefix(route):
    """The route text up to and including its object kwarg: "bao-cao/<int:pk>/" of "bao-cao/<int:pk>/pdf/"."""
    text = route.route
    for marker in ("<int:pk>", "<pk>", "(?P<pk>", "<int:id>", "<id>", "(?P<id>"):
        index = text.find(marker)
        if index >= 0:
            end = text.find("/", index)
            return text[: end + 1] if end >= 0 else text
    return text


def infer_model(route, routes=None):
    """The model a route addresses by its pk: the view's own, a sibling route's with the same object prefix
    ("nhiem-vu/<int:pk>/tien-do/" is about the task of "nhiem-vu/<int:pk>/"), or a model named in the view."""
    from django.apps import apps

    model = model_of(route)
    if model is not None:
        return model
    prefix = _object_prefix(route)
    for other in routes if routes is not None else object_routes():
        if other is not route and _object_prefix(other) == prefix and model_of(other) is not None:
            return model_of(other)
    view_name = (getattr(route.view_class, "__name__", "") or getattr(route.callback, "__name__", "")).lower()
    candidates = [m for m in apps.get_models() if m._meta.model_name in view_name]
    return max(candidates, key=lambda m: len(m._meta.model_name)) if candidates else None


def path_for(route, values):
    """The URL of ``route`` with its kwargs filled from ``values``."""
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), route.route)
    text = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), text)
    return "/" + text.replace("^", "").replace("$", "")


def model_for_kwarg(name, near=None):
    """The model an extra kwarg names: ``device_pk`` -> the model called *device* (of ``near``'s app first)."""
    from django.apps import apps

    stem = name.removesuffix("_pk").removesuffix("_id").replace("_", "")
    candidates = [m for m in apps.get_models() if stem in m._meta.model_name]
    if near is not None:
        candidates.sort(key=lambda m: (m._meta.app_label != near._meta.app_label, len(m._meta.model_name)))
    return candidates[0] if candidates else None


def paths():
    """("/" + the route as written with each level's regex anchors dropped, view callback) of every URL pattern."""
    for route in walk():
        yield "/" + re.sub(r"(^|/)\^", r"\1", route.route).replace("$", ""), route.callback
