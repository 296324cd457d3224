from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("don-vi/", views.UnitListView.as_view(), name="unit_list"),
    path("don-vi/them/", views.UnitCreateView.as_view(), name="unit_add"),
    path("don-vi/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("don-vi/<int:pk>/sua/", views.UnitEditView.as_view(), name="unit_edit"),
    path("can-bo/", views.PersonListView.as_view(), name="person_list"),
    path("can-bo/them/", views.PersonCreateView.as_view(), name="person_add"),
    path("can-bo/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("can-bo/<int:pk>/sua/", views.PersonEditView.as_view(), name="person_edit"),
    path("van-ban/thong-tin-ban-hanh/", views.DocumentSettingsEditView.as_view(), name="document_settings"),
]
