from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core.pagination import paginate
from core.spreadsheets import SheetPreview, SheetRejected, xlsx_response
from core.views import MayOpenMixin
from organisations.models import Role, Unit, UnitKind

from .accounts import COLUMNS as ACCOUNT_COLUMNS
from .accounts import create_accounts, read_accounts, set_active, template_workbook
from .forms import AccountFilterForm, AccountUploadForm, CommuneForm
from .permissions import accounts_in_scope, may_create_communes, may_import_accounts, may_manage_account, roles_given_by
from .structures import LEVELS, create_commune, propose, templates


def provinces_for(user):
    """The provinces or cities a commune may be made in by ``user``."""
    units = Unit.objects.filter(kind=UnitKind.CITY, is_active=True).order_by("name")
    return units if user.is_admin else units.filter(path__startswith=user.unit.path)


class CommuneCreateView(MayOpenMixin, View):
    """A commune or ward from a structure template: choose the template, review and edit its units, save."""

    template_name = "onboarding/commune_form.html"
    page_title = gettext_lazy("Tạo xã, phường từ mẫu cơ cấu")
    denied_message = gettext_lazy("Chỉ quản trị hệ thống và quản trị tỉnh, thành phố được tạo xã, phường.")

    may_open = staticmethod(may_create_communes)

    def parents(self):
        return provinces_for(self.request.user)

    def get(self, request):
        data = request.GET if "template" in request.GET else None
        form = CommuneForm(data, parents=self.parents(), initial={"template": next(iter(templates()), ""),
                                                                   "level": "phuong"})
        rows = []
        if data is not None:
            form.is_valid()  # show what is wrong with the header already; the units show from what is valid
            rows = self.rows(form)
        return self.show(request, form, rows)

    def post(self, request):
        form = CommuneForm(request.POST, parents=self.parents())
        valid = form.is_valid()
        rows = self.rows(form, request.POST)
        if valid:
            if not any(row.include for row in rows):
                form.add_error(None, _("Hãy giữ lại ít nhất một đơn vị trực thuộc."))
            else:
                try:
                    commune = create_commune(form.cleaned_data["parent"], code=form.cleaned_data["code"],
                                             name=form.cleaned_data["name"],
                                             level=LEVELS[form.cleaned_data["level"]], rows=rows)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    kept = sum(1 for row in rows if row.include)
                    messages.success(request, _("Đã tạo %(name)s với %(n)s đơn vị trực thuộc.")
                                     % {"name": commune.name, "n": kept})
                    return redirect(commune.get_absolute_url())
        return self.show(request, form, rows, status=400)

    def rows(self, form, posted=None):
        """The template's units for what the form holds, with the administrator's edits when posted."""
        cleaned = getattr(form, "cleaned_data", {})
        template = cleaned.get("template") or form.data.get("template")
        if template not in templates():
            return []
        groups = cleaned.get("groups")
        if groups is None:
            groups = templates()[template]["groups"].get("default", 0)
        rows = propose(template, LEVELS.get(cleaned.get("level") or "phuong", "phường"), groups)
        if posted is not None:
            for row in rows:
                row.include = posted.get(f"{row.key}-include") == "1"
                row.name = (posted.get(f"{row.key}-name") or row.name).strip()[:255]
                row.short_name = (posted.get(f"{row.key}-short_name") or "").strip()[:64]
        return rows

    def show(self, request, form, rows, status=200):
        context = {"form": form, "rows": rows, "page_title": self.page_title,
                   "templates": templates().values()}
        return render(request, self.template_name, context, status=status)


