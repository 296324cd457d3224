"""The portal's main menu. Each app adds its entries in AppConfig.ready(); the base layout draws them.

``may_open`` is the one answer to "may this user open that page?" for menus, sub-menus, buttons and links: it asks
the target view itself (its ``may_open(user)``), so a page shows only links that lead somewhere and the rule is
written once, next to the view that enforces it (issue 14).
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.urls import NoReverseMatch, resolve, reverse


@dataclass
class MenuItem:
    key: str
    label: str
    url_name: str
    order: int = 100
    # A callable (user) -> bool; items of sensitive areas hide themselves from users who may not see them.
    visible: object = None
    query: str = ""
    children: list = field(default_factory=list)

    def is_visible(self, user):
        return self.visible is None or self.visible(user)


_menu: dict[str, MenuItem] = {}


def register(item):
    _menu[item.key] = item
    return item


# What a role opens most comes first, after the home page; the rest keeps the portal's order. A group leader works
# on a phone, where the menu is one long column: their group and its situation reports must not be 15th of 19.
ROLE_FIRST = {
    "group_leader": ("home", "communitygroups", "communitygroups-reports", "petitions", "meetings", "democracy",
                     "models_khoe-public", "models_khoe"),
}


def menu_for(user):
    first = ROLE_FIRST.get(getattr(user, "role", None), ())
    rank = {key: position for position, key in enumerate(first)}

    def position(item):
        return (0, rank[item.key]) if item.key in rank else (1, item.order)

    return [item for item in sorted(_menu.values(), key=position)
            if item.is_visible(user) and may_open(user, item.url_name)]


@lru_cache(maxsize=512)
def _open_rule(url_name, args):
    try:
        match = resolve(reverse(url_name, args=args))
    except NoReverseMatch:
        return False
    view = getattr(match.func, "view_class", None) or match.func
    return getattr(view, "may_open", None)


def may_open(user, url_name, *args):
    """True when the page named ``url_name`` (with ``args``) opens for ``user`` rather than answering 403 or 404.

    A view that refuses some users before looking at any object declares ``may_open(user)`` (a classmethod, or an
    attribute of a function view) and calls it in its own dispatch; a view without one opens for every logged-in
    user. Objects are checked with ``core.access.user_may`` (the ``may_view``/``may_change`` template filters)."""
    if not user or not user.is_authenticated:
        return False
    rule = _open_rule(url_name, tuple(str(arg) for arg in args))
    if rule is False:
        return False
    return True if rule is None else bool(rule(user))
