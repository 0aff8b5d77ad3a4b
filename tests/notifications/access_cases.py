"""Access cases for the notifications inbox, its count, preferences and unsubscribe links (issue 18).

Staff owns the one notification: anyone else asking for it finds nothing (404). Unsubscribe links need no session:
the signed token is the credential, so every visitor, signed in or not, gets the same answer."""

from equity.notifications.kinds import Delivery, notification_kinds
from equity.notifications.unsubscribe import unsubscribe_token
from reports.notices import READY
from tests.access import PERSONAS, AccessCase, everyone
from tests.notifications.factories import report_ready

ANYONE = dict.fromkeys(PERSONAS, 200)


def _staff_note(p):
    return {"pk": report_ready(p.staff).pk}


def _staff_token(p):
    return {"token": unsubscribe_token(user=p.staff, kind=READY)}


def _staff_digest_token(p):
    return {"token": unsubscribe_token(user=p.staff, digest=Delivery.WEEKLY)}


def _bad_token(p):
    return {"token": unsubscribe_token(user=p.staff, kind=READY)[:-3] + "xyz"}


def _preferences(p, kwargs):
    """Every kind at its default, reports ready by daily digest."""
    return {**{code: kind.default for code, kind in notification_kinds().items()}, READY: Delivery.DAILY}


def _tampered(p, kwargs):
    return {**_preferences(p, kwargs), READY: "fax"}


def _one_click(p, kwargs):
    return {"List-Unsubscribe": "One-Click"}


CASES = [
    AccessCase("notification_list", everyone(200)),
    AccessCase("notification_list", everyone(200), query="show=unread&page=9", label="unread"),
    AccessCase("notification_count", everyone(200)),
    AccessCase("notification_read_all", everyone(302), method="post"),
    AccessCase("notification_read_all", everyone(405), label="get"),
    AccessCase("notification_open", everyone(404, staff=302), setup=_staff_note),
    AccessCase("notification_read", everyone(404, staff=302), setup=_staff_note, method="post"),
    AccessCase("notification_read", everyone(405), setup=_staff_note, label="get"),
    AccessCase("notification_preferences", everyone(200)),
    AccessCase("notification_preferences", everyone(302), method="post", data=_preferences),
    AccessCase("notification_preferences", everyone(400), method="post", data=_tampered, label="tampered"),
    AccessCase("notification_unsubscribe", ANYONE, setup=_staff_token),
    AccessCase("notification_unsubscribe", ANYONE, setup=_staff_token, method="post"),
    AccessCase("notification_unsubscribe", ANYONE, setup=_staff_token, method="post", data=_one_click, label="one"),
    AccessCase("notification_unsubscribe", ANYONE, setup=_staff_digest_token, label="digest"),
    AccessCase("notification_unsubscribe", dict.fromkeys(PERSONAS, 404), setup=_bad_token, label="bad"),
    AccessCase("notification_unsubscribe", dict.fromkeys(PERSONAS, 404), setup=_bad_token, method="post", label="bp"),
]
