from rest_framework.routers import SimpleRouter

from .views import (
    AssessmentViewSet,
    CorrectiveActionViewSet,
    CriteriaSetViewSet,
    RatingViewSet,
    ServiceDeskViewSet,
    SurveyCampaignViewSet,
)

router = SimpleRouter()
router.register("service-desks", ServiceDeskViewSet, basename="service-desk")
router.register("ratings", RatingViewSet, basename="rating")
router.register("corrective-actions", CorrectiveActionViewSet, basename="corrective-action")
router.register("survey-campaigns", SurveyCampaignViewSet, basename="survey-campaign")
router.register("criteria-sets", CriteriaSetViewSet, basename="criteria-set")
router.register("friendly-assessments", AssessmentViewSet, basename="friendly-assessment")
urlpatterns = router.urls
