from django.urls import path

from core.paths import object_paths

from . import views

app_name = "accountability"

urlpatterns = [
    path("trach-nhiem/ke-hoach-don-vi/", views.RoundListView.as_view(), name="round_list"),
    path("trach-nhiem/ke-hoach-don-vi/them/", views.RoundCreateView.as_view(), name="round_add"),
    path("trach-nhiem/ke-hoach-don-vi/danh-sach/", views.SubmissionListView.as_view(), name="submission_list"),
    path("trach-nhiem/ke-hoach-don-vi/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("trach-nhiem/ke-hoach-don-vi/<int:pk>/sua/", views.RoundEditView.as_view(), name="round_edit"),
    path("trach-nhiem/ke-hoach-don-vi/<int:pk>/nhac-nho/", views.RoundRemindView.as_view(), name="round_remind"),
    path("trach-nhiem/ke-hoach-don-vi/nop/<int:pk>/", views.SubmissionDetailView.as_view(), name="submission_detail"),
    path("trach-nhiem/ke-hoach-don-vi/nop/<int:pk>/sua/", views.SubmissionEditView.as_view(), name="submission_edit"),
    *object_paths("trach-nhiem/phan-anh/", "feedback", list=views.FeedbackListView, add=views.FeedbackCreateView,
                  detail=views.FeedbackDetailView, edit=views.FeedbackEditView),
    path("trach-nhiem/phan-anh/<int:feedback_pk>/kiem-diem/", views.ReviewCreateView.as_view(), name="review_add"),
    path("trach-nhiem/kiem-diem/", views.ReviewListView.as_view(), name="review_list"),
    path("trach-nhiem/can-bo/<int:person_pk>/", views.CadreHistoryView.as_view(), name="cadre_history"),
]
