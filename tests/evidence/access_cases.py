"""Access cases of the shared attachment pages, for each owner type (see tests/access.py and tests/evidence/world.py).

Who sees: the record's `..._for_user` selector (another department's record is a 404). Who uploads and removes:
actions and milestones, those who edit the action (CD manager, equity team); progress updates, those who post them
(the accountable staff member too); draft assessments, the team and managers; sessions, facilitators and the
equity team."""

from tests.access import AccessCase, everyone
from tests.evidence.world import OWNER_KEYS, attach, make_owner, pdf

HIDDEN = {"other_staff": 404, "other_manager": 404}
# Per owner type: who sees the record (200 on download), and who may edit its files.
SEE = {
    "action": everyone(200, **HIDDEN),
    "milestone": everyone(200, **HIDDEN),
    "update": everyone(200, **HIDDEN),
    "assessment": everyone(404, staff=200, manager=200, equity=200),
    "session": everyone(200, **HIDDEN),
}
EDITORS = {
    "action": {"manager", "equity"},
    "milestone": {"manager", "equity"},
    "update": {"staff", "manager", "equity"},
    "assessment": {"staff", "manager", "equity"},
    "session": {"facilitator", "equity"},
}


def _edit(kind: str, allowed: int) -> dict:
    """Visible editors get `allowed`, visible others 403, those who cannot see the record 404."""
    return {
        persona: (allowed if persona in EDITORS[kind] else 403) if status == 200 else status
        for persona, status in SEE[kind].items()
    }


def _owner(kind: str):
    def setup(p):
        return {"owner": OWNER_KEYS[kind], "pk": make_owner(p, kind).pk}

    return setup


def _file(kind: str):
    def setup(p):
        return {"pk": attach(make_owner(p, kind), p.equity).pk}

    return setup


def _upload(p, kw) -> dict:
    return {"title": "Sign-in sheet", "file": pdf("sign-in.pdf")}


def _tampered(p):
    return {"owner": "equity.user", "pk": p.staff.pk}  # a model that accepts no attachments


CASES = [
    case
    for kind in OWNER_KEYS
    for case in (
        AccessCase("attachment_create", _edit(kind, 200), setup=_owner(kind), label=kind),
        AccessCase("attachment_create", _edit(kind, 302), setup=_owner(kind), method="post", data=_upload, label=kind),
        AccessCase("attachment_download", SEE[kind], setup=_file(kind), label=kind),
        AccessCase("attachment_delete", _edit(kind, 302), setup=_file(kind), method="post", label=kind),
    )
] + [
    AccessCase("attachment_create", everyone(404), setup=_tampered, label="not-an-owner"),
    AccessCase("attachment_create", everyone(404), setup=_tampered, method="post", data=_upload, label="not-an-owner"),
    AccessCase("attachment_delete", everyone(405), setup=_file("action"), label="get"),
]
