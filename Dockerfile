# One image for the web (gunicorn), the reminder worker and the scheduler (beat):
# docker-compose.yml runs it with three different commands.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 app

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=app:app . .
# Translations and static files are built into the image. Build-time settings
# only need to start: a throwaway key and a SQLite path that is never opened.
RUN python manage.py compilemessages --ignore=.venv -v0 \
    && DJANGO_ENV=production SECRET_KEY=build-only-build-only-build-only-build-only-build-only \
       ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.sqlite3 VAR_DIR=/app/var \
       python manage.py collectstatic --noinput -v0 \
    && mkdir -p /app/var/beat /app/var/mail \
    && chown -R app:app /app/var

USER app
EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]
