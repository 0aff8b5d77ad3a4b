"""Access cases of the public pages (see tests/access.py): every persona, anonymous included, gets 200 once the
record is published and 404 when it is not (never the login page)."""

from __future__ import annotations

from django.test import TestCase

from public.models import Publication
from public.services import publish, unpublish
from tests.access import PERSONAS, AccessCase

OPEN = dict.fromkeys(PERSONAS, 200)
GONE = dict.fromkeys(PERSONAS, 404)


def _published(p, kind: str, *, taken_down: bool = False) -> Publication:
    from tests.library.factories import PracticeFactory, published_narrative
    from tests.plans.factories import IndicatorFactory, PlanFactory

    record = {
        "plan": lambda: PlanFactory(title="Public plan", departments=[p.dept]),
        "indicator": lambda: IndicatorFactory(name="Public indicator"),
        "narrative": lambda: published_narrative(user=p.equity, title="Public narrative"),
        "practice": lambda: PracticeFactory(title="Public practice"),
    }[kind]()
    with TestCase.captureOnCommitCallbacks(execute=True):
        publication = publish(author=p.equity, record=record).publication
        if taken_down:
            unpublish(author=p.equity, publication=publication)
    return publication


def _slug(kind: str, *, taken_down: bool = False, **extra):
    def setup(p):
        return {"slug": _published(p, kind, taken_down=taken_down).slug, **extra}

    return setup


def _home(p):
    _published(p, "plan")
    return {}


CASES = [
    AccessCase("public:home", OPEN, setup=_home),
    AccessCase("public:practice_list", OPEN, setup=_home),
    AccessCase("public:plan", OPEN, setup=_slug("plan")),
    AccessCase("public:plan", OPEN, setup=_slug("plan"), query="status=bogus&page=x", label="bad-filter"),
    AccessCase("public:plan", GONE, setup=_slug("plan", taken_down=True), label="unpublished"),
    AccessCase("public:plan_version", OPEN, setup=_slug("plan", number=1)),
    AccessCase("public:plan_version", GONE, setup=_slug("plan", number=2), label="no-such-version"),
    AccessCase("public:indicator", OPEN, setup=_slug("indicator")),
    AccessCase("public:indicator", GONE, setup=_slug("indicator", taken_down=True), label="unpublished"),
    AccessCase("public:indicator_version", OPEN, setup=_slug("indicator", number=1)),
    AccessCase("public:narrative", OPEN, setup=_slug("narrative")),
    AccessCase("public:narrative", GONE, setup=_slug("narrative", taken_down=True), label="unpublished"),
    AccessCase("public:practice", OPEN, setup=_slug("practice")),
    AccessCase("public:practice", GONE, setup=_slug("practice", taken_down=True), label="unpublished"),
]
