from django.urls import path

from core.paths import object_paths

from . import views

app_name = "organisations"

urlpatterns = [
    *object_paths("don-vi/", "unit", list=views.UnitListView, add=views.UnitCreateView, detail=views.UnitDetailView,
                  edit=views.UnitEditView),
    *object_paths("can-bo/", "person", list=views.PersonListView, add=views.PersonCreateView,
                  detail=views.PersonDetailView, edit=views.PersonEditView),
    path("van-ban/thong-tin-ban-hanh/", views.DocumentSettingsEditView.as_view(), name="document_settings"),
]
