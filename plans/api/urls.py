from rest_framework.routers import SimpleRouter

from .views import (
    CellAssignmentViewSet,
    PlanViewSet,
    ProgressUpdateViewSet,
    TaskAreaViewSet,
    TaskBindingViewSet,
    TaskViewSet,
)

router = SimpleRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("areas", TaskAreaViewSet, basename="area")
router.register("tasks", TaskViewSet, basename="task")
router.register("progress", ProgressUpdateViewSet, basename="progress")
router.register("task-bindings", TaskBindingViewSet, basename="task-binding")
router.register("cell-assignments", CellAssignmentViewSet, basename="cell-assignment")
urlpatterns = router.urls
