"""The one PDF helper of the portal: a template per document, rendered by WeasyPrint.

Static files (the PDF stylesheet, images) are read from disk, never over HTTP; text is normalised to NFC so
Vietnamese diacritics render from the named serif font ("Liberation Serif", installed by scripts/setup from
Debian's fonts-liberation2, with Times New Roman's metrics). WeasyPrint is imported only here, inside the
function, so manage.py works on a machine where Pango is missing.
"""

import unicodedata
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

PDF_FONT_FAMILY = '"Liberation Serif", "Times New Roman", "DejaVu Serif", serif'


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class StaticFileFetcher(URLFetcher):
        """Serve /static/... from the static finders and data: URLs; refuse everything else."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            path = unquote(parsed.path)
            if parsed.scheme == "file" and path.startswith(settings.STATIC_URL):
                found = finders.find(path[len(settings.STATIC_URL):])
                if found:
                    return super().fetch(f"file://{found}", headers)
            if parsed.scheme == "file" and path.startswith(str(settings.MEDIA_ROOT)):
                return super().fetch(url, headers)
            raise ValueError(f"PDF resources are read from static files only: {url}")

    return StaticFileFetcher


def render_pdf(template_name, context, request=None):
    """Render a template to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, {"pdf_font_family": PDF_FONT_FAMILY, **context}, request=request)
    html = unicodedata.normalize("NFC", html)
    fetcher = _fetcher_class()(allowed_protocols=("file", "data"))
    return HTML(string=html, base_url="file:///", url_fetcher=fetcher).write_pdf()
