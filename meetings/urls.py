from django.urls import path

from core.paths import object_paths

from . import views

app_name = "meetings"

urlpatterns = [
    *object_paths("hoi-nghi/", "meeting", list=views.MeetingListView, add=views.MeetingCreateView,
                  detail=views.MeetingDetailView, edit=views.MeetingEditView, delete=views.MeetingDeleteView),
    path("hoi-nghi/lich-nam/", views.ScheduleView.as_view(), name="schedule"),
    path("hoi-nghi/lich-nam/mac-dinh/", views.ScheduleDefaultsView.as_view(), name="schedule_defaults"),
    *object_paths("hoi-nghi/yeu-cau/", "requirement", add=views.RequirementCreateView, edit=views.RequirementEditView,
                  delete=views.RequirementDeleteView),
        path("hoi-nghi/<int:meeting_pk>/ket-luan/them/", views.ConclusionCreateView.as_view(), name="conclusion_add"),
    *object_paths("ket-luan/", "conclusion", list=views.ConclusionListView, detail=views.ConclusionDetailView,
                  edit=views.ConclusionEditView, delete=views.ConclusionDeleteView),
    path("ket-luan/qua-han/", views.OverdueConclusionListView.as_view(), name="conclusion_overdue"),
    path("ket-luan/<int:pk>/cap-nhat/", views.ConclusionFollowUpView.as_view(), name="conclusion_followup"),
]
