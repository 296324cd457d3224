from django.urls import path

from core.paths import object_paths

from . import views

app_name = "democracy"

urlpatterns = [
    *object_paths("dan-chu/cong-khai/", "disclosure", list=views.DisclosureListView, add=views.DisclosureCreateView,
                  detail=views.DisclosureDetailView, edit=views.DisclosureEditView, delete=views.DisclosureDeleteView),
    path("dan-chu/cong-khai/danh-muc-nam/", views.ChecklistView.as_view(), name="checklist"),
    path("dan-chu/cong-khai/danh-muc-nam/mac-dinh/", views.ChecklistDefaultsView.as_view(), name="checklist_defaults"),
    *object_paths("dan-chu/cong-khai/danh-muc-nam/", "requirement", add=views.RequirementCreateView,
                  edit=views.RequirementEditView),
    path("dan-chu/cong-khai/danh-sach-quy/", views.QuarterlyListView.as_view(), name="quarterly_list"),
    path("dan-chu/cong-khai/<int:pk>/phe-duyet/", views.DisclosureApproveView.as_view(), name="disclosure_approve"),
    path("dan-chu/toi-thieu/", views.MinimumsView.as_view(), name="minimums"),
    *object_paths("dan-chu/tiep-cong-dan/", "reception", list=views.ReceptionListView, add=views.ReceptionCreateView,
                  edit=views.ReceptionEditView),
    *object_paths("dan-chu/don-thu/", "petition", list=views.PetitionListView, add=views.PetitionCreateView,
                  detail=views.PetitionDetailView, edit=views.PetitionEditView),
    path("dan-chu/don-thu/<int:petition_pk>/xu-ly/", views.PetitionStepCreateView.as_view(), name="step_add"),
    path("dan-chu/don-thu/<int:pk>/mo-phan-anh-can-bo/", views.PetitionOpenFeedbackView.as_view(),
         name="petition_open_feedback"),
    *object_paths("dan-chu/vi-pham/", "violation", list=views.ViolationListView, add=views.ViolationCreateView,
                  detail=views.ViolationDetailView, edit=views.ViolationEditView),
    path("dan-chu/vi-pham/xuat-excel/", views.ViolationExportView.as_view(), name="violation_export"),
]
