"""The portal's middleware: Vietnamese first, the audit log's client address through the trusted proxy only, and no
caching of what a logged-in official sees."""

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control

from .network import client_address


class VietnameseFirstMiddleware:
    """Ignore the browser's Accept-Language so a browser set to English still gets Vietnamese; the language
    menu (Django's set_language view and its cookie) remains the way to switch."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, recording the client address the login lockout and the rate limits use.

    Its own takes the left-most X-Forwarded-For of any request, which every client can write: the change history
    would show whatever address a sender chose. core.network reads that header only from a trusted proxy.
    """

    @staticmethod
    def _get_remote_addr(request):
        if getattr(settings, "AUDITLOG_DISABLE_REMOTE_ADDR", False):
            return None
        return client_address(request) or None


class PrivateResponsesMiddleware:
    """``Cache-Control: private, no-store`` on every response to a logged-in user and on the whole API.

    Officials use shared office computers: a page, an export or an evidence file must not stay in a browser's or a
    proxy's cache for the next person at the desk (nor be served back from it after logout). Public pages for
    citizens (the rating page, the public models page) keep their own caching for anonymous visitors; static files
    never reach this middleware (WhiteNoise answers them first).
    """

    api_prefix = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.api_prefix) or self._logged_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def _logged_in(request):
        # Without a session cookie nobody is logged in: do not load a session (that would add Vary: Cookie to the
        # anonymous public pages).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated
