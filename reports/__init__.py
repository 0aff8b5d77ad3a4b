"""Background PDF reports: report jobs, the Celery pipeline that builds them, and the registry of report kinds.

The app knows no domain: each app declares its own kinds in its `reports.py` (found by autodiscovery, see kinds.py).
"""
