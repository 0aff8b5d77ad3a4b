"""Notifications: events apps raise, an inbox, e-mail at once or in daily and weekly digests, and preferences.

- `kinds`: what a kind of event is (`NotificationKind`) and the contribution point apps declare theirs at (module
  `notifications.py` in each app).
- `services.notify`: the one way an event becomes notifications (idempotent per person and event key).
- `visibility`: whether people may still see the records their notifications are about, for many people at once.
- `delivery` and `digests`: the e-mail jobs (Celery tasks in `tasks`).
"""
