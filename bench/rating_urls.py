"""The portal's URLs plus the trivial view of the rating benchmark: same middleware, no database, no template.
It sits after the portal's URLs, so it pays the same URL resolution as any page of the portal."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("", include("danvan.urls")),
    path("bench/trivial/", trivial),
]
