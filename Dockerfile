# The DealPilot image compose.yaml runs (the app or the worker, by its command).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=dealpilot.web.settings
RUN apt-get update && apt-get install -y --no-install-recommends gettext make nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
# Front-end libraries from the npm registry (no CDN), compiled messages, static files collected.
RUN pip install --no-cache-dir -e . \
    && make dealpilot/web/static/vendor/.installed \
    && (cd dealpilot && django-admin compilemessages -v 0) \
    && SECRET_KEY=only-for-collectstatic python manage.py collectstatic --noinput -v 0 \
    && useradd --system --home /app dealpilot && chown -R dealpilot /app
USER dealpilot
EXPOSE 8000
CMD ["gunicorn", "-c", "dealpilot/web/gunicorn_conf.py", "dealpilot.web.wsgi:application"]
