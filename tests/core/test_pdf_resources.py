"""The PDF helper reads its resources from the portal's static and media folders only: a path that merely starts
like an allowed folder and climbs out of it with ``..`` is refused."""

import pytest

from core.pdf import _fetcher_class


def _read(fetcher, url):
    response = fetcher.fetch(url)
    try:
        return response.read()
    finally:
        response.close()


def test_a_path_climbing_out_of_the_media_or_static_folder_is_refused(settings, tmp_path):
    fetcher = _fetcher_class()(allowed_protocols=("file", "data"))
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    (tmp_path / "bi-mat.txt").write_text("mật khẩu")
    (media / "anh.txt").write_text("ảnh minh chứng")

    for outside in (f"file://{media}/../bi-mat.txt", f"file://{media}/%2E%2E/bi-mat.txt",
                    "file:///static/../../../../etc/passwd", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="static and media files only"):
            _read(fetcher, outside)
    # What lies inside is still read: an uploaded file and the portal's stylesheet through the static finders.
    assert _read(fetcher, f"file://{media}/anh.txt").decode() == "ảnh minh chứng"
    assert _read(fetcher, f"file://{settings.STATIC_URL}css/portal.css")
