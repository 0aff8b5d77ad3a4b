"""Issue 19's "done when" in real Chromium: each language chosen on the sign-in page, then the dashboard, a plan, a
worksheet step and the public plan page in it, axe-clean, with the page's `lang` right; the switcher on a staff page
keeps the choice in the person's profile."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from equity.demo import DEMO_PASSWORD
from equity.models import User
from plans.models import Plan
from tests.browser import assert_accessible
from tests.public.site_helpers import publish_demo
from tools.models import Assessment

pytestmark = [
    pytest.mark.needs_chromium,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(300, func_only=False),
]

# Words each page shows in the language: from the catalogs, so a missing or broken catalog fails here too.
SIGN_IN = {"en": "Sign in", "es": "Iniciar sesión"}


@pytest.fixture
def city(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    equity = User.objects.get(username="equity")
    publish_demo(equity)
    plan = Plan.objects.get(title__startswith="Citywide")
    worksheet = Assessment.objects.filter(status=Assessment.Status.DRAFT).order_by("pk").first()
    assert worksheet is not None
    return {
        "plan": reverse("plans:plan_detail", args=[plan.pk]),
        "step": reverse("tools:step_fill", args=[worksheet.pk, 2]),
    }


def _check(page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


def _sign_in(page, live_server) -> None:
    """Sign in by the fields' names: their labels are in whatever language the page is."""
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=login]").fill("equity")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form[novalidate] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/") == live_server.url


def _switch(page, language: str) -> None:
    page.locator("#language-switcher").select_option(language)
    page.locator("form.language-switcher button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["es", "so", "hmn", "en"])
def test_browser_each_language_on_the_main_pages(page, live_server, city, language):
    page.goto(f"{live_server.url}/login/")
    _switch(page, language)
    _check(page, language)
    if language in SIGN_IN:
        expect(page.get_by_role("heading", level=1)).to_have_text(SIGN_IN[language])
    _sign_in(page, live_server)
    _check(page, language)
    for path in (city["plan"], city["step"]):
        page.goto(live_server.url + path)
        _check(page, language)
    page.goto(f"{live_server.url}/public/")
    page.locator("main a[href^='/public/plans/']").first.click()
    page.wait_for_load_state()
    _check(page, language)
    current = page.locator(".public-languages [aria-current=true]")
    expect(current).to_have_attribute("lang", language)


def test_browser_the_switcher_keeps_the_choice_in_the_profile(page, live_server, city):
    _sign_in(page, live_server)
    _switch(page, "so")
    _check(page, "so")
    assert User.objects.get(username="equity").language == "so"
    # Signed out, a visitor picks Spanish on the public site (a link: public pages carry no form token)...
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/public/")
    page.locator("a[hreflang=es]").click()
    page.wait_for_load_state()
    _check(page, "es")
    # ...and signing in again brings back the profile's Somali over the Spanish cookie.
    _sign_in(page, live_server)
    _check(page, "so")
