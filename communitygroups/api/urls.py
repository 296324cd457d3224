from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("community/groups", views.CommunityGroupViewSet, basename="community-group")
router.register("community/members", views.GroupMemberViewSet, basename="community-member")
router.register("community/inter-family-groups", views.InterFamilyGroupViewSet, basename="community-interfamily")
router.register("community/households", views.HouseholdViewSet, basename="community-household")
router.register("community/zalo-groups", views.ZaloGroupViewSet, basename="community-zalo")
router.register("community/activities", views.ActivityViewSet, basename="community-activity")
router.register("community/situation-reports", views.SituationReportViewSet, basename="community-report")
router.register("community/classification-criteria", views.ClassificationCriteriaViewSet,
                basename="community-criteria")
router.register("community/classifications", views.GroupClassificationViewSet, basename="community-classification")
urlpatterns = router.urls
