"""Reading the notifications the plans app made, for its tests."""

from equity.models import Notification


def told(kind: str) -> list[tuple[str, str, str]]:
    """(recipient's username, title, url) of each notification of `kind`, in a stable order."""
    rows = Notification.objects.filter(kind=kind).order_by("recipient__username", "pk")
    return list(rows.values_list("recipient__username", "title", "url"))


def who(kind: str) -> list[str]:
    """The usernames told about `kind`, sorted (a name twice: told of two events)."""
    return [name for name, _title, _url in told(kind)]