class AccountImportView(MayOpenMixin, View):
    """User accounts from a sheet: upload, preview with every row's errors, confirm. Nothing is written while a row
    is wrong; the checked rows wait in the session between the two steps."""

    template_name = "onboarding/account_import.html"
    page_title = gettext_lazy("Tạo tài khoản từ tệp Excel")
    session_key = "onboarding-accounts"
    denied_message = gettext_lazy("Chỉ quản trị được tạo tài khoản.")

    may_open = staticmethod(may_import_accounts)

    def get(self, request):
        if request.GET.get("mau"):
            return xlsx_response(template_workbook(request.user), "mau-tai-khoan.xlsx")
        return self.show(request, AccountUploadForm())

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = AccountUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show(request, form, status=400)
        try:
            preview = read_accounts(form.cleaned_data["file"], request.user)
        except SheetRejected as error:
            form.add_error("file", error.message)
            return self.show(request, form, status=400)
        if preview.is_valid:
            request.session[self.session_key] = preview.as_data()
        else:
            request.session.pop(self.session_key, None)
        return self.show(request, AccountUploadForm(), preview=preview, status=200 if preview.is_valid else 400)

    def confirm(self, request):
        data = request.session.pop(self.session_key, None)
        if data is None:
            messages.error(request, _("Không còn bản xem trước: hãy tải tệp lên lại."))
            return redirect("onboarding:account_import")
        try:
            made = create_accounts(SheetPreview.from_data(data), request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("onboarding:account_import")
        messages.success(request, _("Đã tạo %(n)s tài khoản; mỗi người nhận thư để tự đặt mật khẩu.")
                         % {"n": len(made)})
        return redirect("organisations:person_list")

    def show(self, request, form, preview=None, status=200):
        return render(request, self.template_name, {"form": form, "preview": preview, "page_title": self.page_title,
                                                    "columns": ACCOUNT_COLUMNS}, status=status)


class AccountListView(MayOpenMixin, View):
    """The accounts of the units an administrator manages: who they are, their unit and role, locked or not."""

    template_name = "onboarding/account_list.html"
    page_title = gettext_lazy("Tài khoản")
    denied_message = gettext_lazy("Chỉ quản trị xem được danh sách tài khoản.")

    may_open = staticmethod(may_import_accounts)
    def get(self, request):
        roles = [role for role in Role if role in roles_given_by(request.user)]
        form = AccountFilterForm(request.GET or None, roles=roles)
        accounts = accounts_in_scope(request.user).order_by("unit__path", "last_name", "first_name", "pk")
        if request.GET:
            accounts = form.narrow(accounts)
        context = {"page_title": self.page_title, "filters": {"form": form}, **paginate(request, accounts, per_page=50)}
        # The same rule as the lock page (may_manage_account), without a query per row: the page lists only
        # accounts in the administrator's scope.
        given = roles_given_by(request.user)
        for account in context["page_obj"]:
            account.may_manage = (account.pk != request.user.pk and account.role in given
                                  and (request.user.is_superuser or not account.is_superuser))
        return render(request, self.template_name, context, status=400 if request.GET and form.errors else 200)


class AccountActiveView(MayOpenMixin, View):
    """Lock or unlock one account, after a confirmation page (GET asks, POST does it)."""

    template_name = "onboarding/account_confirm.html"
    denied_message = gettext_lazy("Chỉ quản trị khóa hoặc mở khóa được tài khoản.")
    active = False

    may_open = staticmethod(may_import_accounts)
    def account(self, request, pk):
        return get_object_or_404(accounts_in_scope(request.user), pk=pk)

    def get(self, request, pk):
        account = self.account(request, pk)
        if not may_manage_account(request.user, account):
            raise PermissionDenied(_("Bạn không khóa hoặc mở khóa được tài khoản này."))
        return render(request, self.template_name, {"account": account, "active": self.active,
                                                    "page_title": str(account)})

    def post(self, request, pk):
        account = set_active(self.account(request, pk), request.user, self.active)
        if self.active:
            messages.success(request, _("Đã mở khóa tài khoản %(name)s.") % {"name": account})
        else:
            messages.success(request, _("Đã khóa tài khoản %(name)s: người này không đăng nhập được nữa; hồ sơ và "
                                        "lịch sử của họ được giữ nguyên.") % {"name": account})
        return redirect("onboarding:account_list")


class AccountLockView(AccountActiveView):
    active = False


class AccountUnlockView(AccountActiveView):
    active = True
