from django.urls import path

from . import public_views
from .views import ratings

app_name = "satisfaction"

urlpatterns = [
    # Public pages (no login): the QR page on a citizen's phone and the tablet at the desk.
    path("danh-gia/<slug:public_code>/", public_views.qr_page, name="qr_page"),
    path("danh-gia/<slug:public_code>/gui/", public_views.qr_submit, name="qr_submit"),
    path("danh-gia/<slug:public_code>/quay/", public_views.kiosk_page, name="kiosk_page"),
    path("danh-gia/<slug:public_code>/quay/gui/", public_views.kiosk_submit, name="kiosk_submit"),
    # Officials.
    path("hai-long/", ratings.ResultsView.as_view(), name="results"),
    path("hai-long/thiet-lap/", ratings.SettingsView.as_view(), name="settings"),
    path("hai-long/quay/", ratings.DeskListView.as_view(), name="desk_list"),
    path("hai-long/quay/them/", ratings.DeskCreateView.as_view(), name="desk_add"),
    path("hai-long/quay/<int:pk>/", ratings.DeskDetailView.as_view(), name="desk_detail"),
    path("hai-long/quay/<int:pk>/sua/", ratings.DeskEditView.as_view(), name="desk_edit"),
    path("hai-long/quay/<int:pk>/truc/", ratings.DeskOnDutyView.as_view(), name="desk_on_duty"),
    path("hai-long/quay/<int:pk>/thiet-bi/", ratings.DeviceIssueView.as_view(), name="device_issue"),
    path("hai-long/quay/<int:pk>/thiet-bi/<int:device_pk>/thu-hoi/", ratings.DeviceRevokeView.as_view(),
         name="device_revoke"),
    path("hai-long/khac-phuc/", ratings.ActionListView.as_view(), name="action_list"),
    path("hai-long/khac-phuc/kiem-tra/", ratings.ThresholdCheckView.as_view(), name="threshold_check"),
    path("hai-long/khac-phuc/<int:pk>/", ratings.ActionDetailView.as_view(), name="action_detail"),
    path("hai-long/khac-phuc/<int:pk>/sua/", ratings.ActionEditView.as_view(), name="action_edit"),
]
