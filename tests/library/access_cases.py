"""Access cases for every URL of the library app (see tests/access.py)."""

from library.models import ExchangeImport, NarrativeVersion
from library.services.adoptions import adoption_add, strategy_add
from tests.access import AccessCase, everyone
from tests.library.factories import AttachmentFactory, PracticeFactory, draft_narrative, published_narrative
from tests.plans.factories import ActionFactory, PlanFactory
from tests.tools.factories import AssessmentFactory

EQUITY_ONLY = everyone(403, equity=200)
# A staff member's suggestion: the suggester and the equity team see it; everyone else gets 404.
SUGGESTION_READ = everyone(404, staff=200, equity=200)


def _practice(p):
    return {"pk": PracticeFactory(suggested_by=p.equity).pk}


def _suggestion(p):
    return {"pk": PracticeFactory(suggested_by=p.staff, review_state="suggested", status="proposed").pk}


def _attachment(p):
    return {"pk": AttachmentFactory(practice=PracticeFactory(suggested_by=p.equity)).pk}


def _suggestion_attachment(p):
    practice = PracticeFactory(suggested_by=p.staff, review_state="suggested")
    return {"pk": AttachmentFactory(practice=practice, uploaded_by=p.equity).pk}


def _import_job(p):
    return {"pk": ExchangeImport.objects.create(uploaded_by=p.equity, filename="big.json", payload="{}").pk}


def _import_job_of_staff(p):
    """A job whose uploader has since left the equity team: still theirs to follow."""
    return {"pk": ExchangeImport.objects.create(uploaded_by=p.staff, filename="big.json", payload="{}").pk}


def _narrative(p):
    return {"pk": published_narrative(user=p.equity).pk}


def _draft_only(p):
    return {"pk": draft_narrative(user=p.equity).pk}


def _published_version(p):
    narrative = published_narrative(user=p.equity)
    return {"pk": narrative.pk, "number": 1}


def _draft_version(p):
    narrative = draft_narrative(user=p.equity)
    return {"pk": narrative.pk, "number": narrative.versions.get(status=NarrativeVersion.Status.DRAFT).number}


def _action(p):
    return ActionFactory(plan=PlanFactory(departments=[p.dept]), lead_department=p.dept, accountable=p.manager)


def _practice_with_action(p):
    _action(p)
    return _practice(p)


def _adoption(p):
    practice = PracticeFactory(suggested_by=p.equity)
    return {"pk": adoption_add(author=p.equity, practice=practice, action=_action(p)).pk}


def _assessment(p):
    return AssessmentFactory(department=p.dept, lead=p.staff)


def _practice_with_assessment(p):
    _assessment(p)
    return _practice(p)


def _strategy(p):
    practice = PracticeFactory(suggested_by=p.equity)
    return {"pk": strategy_add(author=p.equity, practice=practice, assessment=_assessment(p)).pk}


def _review_data(p, kw):
    return {"decision": "publish", "note": ""}


CASES = [
    AccessCase("library:practice_list", everyone(200)),
    AccessCase("library:practice_list", everyone(200), label="filtered", query="q=meeting&kind=policy&page=abc"),
    AccessCase("library:practice_create", everyone(200)),
    AccessCase("library:practice_suggestions", everyone(200)),
    AccessCase("library:practice_detail", everyone(200), setup=_practice),
    AccessCase("library:practice_detail", SUGGESTION_READ, setup=_suggestion, label="suggestion"),
    AccessCase("library:practice_update", EQUITY_ONLY, setup=_practice),
    AccessCase("library:practice_update", everyone(404, staff=403, equity=200), setup=_suggestion, label="suggestion"),
    AccessCase("library:practice_review", everyone(404, staff=403, equity=200), setup=_suggestion),
    AccessCase(
        "library:practice_review",
        everyone(404, staff=403, equity=302),
        setup=_suggestion,
        method="post",
        data=_review_data,
    ),
    AccessCase("library:practice_history", everyone(200), setup=_practice),
    AccessCase("library:practice_history", SUGGESTION_READ, setup=_suggestion, label="suggestion"),
    AccessCase("library:attachment_create", EQUITY_ONLY, setup=_practice),
    AccessCase("library:attachment_download", everyone(200), setup=_attachment),
    AccessCase("library:attachment_download", SUGGESTION_READ, setup=_suggestion_attachment, label="suggestion"),
    AccessCase("library:attachment_delete", everyone(403, equity=302), setup=_attachment, method="post"),
    # Linking needs an action the user may edit: the lead department's manager and the equity team.
    AccessCase("library:adoption_create", everyone(403, manager=200, equity=200), setup=_practice_with_action),
    AccessCase("library:adoption_delete", everyone(403, manager=302, equity=302), setup=_adoption, method="post"),
    # Linking to an assessment: its team (staff leads it), its department's managers, the equity team.
    AccessCase(
        "library:strategy_create", everyone(403, staff=200, manager=200, equity=200), setup=_practice_with_assessment
    ),
    AccessCase(
        "library:strategy_delete", everyone(403, staff=302, manager=302, equity=302), setup=_strategy, method="post"
    ),
    AccessCase("library:exchange_export", everyone(200)),
    AccessCase("library:exchange_import", EQUITY_ONLY),
    AccessCase("library:exchange_import_confirm", everyone(403, equity=302), method="post"),
    AccessCase("library:exchange_import_job", everyone(404, equity=200), setup=_import_job),
    AccessCase(
        "library:exchange_import_job", everyone(404, staff=200, equity=200), setup=_import_job_of_staff, label="own"
    ),
    AccessCase("library:narrative_list", everyone(200)),
    AccessCase("library:narrative_create", EQUITY_ONLY),
    AccessCase("library:narrative_detail", everyone(200), setup=_narrative),
    AccessCase("library:narrative_detail", everyone(404, equity=200), setup=_draft_only, label="draft-only"),
    AccessCase("library:narrative_edit", EQUITY_ONLY, setup=_narrative),
    AccessCase("library:narrative_compare", everyone(200), setup=_narrative),
    AccessCase("library:narrative_version_detail", everyone(200), setup=_published_version),
    AccessCase("library:narrative_version_detail", everyone(404, equity=200), setup=_draft_version, label="draft"),
    AccessCase("library:narrative_version_publish", everyone(404, equity=302), setup=_draft_version, method="post"),
    AccessCase("library:narrative_version_history", everyone(200), setup=_published_version),
]
