from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("tep/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("thong-bao/", views.NotificationListView.as_view(), name="notifications"),
]
