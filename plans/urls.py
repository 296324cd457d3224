from django.urls import path

from core.paths import object_paths

from . import excel_views, views
from .binding_views import TaskBindingView
from .import_views import PlanImportPreviewView, PlanImportView

app_name = "plans"

urlpatterns = [
    *object_paths("ke-hoach/", "plan", list=views.PlanListView, detail=views.PlanDetailView),
    path("ke-hoach/<int:pk>/nam-sau/", views.NextYearPlanView.as_view(), name="next_year_plan"),
    path("ke-hoach/nhap/", PlanImportView.as_view(), name="plan_import"),
    path("ke-hoach/nhap/<str:draft>/", PlanImportPreviewView.as_view(), name="plan_import_preview"),
    *object_paths("nhiem-vu/", "task", list=views.TaskListView, add=views.TaskCreateView, detail=views.TaskDetailView,
                  edit=views.TaskEditView),
    path("nhiem-vu/xuat-excel/", excel_views.TaskExportView.as_view(), name="task_export"),
    path("nhiem-vu/nhap-excel/", excel_views.ProgressImportView.as_view(), name="task_import"),
    path("nhiem-vu/nhap-excel/ghi/", excel_views.ProgressImportApplyView.as_view(), name="task_import_apply"),
    path("nhiem-vu/<int:pk>/tien-do/", views.ProgressCreateView.as_view(), name="progress_add"),
    path("nhiem-vu/<int:pk>/nguon-tien-do/", TaskBindingView.as_view(), name="task_binding"),
    *object_paths("phan-cong-chi-bo/", "cell_assignment", list=views.CellAssignmentListView,
                  add=views.CellAssignmentCreateView, detail=views.CellAssignmentDetailView,
                  edit=views.CellAssignmentEditView, delete=views.CellAssignmentDeleteView),
]
