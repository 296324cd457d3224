from rest_framework.routers import SimpleRouter

from .views import CadreFeedbackViewSet, CadreReviewViewSet, UnitPlanRoundViewSet, UnitPlanSubmissionViewSet

router = SimpleRouter()
router.register("unit-plan-rounds", UnitPlanRoundViewSet, basename="unit-plan-round")
router.register("unit-plan-submissions", UnitPlanSubmissionViewSet, basename="unit-plan-submission")
router.register("cadre-feedback", CadreFeedbackViewSet, basename="cadre-feedback")
router.register("cadre-reviews", CadreReviewViewSet, basename="cadre-review")
urlpatterns = router.urls
