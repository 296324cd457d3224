from django.urls import path

from . import views

app_name = "communitygroups"

urlpatterns = [
    path("to-dan-van/", views.GroupListView.as_view(), name="group_list"),
    path("to-dan-van/them/", views.GroupCreateView.as_view(), name="group_add"),
    path("to-dan-van/bao-phu/", views.CoverageView.as_view(), name="coverage"),
    path("to-dan-van/chu-nhat-xanh/", views.RegularityView.as_view(), name="regularity"),
    path("to-dan-van/xep-loai/", views.ClassificationView.as_view(), name="classification_list"),
    path("to-dan-van/xep-loai/tieu-chi/<int:year>/", views.CriteriaEditView.as_view(), name="criteria_edit"),
    path("to-dan-van/xep-loai/<int:pk>/dieu-chinh/", views.OverrideView.as_view(), name="classification_override"),
    path("to-dan-van/<int:pk>/", views.GroupDetailView.as_view(), name="group_detail"),
    path("to-dan-van/<int:pk>/sua/", views.GroupEditView.as_view(), name="group_edit"),
    path("to-dan-van/<int:group_pk>/thanh-vien/them/", views.MemberCreateView.as_view(), name="member_add"),
    path("to-dan-van/thanh-vien/<int:pk>/sua/", views.MemberEditView.as_view(), name="member_edit"),
    path("to-dan-van/thanh-vien/<int:pk>/xoa/", views.MemberDeleteView.as_view(), name="member_delete"),
    path("to-dan-van/<int:group_pk>/to-lien-gia/them/", views.InterFamilyCreateView.as_view(),
         name="interfamily_add"),
    path("to-lien-gia/<int:pk>/", views.InterFamilyDetailView.as_view(), name="interfamily_detail"),
    path("to-lien-gia/<int:pk>/sua/", views.InterFamilyEditView.as_view(), name="interfamily_edit"),
    path("to-lien-gia/<int:pk>/zalo/", views.ZaloEditView.as_view(), name="zalo_edit"),
    path("ho-gia-dinh/", views.HouseholdListView.as_view(), name="household_list"),
    path("ho-gia-dinh/them/", views.HouseholdCreateView.as_view(), name="household_add"),
    path("ho-gia-dinh/nhap-excel/", views.HouseholdImportView.as_view(), name="household_import"),
    path("ho-gia-dinh/xuat-excel/", views.HouseholdExportView.as_view(), name="household_export"),
    path("ho-gia-dinh/<int:pk>/", views.HouseholdDetailView.as_view(), name="household_detail"),
    path("ho-gia-dinh/<int:pk>/sua/", views.HouseholdEditView.as_view(), name="household_edit"),
    path("ho-gia-dinh/<int:pk>/xoa/", views.HouseholdDeleteView.as_view(), name="household_delete"),
    path("hoat-dong-to-dan-van/", views.ActivityListView.as_view(), name="activity_list"),
    path("hoat-dong-to-dan-van/them/", views.ActivityCreateView.as_view(), name="activity_add"),
    path("hoat-dong-to-dan-van/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("hoat-dong-to-dan-van/<int:pk>/sua/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("hoat-dong-to-dan-van/<int:pk>/xoa/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("nam-tinh-hinh/", views.ReportListView.as_view(), name="report_list"),
    path("nam-tinh-hinh/gui/", views.ReportCreateView.as_view(), name="report_add"),
    path("nam-tinh-hinh/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("nam-tinh-hinh/<int:pk>/sua/", views.ReportEditView.as_view(), name="report_edit"),
    path("nam-tinh-hinh/<int:pk>/tiep-nhan/", views.ReportAcknowledgeView.as_view(), name="report_acknowledge"),
    path("nam-tinh-hinh/<int:pk>/tra-loi/", views.ReportAnswerView.as_view(), name="report_answer"),
    path("nam-tinh-hinh/<int:pk>/theo-doi/", views.ReportWatchView.as_view(), name="report_watch"),
]
