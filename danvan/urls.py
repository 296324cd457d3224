from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.views import healthz
from plans.views import HomeView

api_patterns = [
    path("", include("organisations.api.urls")),
    path("", include("plans.api.urls")),
    path("", include("meetings.api.urls")),
    path("", include("accountability.api.urls")),
    path("", include("democracy.api.urls")),
    path("", include("satisfaction.api.urls")),
    path("", include("models_khoe.api.urls")),
    path("", include("religion.api.urls")),
    path("", include("communitygroups.api.urls")),
    path("", include("reports.api.urls")),
]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # The link a new account's owner receives to set a password (accounts made from a sheet have none).
    path("dat-mat-khau/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("dat-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", healthz, name="healthz"),
    path("", include("core.urls")),
    path("", include("organisations.urls")),
    path("", include("plans.urls")),
    path("", include("meetings.urls")),
    path("", include("accountability.urls")),
    path("", include("democracy.urls")),
    path("", include("satisfaction.urls")),
    path("", include("models_khoe.urls")),
    path("", include("religion.urls")),
    path("", include("communitygroups.urls")),
    path("", include("reports.urls")),
    path("", include("onboarding.urls")),
    path("api/", include((api_patterns, "api"))),
    path("api/auth/", include("rest_framework.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("quan-tri/", admin.site.urls),
]

# Stored files (evidence, report PDFs) are never served from MEDIA_URL, not even with DEBUG on: every download goes
# through a view that checks the reader's scope (core:attachment_download, reports:report_pdf).
