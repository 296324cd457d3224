# The portal's image: one image for the web server, the Celery worker and the beat (docker-compose.yml).
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=danvan.settings

# WeasyPrint needs Pango and HarfBuzz at import; Liberation Serif (Times New Roman's metrics) and DejaVu
# cover every Vietnamese diacritic, so PDFs never fall back to a font that draws boxes.
# gettext compiles the translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1 \
        fonts-liberation2 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first: this layer is rebuilt only when pyproject.toml changes.
COPY pyproject.toml ./
RUN pip install .

COPY . .
RUN if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then python manage.py compilemessages -v0; fi

# Never run as root. The directories exist in the image so the named volumes mounted on them start
# out owned by this user.
RUN useradd --system --uid 10001 --create-home --home-dir /home/danvan --shell /usr/sbin/nologin danvan \
    && mkdir -p /data/media /app/var/staticfiles /var/lib/celery \
    && chown -R danvan:danvan /data/media /app/var /var/lib/celery
USER danvan

ENV DJANGO_ENV=production \
    DJANGO_MEDIA_ROOT=/data/media \
    DJANGO_STATIC_ROOT=/app/var/staticfiles

EXPOSE 8000
CMD ["gunicorn", "danvan.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
