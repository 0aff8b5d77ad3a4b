"""Access cases of the embeds and the published PDF (see tests/access.py): the widgets, badge and PDFs answer
everyone, anonymous included, once published, and 404 when not; the embed page is the equity team's."""

from __future__ import annotations

from tests.access import AccessCase, everyone

PUBLIC = everyone(200, anonymous=200)
GONE = everyone(404, anonymous=404)
EQUITY_ONLY = everyone(403, equity=200)
EQUITY_POST = everyone(403, equity=302)


def _world(p):
    from tests.public.embeds_world import build_world

    return build_world(p.equity)


def _plan(p):
    return {"slug": _world(p).plan_pub.slug}


def _indicator(p):
    return {"slug": _world(p).indicator_pub.slug}


def _plan_version(p):
    return {"slug": _world(p).plan_pub.slug, "number": 1}


def _unpublished(kind: str, **extra):
    def setup(p):
        from public.services import unpublish
        from tests.public.embeds_world import committed

        world = _world(p)
        publication = world.plan_pub if kind == "plan" else world.indicator_pub
        committed(unpublish, author=p.equity, publication=publication)
        return {"slug": publication.slug, **extra}

    return setup


def _origin(p):
    from public.models import EmbedOrigin
    from tests.public.embeds_world import allow

    allow(p.equity, "https://www.example.gov")
    return {"pk": EmbedOrigin.objects.get().pk}


def _origins(p):
    _origin(p)
    return {}


def _new_origin(p, kw):
    return {"origin": "https://new.example.gov", "description": "New site"}


CASES = [
    AccessCase("public:embed_city", PUBLIC, setup=lambda p: (_world(p), {})[1]),
    AccessCase("public:embed_plan", PUBLIC, setup=_plan),
    AccessCase("public:embed_plan", GONE, setup=_unpublished("plan"), label="unpublished"),
    AccessCase("public:embed_indicator", PUBLIC, setup=_indicator),
    AccessCase("public:embed_indicator", GONE, setup=_unpublished("indicator"), label="unpublished"),
    AccessCase("public:badge", PUBLIC, setup=_plan),
    AccessCase("public:badge", GONE, setup=_unpublished("plan"), label="unpublished"),
    AccessCase("public:plan_pdf", PUBLIC, setup=_plan),
    AccessCase("public:plan_pdf", GONE, setup=_unpublished("plan"), label="unpublished"),
    AccessCase("public:plan_version_pdf", PUBLIC, setup=_plan_version),
    AccessCase("public:plan_version_pdf", GONE, setup=_unpublished("plan", number=1), label="unpublished"),
    AccessCase("public:embed_code", EQUITY_ONLY, setup=_origins),
    AccessCase("public:embed_code", EQUITY_POST, method="post", data=_new_origin),
    AccessCase("public:embed_origin_remove", EQUITY_POST, setup=_origin, method="post"),
]
