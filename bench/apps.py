"""The benchmark as a Django app, installed only by `bench.settings` (never by the product's settings).

Layout of bench/ (measurement tooling; no product module imports it):

- `run.py`: `make bench`, the harness (databases, probe, gunicorn + locust, report); `probe.py`: query counts and
  sequential scans per page; `locustfile.py`: the load test users.
- `pages/`: the measured pages: the core's in `pages/__init__.py`, each app's in `pages/<app>.py`
  (`bench_pages()`), listed once in `pages.APP_PAGES`.
- `scale/`: city-scale data: `scale/core.py` (departments, users), each app's in `scale/<app>.py`
  (`seed(city)`, `reset()`), listed once in `scale.APP_SEEDERS`.
- `management/commands/`: the bench-only commands (`seed_scale`), found because `bench.settings` installs this app.
- `settings.py`: the product settings plus this app: `DJANGO_SETTINGS_MODULE=bench.settings manage.py seed_scale`.
"""

from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "bench"
    verbose_name = "Benchmark tooling"
