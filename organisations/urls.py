from django.urls import path

from core.paths import object_paths

from . import views

app_name = "organisations"

urlpatterns = [
    path("don-vi/", views.UnitListView.as_view(), name="unit_list"),
    path("don-vi/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    *object_paths("can-bo/", "person", list=views.PersonListView, add=views.PersonCreateView,
                  detail=views.PersonDetailView, edit=views.PersonEditView),
]
