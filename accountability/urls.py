from django.urls import path

from core.paths import object_paths

from . import views

app_name = "accountability"

urlpatterns = [
    *object_paths("trach-nhiem/ke-hoach-don-vi/", "round", list=views.RoundListView, add=views.RoundCreateView,
                  detail=views.RoundDetailView, edit=views.RoundEditView),
    path("trach-nhiem/ke-hoach-don-vi/danh-sach/", views.SubmissionListView.as_view(), name="submission_list"),
    path("trach-nhiem/ke-hoach-don-vi/<int:pk>/nhac-nho/", views.RoundRemindView.as_view(), name="round_remind"),
    *object_paths("trach-nhiem/ke-hoach-don-vi/nop/", "submission", detail=views.SubmissionDetailView,
                  edit=views.SubmissionEditView),
    *object_paths("trach-nhiem/phan-anh/", "feedback", list=views.FeedbackListView, add=views.FeedbackCreateView,
                  detail=views.FeedbackDetailView, edit=views.FeedbackEditView),
    path("trach-nhiem/phan-anh/<int:feedback_pk>/kiem-diem/", views.ReviewCreateView.as_view(), name="review_add"),
    path("trach-nhiem/kiem-diem/", views.ReviewListView.as_view(), name="review_list"),
    path("trach-nhiem/can-bo/<int:person_pk>/", views.CadreHistoryView.as_view(), name="cadre_history"),
]
