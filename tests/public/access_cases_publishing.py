"""Access cases of the equity team's publishing pages (/publishing/): the equity team only; everyone else signed in
is refused with 403 (before any record is looked up), anonymous visitors go to the login page."""

from tests.access import AccessCase, everyone

EQUITY_ONLY = everyone(403, equity=200)
EQUITY_POST = everyone(403, equity=302)


def _plan(p):
    from tests.plans.factories import ActionFactory, PlanFactory

    plan = PlanFactory(title="Housing equity plan", departments=[p.dept])
    ActionFactory(plan=plan, lead_department=p.dept, accountable=p.staff)
    return plan


def _publish_kw(p):
    return {"kind": "plan", "object_id": _plan(p).pk}


def _published(p):
    from public.services import publish

    return {"pk": publish(author=p.equity, record=_plan(p), slug="housing").publication.pk}


def _first_publish(p, kw):
    from plans.models import Plan
    from public.services import payload_digest, snapshot_preview

    reviewed = payload_digest(snapshot_preview(author=p.equity, record=Plan.objects.get(pk=kw["object_id"])))
    return {"slug": "housing-equity", "note": "Adopted by council", "version": "0", "reviewed": reviewed}


def _version(p, kw):
    from public.models import Publication

    return {"version": str(Publication.objects.get(pk=kw["pk"]).version)}


CASES = [
    AccessCase("public:manage", EQUITY_ONLY),
    AccessCase("public:publish", EQUITY_ONLY, setup=_publish_kw),
    AccessCase("public:publish", EQUITY_POST, setup=_publish_kw, method="post", data=_first_publish),
    AccessCase("public:publication", EQUITY_ONLY, setup=_published),
    AccessCase("public:publication_history", EQUITY_ONLY, setup=_published),
    AccessCase("public:unpublish", EQUITY_ONLY, setup=_published),
    AccessCase("public:unpublish", EQUITY_POST, setup=_published, method="post", data=_version),
]
