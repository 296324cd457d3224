from django.urls import path

from core.paths import object_paths

from . import views

app_name = "religion"

urlpatterns = [
    path("ton-giao/", views.HomeView.as_view(), name="home"),
    path("ton-giao/diem-nong/", views.RiskOverviewView.as_view(), name="risk_overview"),
    path("ton-giao/nhat-ky-truy-cap/", views.AccessLogView.as_view(), name="access_log"),
    path("ton-giao/cai-dat/", views.RetentionSettingView.as_view(), name="settings"),
    # Establishments (cơ sở thờ tự)
    *object_paths("ton-giao/co-so/", "establishment", list=views.EstablishmentListView,
                  add=views.EstablishmentCreateView, detail=views.EstablishmentDetailView,
                  edit=views.EstablishmentEditView),
    path("ton-giao/co-so/<int:pk>/giay-chung-nhan/", views.CertificateStepView.as_view(),
         name="establishment_certificate"),
    path("ton-giao/co-so/<int:pk>/nguoi-dung-dau/", views.HeadChangeView.as_view(), name="establishment_head_change"),
    path("ton-giao/co-so/<int:pk>/xu-ly-canh-bao/", views.ResolveFlagView.as_view(),
         name="establishment_resolve_flag"),
    # Construction and repair works
    *object_paths("ton-giao/cong-trinh/", "work", list=views.WorkListView, add=views.WorkCreateView,
                  detail=views.WorkDetailView, edit=views.WorkEditView),
    path("ton-giao/cong-trinh/<int:pk>/kiem-tra/", views.InspectionCreateView.as_view(), name="work_inspection"),
    # Thỉnh sư requests
    *object_paths("ton-giao/thinh-su/", "invitation", list=views.InvitationListView, add=views.InvitationCreateView,
                  detail=views.InvitationDetailView, edit=views.InvitationEditView),
    path("ton-giao/thinh-su/<int:pk>/xu-ly/", views.InvitationTransitionView.as_view(), name="invitation_transition"),
    # Festivals and events
    *object_paths("ton-giao/le-hoi/", "event", list=views.EventListView, add=views.EventCreateView,
                  detail=views.EventDetailView, edit=views.EventEditView, delete=views.EventDeleteView),
    # Watch reports (nắm tình hình)
    *object_paths("ton-giao/nam-tinh-hinh/", "watch", list=views.WatchListView, add=views.WatchCreateView,
                  detail=views.WatchDetailView, edit=views.WatchEditView),
    path("ton-giao/nam-tinh-hinh/<int:pk>/theo-doi/", views.FollowUpCreateView.as_view(), name="watch_follow_up"),
    # Key persons (cốt cán)
    *object_paths("ton-giao/cot-can/", "keyperson", list=views.KeyPersonListView, add=views.KeyPersonCreateView,
                  detail=views.KeyPersonDetailView, edit=views.KeyPersonEditView, delete=views.KeyPersonDeleteView),
]
