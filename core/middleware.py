"""Vietnamese first: the portal speaks Vietnamese unless the user chose English in the language menu."""


class VietnameseFirstMiddleware:
    """Ignore the browser's Accept-Language so a browser set to English still gets Vietnamese; the language
    menu (Django's set_language view and its cookie) remains the way to switch."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
