from django.urls import path

from core.paths import object_paths

from . import views

app_name = "communitygroups"

urlpatterns = [
    *object_paths("to-dan-van/", "group", list=views.GroupListView, add=views.GroupCreateView,
                  detail=views.GroupDetailView, edit=views.GroupEditView),
    path("to-dan-van/bao-phu/", views.CoverageView.as_view(), name="coverage"),
    path("to-dan-van/chu-nhat-xanh/", views.RegularityView.as_view(), name="regularity"),
    path("to-dan-van/xep-loai/", views.ClassificationView.as_view(), name="classification_list"),
    path("to-dan-van/xep-loai/tieu-chi/<int:year>/", views.CriteriaEditView.as_view(), name="criteria_edit"),
    path("to-dan-van/xep-loai/<int:pk>/dieu-chinh/", views.OverrideView.as_view(), name="classification_override"),
    path("to-dan-van/<int:group_pk>/thanh-vien/them/", views.MemberCreateView.as_view(), name="member_add"),
    *object_paths("to-dan-van/thanh-vien/", "member", edit=views.MemberEditView, delete=views.MemberDeleteView),
    path("to-dan-van/<int:group_pk>/to-lien-gia/them/", views.InterFamilyCreateView.as_view(),
         name="interfamily_add"),
    *object_paths("to-lien-gia/", "interfamily", detail=views.InterFamilyDetailView, edit=views.InterFamilyEditView),
    path("to-lien-gia/<int:pk>/zalo/", views.ZaloEditView.as_view(), name="zalo_edit"),
    *object_paths("ho-gia-dinh/", "household", list=views.HouseholdListView, add=views.HouseholdCreateView,
                  detail=views.HouseholdDetailView, edit=views.HouseholdEditView, delete=views.HouseholdDeleteView),
    path("ho-gia-dinh/nhap-excel/", views.HouseholdImportView.as_view(), name="household_import"),
    path("ho-gia-dinh/nhap-excel/ghi/", views.HouseholdImportApplyView.as_view(), name="household_import_apply"),
    path("ho-gia-dinh/xuat-excel/", views.HouseholdExportView.as_view(), name="household_export"),
    *object_paths("hoat-dong-to-dan-van/", "activity", list=views.ActivityListView, add=views.ActivityCreateView,
                  detail=views.ActivityDetailView, edit=views.ActivityEditView, delete=views.ActivityDeleteView),
    *object_paths("nam-tinh-hinh/", "report", list=views.ReportListView, detail=views.ReportDetailView,
                  edit=views.ReportEditView),
    path("nam-tinh-hinh/gui/", views.ReportCreateView.as_view(), name="report_add"),
    path("nam-tinh-hinh/<int:pk>/tiep-nhan/", views.ReportAcknowledgeView.as_view(), name="report_acknowledge"),
    path("nam-tinh-hinh/<int:pk>/tra-loi/", views.ReportAnswerView.as_view(), name="report_answer"),
    path("nam-tinh-hinh/<int:pk>/theo-doi/", views.ReportWatchView.as_view(), name="report_watch"),
]
