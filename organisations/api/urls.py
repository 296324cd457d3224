from rest_framework.routers import SimpleRouter

from .views import PersonViewSet, UnitViewSet

router = SimpleRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("people", PersonViewSet, basename="person")
urlpatterns = router.urls
