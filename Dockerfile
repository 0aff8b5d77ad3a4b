# Equity Portal image: Python 3.11 on Debian with WeasyPrint's system libraries.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=false python manage.py collectstatic --no-input \
    && DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=false python manage.py catalogs_compile --force
RUN useradd --system --home /app equity && mkdir -p /data/media && chown equity /data/media
USER equity
EXPOSE 8000
CMD ["gunicorn", "equity.wsgi:application", "--config", "gunicorn.conf.py"]
