"""The portal's main menu. Each app adds its entries in AppConfig.ready(); the base layout draws them."""

from dataclasses import dataclass, field


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

    return [item for item in sorted(_menu.values(), key=position) if item.is_visible(user)]
