"""QR codes made on the server (segno), as inline SVG: no script, no external image, nothing the
Content-Security-Policy has to allow, and sharp at any print size."""

import segno
from django.utils.safestring import mark_safe

# "M" recovers from about 15% damage: a code taped to a desk gets scratched; "H" would make it denser.
ERROR_LEVEL = "m"


def qr_code(data):
    return segno.make(data, error=ERROR_LEVEL, micro=False)


def qr_svg(data, *, title="", css_class="qr-code"):
    """The QR code of ``data`` as an inline <svg> that fills the width its CSS gives it (a viewBox, no size)."""
    # segno escapes the title itself.
    svg = qr_code(data).svg_inline(
        scale=1, border=4, omitsize=True, svgclass=css_class, lineclass="qr-dark", title=title or None,
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own markup
