from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("religion/establishments", views.EstablishmentViewSet, basename="religion-establishment")
router.register("religion/certificate-steps", views.CertificateStepViewSet, basename="religion-certificate-step")
router.register("religion/head-changes", views.HeadChangeViewSet, basename="religion-head-change")
router.register("religion/invitations", views.InvitationViewSet, basename="religion-invitation")
router.register("religion/works", views.WorkViewSet, basename="religion-work")
router.register("religion/inspections", views.InspectionViewSet, basename="religion-inspection")
router.register("religion/events", views.EventViewSet, basename="religion-event")
router.register("religion/watch-reports", views.WatchReportViewSet, basename="religion-watch-report")
router.register("religion/follow-ups", views.FollowUpViewSet, basename="religion-follow-up")
router.register("religion/key-persons", views.KeyPersonViewSet, basename="religion-key-person")
router.register("religion/retention-settings", views.RetentionSettingViewSet, basename="religion-retention-setting")
router.register("religion/access-log", views.AccessLogViewSet, basename="religion-access-log")
urlpatterns = router.urls
