from rest_framework.routers import SimpleRouter

from .views import ConclusionViewSet, MeetingRequirementViewSet, MeetingScheduleViewSet, MeetingViewSet

router = SimpleRouter()
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("conclusions", ConclusionViewSet, basename="conclusion")
router.register("meeting-requirements", MeetingRequirementViewSet, basename="meeting-requirement")
router.register("meeting-schedule", MeetingScheduleViewSet, basename="meeting-schedule")
urlpatterns = router.urls
