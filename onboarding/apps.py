from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Thiết lập xã, phường")

    def ready(self):
        from core.navigation import MenuItem, register

        from .permissions import may_import_accounts

        register(MenuItem("accounts", _("Tài khoản"), "onboarding:account_list", order=82,
                          visible=may_import_accounts))
