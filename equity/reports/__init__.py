"""Background PDF reports: report jobs, the Celery pipeline that builds them, and the registry of report kinds."""
