from rest_framework.routers import SimpleRouter

from .views import PlanViewSet, ProgressUpdateViewSet, TaskAreaViewSet, TaskViewSet

router = SimpleRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("areas", TaskAreaViewSet, basename="area")
router.register("tasks", TaskViewSet, basename="task")
router.register("progress", ProgressUpdateViewSet, basename="progress")
urlpatterns = router.urls
