"""Access cases of the content translation pages (see tests/access.py). The record is an action of a Community
Development draft plan: Public Works cannot see it (404); of those who see it, its editors (the CD manager) and the
equity team translate it, the others are refused (403)."""

from tests.access import LOGIN, AccessCase, everyone
from tests.translations.world import cd_action, translate

EDIT = everyone(403, manager=200, equity=200, other_staff=404, other_manager=404)


def _edit(p):
    return {"owner": "plans.action", "pk": cd_action(p).pk, "language": "es"}


def _history(p):
    action = cd_action(p)
    translate(p.equity, action, "es", {"title": "Título"})
    from equity.translations.models import ContentTranslation

    return {"owner": "plans.action", "record_pk": action.pk, "pk": ContentTranslation.objects.get().pk}


def _post(p, kw) -> dict:
    return {"text_0": "Reducir la espera en un 20 %", "state_0": "draft"} | {f"state_{n}": "draft" for n in range(1, 4)}


CASES = [
    AccessCase("translation_list", everyone(200)),
    AccessCase("translation_list", everyone(404, anonymous=LOGIN), query="type=plans.nothing", label="unknown"),
    AccessCase("translation_edit", EDIT, setup=_edit),
    AccessCase(
        "translation_edit",
        everyone(403, manager=302, equity=302, other_staff=404, other_manager=404),
        setup=_edit,
        method="post",
        data=_post,
    ),
    AccessCase(
        "translation_edit",
        everyone(404, anonymous=LOGIN),
        setup=lambda p: {"owner": "plans.action", "pk": cd_action(p).pk, "language": "en"},
        label="english",
    ),
    AccessCase(
        "translation_edit",
        everyone(404, anonymous=LOGIN),
        setup=lambda p: {"owner": "equity.user", "pk": p.staff.pk, "language": "es"},
        label="undeclared",
    ),
    AccessCase("translation_history", EDIT, setup=_history),
]
