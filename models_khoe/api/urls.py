from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("dvk/blocs", views.BlocViewSet, basename="dvk-bloc")
router.register("dvk/criteria", views.CriterionViewSet, basename="dvk-criterion")
router.register("dvk/evaluators", views.EvaluatorAssignmentViewSet, basename="dvk-evaluator")
router.register("dvk/models", views.MobilizationModelViewSet, basename="dvk-model")
router.register("dvk/appraisals", views.AppraisalViewSet, basename="dvk-appraisal")
router.register("dvk/versions", views.RegistrationVersionViewSet, basename="dvk-version")
router.register("dvk/indicator-values", views.IndicatorValueViewSet, basename="dvk-indicator-value")
router.register("dvk/activities", views.ActivityViewSet, basename="dvk-activity")
router.register("dvk/publicity", views.PublicityViewSet, basename="dvk-publicity")
router.register("dvk/evaluations", views.EvaluationViewSet, basename="dvk-evaluation")
router.register("dvk/recognitions", views.RecognitionViewSet, basename="dvk-recognition")
router.register("dvk/replications", views.ReplicationViewSet, basename="dvk-replication")
urlpatterns = router.urls
