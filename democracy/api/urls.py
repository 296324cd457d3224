from rest_framework.routers import SimpleRouter

from .views import (
    CitizenReceptionViewSet,
    DemocracyMinimumsViewSet,
    DisclosureChecklistViewSet,
    DisclosureRequirementViewSet,
    DisclosureViewSet,
    PetitionStepViewSet,
    PetitionViewSet,
    ViolationViewSet,
)

router = SimpleRouter()
router.register("disclosures", DisclosureViewSet, basename="disclosure")
router.register("disclosure-requirements", DisclosureRequirementViewSet, basename="disclosure-requirement")
router.register("disclosure-checklist", DisclosureChecklistViewSet, basename="disclosure-checklist")
router.register("citizen-receptions", CitizenReceptionViewSet, basename="citizen-reception")
router.register("petitions", PetitionViewSet, basename="petition")
router.register("petition-steps", PetitionStepViewSet, basename="petition-step")
router.register("democracy-violations", ViolationViewSet, basename="democracy-violation")
router.register("democracy-minimums", DemocracyMinimumsViewSet, basename="democracy-minimums")
urlpatterns = router.urls
