"""Background job settings, read from the environment: the report workers' reliability (Celery acks, leases,
sweeps, broker time limits), the periodic tasks beat runs and the queue they go to, notifications, and the domain
apps' job settings. Star-imported by equity.settings (which keeps the broker's address, CELERY_BROKER_URL, beside the
database's); the guide is docs/operations.md ("Report workers"), the decision ADR 0043.
"""

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from equity.environment import env, env_int

CELERY_BEAT_SCHEDULE: dict = {}

# Reports (reports/): Celery reliability (docs/operations.md, "Report workers"; ADR 0043). A lost worker's job is
# redelivered (late ack + requeue), each worker takes one job at a time, and a run holds a lease on its job that a
# heartbeat renews: a killed pool process's job is taken over at once (its owner's pid is gone), a lost machine's
# after the lease ends (the sweeper re-sends it). The broker's visibility timeout stays above the hard time limit and
# the longest retry countdown. Broker calls made by a request time out in about a second so a request never hangs.
REPORTS_QUEUE = env.str("REPORTS_QUEUE", default="celery")  # set e.g. "reports" for a dedicated worker (-Q reports)
REPORTS_SOFT_TIME_LIMIT = env_int("REPORTS_SOFT_TIME_LIMIT", default=240)
REPORTS_HARD_TIME_LIMIT = env_int("REPORTS_HARD_TIME_LIMIT", default=300)
REPORTS_VISIBILITY_TIMEOUT = env_int("REPORTS_VISIBILITY_TIMEOUT", default=REPORTS_HARD_TIME_LIMIT * 2)
if REPORTS_VISIBILITY_TIMEOUT <= REPORTS_HARD_TIME_LIMIT:
    raise ImproperlyConfigured("REPORTS_VISIBILITY_TIMEOUT must be greater than REPORTS_HARD_TIME_LIMIT.")
