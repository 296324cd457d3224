from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("xa-phuong/tao-moi/", views.CommuneCreateView.as_view(), name="commune_add"),
    path("tai-khoan/nhap/", views.AccountImportView.as_view(), name="account_import"),
]
