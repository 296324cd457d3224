from django.urls import path

from . import views

app_name = "democracy"

urlpatterns = [
    path("dan-chu/cong-khai/", views.DisclosureListView.as_view(), name="disclosure_list"),
    path("dan-chu/cong-khai/them/", views.DisclosureCreateView.as_view(), name="disclosure_add"),
    path("dan-chu/cong-khai/danh-muc-nam/", views.ChecklistView.as_view(), name="checklist"),
    path("dan-chu/cong-khai/danh-muc-nam/mac-dinh/", views.ChecklistDefaultsView.as_view(), name="checklist_defaults"),
    path("dan-chu/cong-khai/danh-muc-nam/them/", views.RequirementCreateView.as_view(), name="requirement_add"),
    path("dan-chu/cong-khai/danh-muc-nam/<int:pk>/sua/", views.RequirementEditView.as_view(),
         name="requirement_edit"),
    path("dan-chu/cong-khai/danh-sach-quy/", views.QuarterlyListView.as_view(), name="quarterly_list"),
    path("dan-chu/cong-khai/<int:pk>/", views.DisclosureDetailView.as_view(), name="disclosure_detail"),
    path("dan-chu/cong-khai/<int:pk>/sua/", views.DisclosureEditView.as_view(), name="disclosure_edit"),
    path("dan-chu/cong-khai/<int:pk>/phe-duyet/", views.DisclosureApproveView.as_view(), name="disclosure_approve"),
    path("dan-chu/cong-khai/<int:pk>/xoa/", views.DisclosureDeleteView.as_view(), name="disclosure_delete"),
    path("dan-chu/toi-thieu/", views.MinimumsView.as_view(), name="minimums"),
    path("dan-chu/tiep-cong-dan/", views.ReceptionListView.as_view(), name="reception_list"),
    path("dan-chu/tiep-cong-dan/them/", views.ReceptionCreateView.as_view(), name="reception_add"),
    path("dan-chu/tiep-cong-dan/<int:pk>/sua/", views.ReceptionEditView.as_view(), name="reception_edit"),
    path("dan-chu/don-thu/", views.PetitionListView.as_view(), name="petition_list"),
    path("dan-chu/don-thu/them/", views.PetitionCreateView.as_view(), name="petition_add"),
    path("dan-chu/don-thu/<int:pk>/", views.PetitionDetailView.as_view(), name="petition_detail"),
    path("dan-chu/don-thu/<int:pk>/sua/", views.PetitionEditView.as_view(), name="petition_edit"),
    path("dan-chu/don-thu/<int:petition_pk>/xu-ly/", views.PetitionStepCreateView.as_view(), name="step_add"),
    path("dan-chu/don-thu/<int:pk>/mo-phan-anh-can-bo/", views.PetitionOpenFeedbackView.as_view(),
         name="petition_open_feedback"),
    path("dan-chu/vi-pham/", views.ViolationListView.as_view(), name="violation_list"),
    path("dan-chu/vi-pham/them/", views.ViolationCreateView.as_view(), name="violation_add"),
    path("dan-chu/vi-pham/xuat-excel/", views.ViolationExportView.as_view(), name="violation_export"),
    path("dan-chu/vi-pham/<int:pk>/", views.ViolationDetailView.as_view(), name="violation_detail"),
    path("dan-chu/vi-pham/<int:pk>/sua/", views.ViolationEditView.as_view(), name="violation_edit"),
]
