"""The one PDF helper of the portal: a template per document, rendered by WeasyPrint.

Static files (the PDF stylesheet, images) are read from disk, never over HTTP; text is normalised to NFC so
Vietnamese diacritics render from the named serif font ("Liberation Serif", installed by scripts/setup from
Debian's fonts-liberation2, with Times New Roman's metrics). WeasyPrint is imported only here, inside the
function, so manage.py works on a machine where Pango is missing.
"""

import posixpath
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

PDF_FONT_FAMILY = '"Liberation Serif", "Times New Roman", "DejaVu Serif", serif'


def _readable_roots():
    return [Path(root).resolve() for root in (settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS)]


def resource_path(url):
    """The file on disk a PDF may read for ``url``, or None.

    ``file:///static/...`` is looked up through the static finders; any other ``file://`` path must lie inside
    MEDIA_ROOT, STATIC_ROOT or a static folder once ``..`` and symbolic links are resolved, so a path such as
    ``<MEDIA_ROOT>/../../etc/passwd`` that only starts like an allowed folder is refused."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if path.startswith(settings.STATIC_URL):
        relative = posixpath.normpath(path[len(settings.STATIC_URL):])
        if relative.startswith(("../", "/")) or relative in ("..", "."):
            return None
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation:
            return None
        return Path(found).resolve() if found else None
    resolved = Path(path).resolve()
    if any(resolved.is_relative_to(root) for root in _readable_roots()) and resolved.is_file():
        return resolved
    return None


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class StaticFileFetcher(URLFetcher):
        """Serve static and media files from disk (see ``resource_path``) and data: URLs; refuse everything else."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = resource_path(url)
            if found is None:
                raise ValueError(f"PDF resources are read from static and media files only: {url}")
            return super().fetch(found.as_uri(), headers)

    return StaticFileFetcher


def render_pdf(template_name, context, request=None):
    """Render a template to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, {"pdf_font_family": PDF_FONT_FAMILY, **context}, request=request)
    html = unicodedata.normalize("NFC", html)
    fetcher = _fetcher_class()(allowed_protocols=("file", "data"))
    return HTML(string=html, base_url="file:///", url_fetcher=fetcher).write_pdf()
