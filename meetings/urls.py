from django.urls import path

from core.paths import object_paths

from . import views

app_name = "meetings"

urlpatterns = [
    path("hoi-nghi/", views.MeetingListView.as_view(), name="meeting_list"),
    path("hoi-nghi/them/", views.MeetingCreateView.as_view(), name="meeting_add"),
    path("hoi-nghi/lich-nam/", views.ScheduleView.as_view(), name="schedule"),
    path("hoi-nghi/lich-nam/mac-dinh/", views.ScheduleDefaultsView.as_view(), name="schedule_defaults"),
    *object_paths("hoi-nghi/yeu-cau/", "requirement", add=views.RequirementCreateView, edit=views.RequirementEditView,
                  delete=views.RequirementDeleteView),
    *object_paths("hoi-nghi/", "meeting", detail=views.MeetingDetailView, edit=views.MeetingEditView,
                  delete=views.MeetingDeleteView),
    path("hoi-nghi/<int:meeting_pk>/ket-luan/them/", views.ConclusionCreateView.as_view(), name="conclusion_add"),
    path("ket-luan/", views.ConclusionListView.as_view(), name="conclusion_list"),
    path("ket-luan/qua-han/", views.OverdueConclusionListView.as_view(), name="conclusion_overdue"),
    path("ket-luan/<int:pk>/", views.ConclusionDetailView.as_view(), name="conclusion_detail"),
    path("ket-luan/<int:pk>/cap-nhat/", views.ConclusionFollowUpView.as_view(), name="conclusion_followup"),
    path("ket-luan/<int:pk>/sua/", views.ConclusionEditView.as_view(), name="conclusion_edit"),
    path("ket-luan/<int:pk>/xoa/", views.ConclusionDeleteView.as_view(), name="conclusion_delete"),
]
