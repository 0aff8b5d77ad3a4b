"""Nothing staff-only leaks through a public URL: for every URL of the public site (outside /publishing/), as an
anonymous visitor and as a signed-in equity team member, the answer is 200 or 404, sets no cookie, and contains none
of the planted never-public values (one test per field); after unpublishing, every URL of the plan answers 404 and
its title is gone from the rest (tests/public/crawl.py does the visiting once per module)."""

from __future__ import annotations

import pytest

from tests.public.crawl import Crawl, crawl

pytestmark = pytest.mark.django_db  # so the test database is set up before the module's crawl (which rolls back)

PERSONAS = ["anonymous", "equity team"]
NEVER_PUBLIC = [
    "accountable person's name",
    "progress update barriers",
    "progress update next steps",
    "progress update internal status reason",
    "action staff time",
    "action cost",
    "practice review note",
    "confidential worksheet title",
    "unpublished plan title",
    "suppressed small value",
]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker) -> Crawl:
    with django_db_blocker.unblock():
        return crawl()


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_public_url_answers_200_or_404_without_a_cookie(site, persona):
    for url, page in site.pages[persona].items():
        assert page.status in (200, 404), f"{url} answered {page.status} to {persona}"
        assert not page.cookies, f"{url} set {page.cookies} for {persona}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_published_plan_pages_are_found_before_unpublishing(site, persona):
    answered = [site.pages[persona][url].status for url in site.plan_urls]
    assert not answered or 200 in answered, "no page of the published plan answered 200: the crawl proves nothing"


@pytest.mark.parametrize("secret", NEVER_PUBLIC)
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_never_public_field_appears_in_no_public_response(site, persona, secret):
    assert site.secrets[secret], f"the demo planted no {secret}: the test would prove nothing"
    for when, pages in (("published", site.pages), ("after unpublishing", site.after_unpublish)):
        for url, page in pages[persona].items():
            for value in site.secrets[secret]:
                assert value not in page.body, f"{secret} {value!r} is in {url} ({when}, as {persona})"


@pytest.mark.parametrize("persona", PERSONAS)
def test_after_unpublishing_every_url_of_the_plan_answers_404(site, persona):
    for url in site.plan_urls:
        page = site.after_unpublish[persona][url]
        assert page.status == 404, f"{url} answered {page.status} after unpublishing (as {persona})"
        assert not page.cookies


@pytest.mark.parametrize("persona", PERSONAS)
def test_after_unpublishing_the_plan_title_is_gone_from_every_public_page(site, persona):
    for url, page in site.after_unpublish[persona].items():
        assert site.plan_title not in page.body, f"{url} still names the unpublished plan (as {persona})"
