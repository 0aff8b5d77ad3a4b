"""Access cases for the open data URLs (downloads, schemas, /data.json, the feed): the same answer for everyone,
signed in or not; 404 for what is not published (see tests/access.py)."""

from public.cache import site_changed
from public.services import unpublish
from tests.access import PERSONAS, AccessCase

EVERYONE = dict.fromkeys(PERSONAS, 200)
NOBODY = dict.fromkeys(PERSONAS, 404)


def _published(kind: str, *, then_unpublish: bool = False):
    def setup(p):
        from public.services import publish
        from tests.public.open_data import make_indicator, make_plan

        record = make_plan() if kind == "plan" else make_indicator()
        publication = publish(author=p.equity, record=record).publication
        if then_unpublish:
            unpublish(author=p.equity, publication=publication)
        site_changed()  # the tests' transactions never commit: forget cached public responses by hand
        return {"slug": publication.slug}

    return setup


def _both(p):
    _published("plan")(p)
    _published("indicator")(p)
    return {}


CASES = [
    *(
        case
        for name, kind in (
            ("public:plan_csv", "plan"),
            ("public:plan_json", "plan"),
            ("public:indicator_csv", "indicator"),
            ("public:indicator_json", "indicator"),
        )
        for case in (
            AccessCase(name, EVERYONE, setup=_published(kind)),
            AccessCase(name, NOBODY, setup=_published(kind, then_unpublish=True), label="unpublished"),
        )
    ),
    AccessCase("public:schema", EVERYONE, setup=lambda p: {"name": "plan-actions-v1"}),
    AccessCase("public:schema", NOBODY, setup=lambda p: {"name": "no-such-schema"}, label="unknown"),
    AccessCase("public:data_json", EVERYONE, setup=_both),
    AccessCase("public:data_json", dict.fromkeys(PERSONAS, 405), method="post", label="post"),
    AccessCase("public:feed", EVERYONE, setup=_both),
]
