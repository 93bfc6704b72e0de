# The portal's web image: gunicorn serving Django, static files collected at build and served by
# WhiteNoise. Configuration comes only from the environment (see docker-compose.yml).
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango is what WeasyPrint lays PDFs out with; DejaVu gives it fonts with every Portuguese glyph.
# gettext compiles the pt-PT catalogue below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, in their own layer: it is rebuilt only when the lock changes.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .

# The key only lets settings load; nothing signed with it leaves the build.
RUN if find . -name '*.po' -path '*/LC_MESSAGES/*' | grep -q .; then \
        DJANGO_SECRET_KEY=build-only EMAIL_URL=dummy:// python manage.py compilemessages; \
    fi \
    && DJANGO_SECRET_KEY=build-only EMAIL_URL=dummy:// python manage.py collectstatic --no-input

# Run as an unprivileged user that owns only the uploads folder; the code stays root's.
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin portal \
    && mkdir -p /data/media \
    && chown portal:portal /data/media
USER portal
ENV MEDIA_ROOT=/data/media
VOLUME ["/data/media"]

EXPOSE 8000
CMD ["gunicorn", "smartcities_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
