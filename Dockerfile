# syntax=docker/dockerfile:1
# The portal's image: one image for web (gunicorn), the Celery worker, Celery beat and the migrate step.

# --- build: install the dependencies into a virtualenv, compile messages, collect static files ---
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# collectstatic runs with the production storage (compressed, hashed names). The key is a throwaway:
# the settings refuse to load without a real one, and nothing is signed at build time.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" DEBUG= \
        python manage.py compilemessages --ignore=.venv --verbosity 0 \
    && SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" DEBUG= \
        python manage.py collectstatic --noinput --verbosity 0

# --- runtime: no compilers, no build tools, a non-root user ---
FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=finest.settings \
    VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media \
    STATIC_ROOT=/app/staticfiles
RUN groupadd --system --gid 10001 finest \
    && useradd --system --uid 10001 --gid finest --home-dir /app --shell /usr/sbin/nologin finest
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /app/var/media /app/var/private /app/var/celerybeat \
    && chown -R finest:finest /app/var
USER finest:finest
VOLUME ["/app/var/media"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
CMD ["gunicorn", "finest.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--forwarded-allow-ips", "*"]
