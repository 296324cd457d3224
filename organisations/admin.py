from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Person, Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "code")
    ordering = ("path",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "position", "unit", "is_standing_member", "is_active")
    list_filter = ("is_standing_member", "is_active")
    search_fields = ("full_name", "position")
    autocomplete_fields = ("unit",)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ("username", "get_full_name", "unit", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = UserAdmin.fieldsets + ((_("Đơn vị và vai trò"), {"fields": ("unit", "role", "person")}),)
    autocomplete_fields = ("unit",)
