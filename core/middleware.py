"""The portal's middleware: Vietnamese first, and the audit log's client address through the trusted proxy only."""

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings

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
