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


def menu_for(user):
    return [item for item in sorted(_menu.values(), key=lambda i: i.order) if item.is_visible(user)]
