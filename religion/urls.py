from django.urls import path

from . import views

app_name = "religion"

urlpatterns = [
    path("ton-giao/", views.HomeView.as_view(), name="home"),
    path("ton-giao/diem-nong/", views.RiskOverviewView.as_view(), name="risk_overview"),
    path("ton-giao/nhat-ky-truy-cap/", views.AccessLogView.as_view(), name="access_log"),
    path("ton-giao/cai-dat/", views.RetentionSettingView.as_view(), name="settings"),
    # Establishments (cơ sở thờ tự)
    path("ton-giao/co-so/", views.EstablishmentListView.as_view(), name="establishment_list"),
    path("ton-giao/co-so/them/", views.EstablishmentCreateView.as_view(), name="establishment_add"),
    path("ton-giao/co-so/<int:pk>/", views.EstablishmentDetailView.as_view(), name="establishment_detail"),
    path("ton-giao/co-so/<int:pk>/sua/", views.EstablishmentEditView.as_view(), name="establishment_edit"),
    path("ton-giao/co-so/<int:pk>/giay-chung-nhan/", views.CertificateStepView.as_view(),
         name="establishment_certificate"),
    path("ton-giao/co-so/<int:pk>/nguoi-dung-dau/", views.HeadChangeView.as_view(), name="establishment_head_change"),
    path("ton-giao/co-so/<int:pk>/xu-ly-canh-bao/", views.ResolveFlagView.as_view(),
         name="establishment_resolve_flag"),
    # Construction and repair works
    path("ton-giao/cong-trinh/", views.WorkListView.as_view(), name="work_list"),
    path("ton-giao/cong-trinh/them/", views.WorkCreateView.as_view(), name="work_add"),
    path("ton-giao/cong-trinh/<int:pk>/", views.WorkDetailView.as_view(), name="work_detail"),
    path("ton-giao/cong-trinh/<int:pk>/sua/", views.WorkEditView.as_view(), name="work_edit"),
    path("ton-giao/cong-trinh/<int:pk>/kiem-tra/", views.InspectionCreateView.as_view(), name="work_inspection"),
    # Thỉnh sư requests
    path("ton-giao/thinh-su/", views.InvitationListView.as_view(), name="invitation_list"),
    path("ton-giao/thinh-su/them/", views.InvitationCreateView.as_view(), name="invitation_add"),
    path("ton-giao/thinh-su/<int:pk>/", views.InvitationDetailView.as_view(), name="invitation_detail"),
    path("ton-giao/thinh-su/<int:pk>/sua/", views.InvitationEditView.as_view(), name="invitation_edit"),
    path("ton-giao/thinh-su/<int:pk>/xu-ly/", views.InvitationTransitionView.as_view(), name="invitation_transition"),
    # Festivals and events
    path("ton-giao/le-hoi/", views.EventListView.as_view(), name="event_list"),
    path("ton-giao/le-hoi/them/", views.EventCreateView.as_view(), name="event_add"),
    path("ton-giao/le-hoi/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("ton-giao/le-hoi/<int:pk>/sua/", views.EventEditView.as_view(), name="event_edit"),
    path("ton-giao/le-hoi/<int:pk>/xoa/", views.EventDeleteView.as_view(), name="event_delete"),
    # Watch reports (nắm tình hình)
    path("ton-giao/nam-tinh-hinh/", views.WatchListView.as_view(), name="watch_list"),
    path("ton-giao/nam-tinh-hinh/them/", views.WatchCreateView.as_view(), name="watch_add"),
    path("ton-giao/nam-tinh-hinh/<int:pk>/", views.WatchDetailView.as_view(), name="watch_detail"),
    path("ton-giao/nam-tinh-hinh/<int:pk>/sua/", views.WatchEditView.as_view(), name="watch_edit"),
    path("ton-giao/nam-tinh-hinh/<int:pk>/theo-doi/", views.FollowUpCreateView.as_view(), name="watch_follow_up"),
    # Key persons (cốt cán)
    path("ton-giao/cot-can/", views.KeyPersonListView.as_view(), name="keyperson_list"),
    path("ton-giao/cot-can/them/", views.KeyPersonCreateView.as_view(), name="keyperson_add"),
    path("ton-giao/cot-can/<int:pk>/", views.KeyPersonDetailView.as_view(), name="keyperson_detail"),
    path("ton-giao/cot-can/<int:pk>/sua/", views.KeyPersonEditView.as_view(), name="keyperson_edit"),
    path("ton-giao/cot-can/<int:pk>/xoa/", views.KeyPersonDeleteView.as_view(), name="keyperson_delete"),
]
