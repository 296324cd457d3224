from django.urls import path

from core.paths import object_paths

from . import views

app_name = "reports"

urlpatterns = [
    path("bang-dieu-hanh/", views.DashboardView.as_view(), name="dashboard"),
    path("bang-dieu-hanh/cac-phuong/", views.CityDashboardView.as_view(), name="city"),
    *object_paths("bao-cao/", "report", list=views.ReportListView, detail=views.ReportDetailView),
    path("bao-cao/<int:pk>/luu/", views.ReportSaveView.as_view(), name="report_save"),
    path("bao-cao/<int:pk>/cap-nhat-so-lieu/", views.ReportRefreshView.as_view(), name="report_refresh"),
    path("bao-cao/<int:pk>/trinh/", views.ReportSubmitView.as_view(), name="report_submit"),
    path("bao-cao/<int:pk>/tra-lai/", views.ReportReturnView.as_view(), name="report_return"),
    path("bao-cao/<int:pk>/phe-duyet/", views.ReportApproveView.as_view(), name="report_approve"),
    path("bao-cao/<int:pk>/pdf/", views.ReportPdfView.as_view(), name="report_pdf"),
    path("bao-cao/<int:pk>/pdf/trang-thai/", views.ReportPdfStatusView.as_view(), name="report_pdf_status"),
    path("bao-cao/<int:pk>/excel/", views.ReportExcelView.as_view(), name="report_excel"),
    path("bao-cao/tong-ket-nam/<int:pk>/", views.YearSummaryView.as_view(), name="year_summary"),
    path("bao-cao/don-vi/<int:pk>/", views.UnitReportView.as_view(), name="unit_report"),
]
