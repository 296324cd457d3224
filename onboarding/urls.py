from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("xa-phuong/tao-moi/", views.CommuneCreateView.as_view(), name="commune_add"),
    path("tai-khoan/nhap/", views.AccountImportView.as_view(), name="account_import"),
    path("tai-khoan/", views.AccountListView.as_view(), name="account_list"),
    path("tai-khoan/<int:pk>/khoa/", views.AccountLockView.as_view(), name="account_lock"),
    path("tai-khoan/<int:pk>/mo-khoa/", views.AccountUnlockView.as_view(), name="account_unlock"),
]
