from rest_framework.routers import SimpleRouter

from .views import QuarterlyReportViewSet, UnitReportViewSet, WardSummaryViewSet

router = SimpleRouter()
router.register("quarterly-reports", QuarterlyReportViewSet, basename="quarterly-report")
router.register("unit-reports", UnitReportViewSet, basename="unit-report")
router.register("ward-summaries", WardSummaryViewSet, basename="ward-summary")
urlpatterns = router.urls