REPORTS_LEASE_SECONDS = env_int("REPORTS_LEASE_SECONDS", default=30)  # a run's heartbeat renews it every third
REPORTS_RECOVER_EVERY = env_int("REPORTS_RECOVER_EVERY", default=15)  # seconds between sweeps for lost leases
REPORTS_MAX_ATTEMPTS = env_int("REPORTS_MAX_ATTEMPTS", default=3)  # runs lost (killed) before the job fails
REPORTS_BROKER_TIMEOUT = env_int("REPORTS_BROKER_TIMEOUT", default=1)  # seconds: connect and each broker reply
BROKER_SEND_TIMEOUT = REPORTS_BROKER_TIMEOUT  # every send from a request (equity.broker), whichever app
REPORTS_RESEND_AFTER = env_int("REPORTS_RESEND_AFTER", default=120)  # seconds a job may wait queued before re-sending
REPORTS_STUCK_AFTER = env_int("REPORTS_STUCK_AFTER", default=REPORTS_VISIBILITY_TIMEOUT + 60)
REPORTS_RETENTION_DAYS = env_int("REPORTS_RETENTION_DAYS", default=30)
REPORTS_MAX_RETRIES = env_int("REPORTS_MAX_RETRIES", default=5)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = REPORTS_BROKER_TIMEOUT
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": REPORTS_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": REPORTS_BROKER_TIMEOUT,
    "socket_timeout": env_int("CELERY_BROKER_SOCKET_TIMEOUT", default=5),  # workers and beat; requests use 1 s
    # How often a worker looks for messages of lost workers past the visibility timeout (kombu's default is ~100 s).
    "unacked_restore_interval": env_int("REPORTS_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_ROUTES: dict = {"reports.*": {"queue": REPORTS_QUEUE}}
CELERY_BEAT_SCHEDULE.update(
    {
        "reports-resend-queued": {"task": "reports.resend_queued", "schedule": 60.0},
        "reports-fail-stuck": {"task": "reports.fail_stuck", "schedule": float(REPORTS_RECOVER_EVERY)},
        "reports-purge-files": {"task": "reports.purge_files", "schedule": 6 * 3600.0},
    }
)

# The security trail (sign-ins, failures, factor changes, ended sessions) is kept this long, then purged daily.
SECURITY_EVENTS_KEEP_DAYS = env_int("SECURITY_EVENTS_KEEP_DAYS", default=730)
if SECURITY_EVENTS_KEEP_DAYS < 30:
    raise ImproperlyConfigured("SECURITY_EVENTS_KEEP_DAYS must be at least 30 (days).")
CELERY_BEAT_SCHEDULE["security-events-purge"] = {"task": "equity.accounts.security_events_purge", "schedule": 86400.0}

# Notifications (equity.notifications, docs/notifications.md): links in e-mails start with the portal's address; queued
# e-mails are sent by a job at once and by beat every minute, retried with doubling waits; digests each morning
# (daily) and on Monday mornings (weekly) at NOTIFICATIONS_DIGEST_HOUR in the city's time zone.
EQUITY_PORTAL_URL = env.str("EQUITY_PORTAL_URL", default="http://localhost:8000")
NOTIFICATIONS_EMAIL_BATCH = env_int("NOTIFICATIONS_EMAIL_BATCH", default=100)
NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = env_int("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", default=5)
NOTIFICATIONS_EMAIL_RETRY_SECONDS = env_int("NOTIFICATIONS_EMAIL_RETRY_SECONDS", default=60)
NOTIFICATIONS_EMAIL_CLAIM_SECONDS = env_int("NOTIFICATIONS_EMAIL_CLAIM_SECONDS", default=900)
NOTIFICATIONS_DIGEST_HOUR = env_int("NOTIFICATIONS_DIGEST_HOUR", default=7)
if not 0 <= NOTIFICATIONS_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("NOTIFICATIONS_DIGEST_HOUR must be an hour of the day, 0 to 23.")
CELERY_BEAT_SCHEDULE.update(
    {
        "notifications-email-send": {"task": "equity.notifications.email_send", "schedule": 60.0},
        "notifications-digests-daily": {
            "task": "equity.notifications.digests_daily",
            "schedule": crontab(minute=0, hour=NOTIFICATIONS_DIGEST_HOUR),
        },
        "notifications-digests-weekly": {
            "task": "equity.notifications.digests_weekly",
            "schedule": crontab(minute=0, hour=NOTIFICATIONS_DIGEST_HOUR, day_of_week="mon"),
        },
    }
)

# Plans: daily progress-update reminders at 06:00 in the city's time zone, raised as notifications (plans.reminders).
CELERY_BEAT_SCHEDULE["plans-update-reminders"] = {
    "task": "plans.tasks.send_update_reminders",
    "schedule": crontab(minute=0, hour=6),
}

# Library: large exchange imports run as jobs (library.services.exchange); a sweep sends again a job left waiting
# and queues again one whose worker was lost (an import takes under a minute at the largest file; lost means 10 min).
EXCHANGE_IMPORT_RESEND_AFTER = env_int("EXCHANGE_IMPORT_RESEND_AFTER", default=60)
EXCHANGE_IMPORT_LOST_AFTER = env_int("EXCHANGE_IMPORT_LOST_AFTER", default=600)
EXCHANGE_IMPORT_MAX_ATTEMPTS = 3
CELERY_BEAT_SCHEDULE["library-exchange-imports-recover"] = {
    "task": "library.exchange_imports_recover",
    "schedule": 60.0,
}

# Plans: the month fiscal years start in (1-12; 7 = July), for action timelines like "FY2023 Q2" (plans.timelines).
PLANS_FISCAL_YEAR_START_MONTH = env_int("PLANS_FISCAL_YEAR_START_MONTH", default=7)

# Plans notifications (plans.notices): an action is "due soon" this many days before its due date; the daily scan of
# start and due dates runs at 06:00 in the city's time zone, before the 07:00 digests.
PLANS_NOTIFY_DUE_SOON_DAYS = env_int("PLANS_NOTIFY_DUE_SOON_DAYS", default=14)
CELERY_BEAT_SCHEDULE["plans-notices-daily"] = {"task": "plans.notices_daily", "schedule": crontab(minute=0, hour=6)}

# Training: daily notices at 06:00 city time (training.notices): sessions tomorrow, and required modules due within
# TRAINING_NOTIFY_DUE_SOON_DAYS days or overdue (each person hears once per due date).
TRAINING_NOTIFY_DUE_SOON_DAYS = env_int("TRAINING_NOTIFY_DUE_SOON_DAYS", default=14)
if not 1 <= TRAINING_NOTIFY_DUE_SOON_DAYS <= 365:
    raise ImproperlyConfigured("TRAINING_NOTIFY_DUE_SOON_DAYS must be a number of days, 1 to 365.")
CELERY_BEAT_SCHEDULE["training-notices-daily"] = {
    "task": "training.notices_daily",
    "schedule": crontab(minute=0, hour=6),
}

# Beat's periodic tasks go to a queue of their own, so a backlog of reports never delays the sweepers and reminders:
# every worker command consumes it (`-Q celery,maintenance`: a free process takes the next sweep before any report).
# Kept last so it covers every entry of CELERY_BEAT_SCHEDULE above.
CELERY_MAINTENANCE_QUEUE = env.str("CELERY_MAINTENANCE_QUEUE", default="maintenance")
for _entry in CELERY_BEAT_SCHEDULE.values():
    _entry["options"] = {**_entry.get("options", {}), "queue": CELERY_MAINTENANCE_QUEUE}
    CELERY_TASK_ROUTES[_entry["task"]] = {"queue": CELERY_MAINTENANCE_QUEUE}
