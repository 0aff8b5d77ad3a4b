"""Choosing a language: the browser's Accept-Language for visitors, the switcher (a cookie; the profile too for a
signed-in person, audited), the profile's language winning over the browser's, and never an open redirect."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from equity.models import User

pytestmark = pytest.mark.django_db


def _lang(response) -> str:
    found = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert found, "no lang attribute"
    return found.group(1)


@pytest.mark.parametrize(("accept", "expected"), [("es-MX,es;q=0.9", "es"), ("so", "so"), ("hmn", "hmn"), ("fr", "en")])
def test_a_visitor_gets_the_browsers_language(client, accept, expected):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert _lang(response).split("-")[0] == expected
    assert response["Content-Language"].split("-")[0] == expected


def test_the_switcher_sets_the_cookie_and_returns_to_the_page(client):
    response = client.get(reverse("language"), {"language": "so", "next": "/login/?next=/plans/"})
    assert response.status_code == 302 and response["Location"] == "/login/?next=/plans/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "so"
    assert _lang(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es")) == "so"  # the choice beats the browser


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_the_switcher_never_sends_anyone_off_the_site(client, next_url):
    response = client.get(reverse("language"), {"language": "es", "next": next_url})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")


def test_an_unknown_language_is_refused_and_changes_nothing(client, personas):
    client.force_login(personas.staff)
    response = client.post(reverse("language"), {"language": "xx"})
    assert response.status_code == 400 and settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert User.objects.get(pk=personas.staff.pk).language == ""


def test_a_signed_in_persons_choice_is_kept_in_their_profile_with_history(client, personas):
    client.force_login(personas.staff)
    response = client.post(reverse("language"), {"language": "hmn", "next": "/"})
    assert response.status_code == 302
    staff = User.objects.get(pk=personas.staff.pk)
    assert staff.language == "hmn"
    assert staff.history.latest().language == "hmn" and staff.history.latest().history_user_id == staff.pk
    # A new browser (no cookie) still gets Hmong: the profile's language wins over Accept-Language.
    client.cookies.clear()
    client.force_login(staff)
    assert _lang(client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="es")) == "hmn"


def test_the_profile_form_saves_the_language_and_refuses_a_tampered_one(client, personas):
    client.force_login(personas.staff)
    data = {"preferred_name": "Sam", "job_title": "Planner", "language": "es"}
    response = client.post(reverse("profile"), data)
    assert response.status_code == 302 and response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert User.objects.get(pk=personas.staff.pk).language == "es"
    response = client.post(reverse("profile"), {**data, "language": "klingon", "job_title": "Changed"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert User.objects.get(pk=personas.staff.pk).job_title == "Planner"
    # Blank: back to the browser's language (the cookie is removed).
    response = client.post(reverse("profile"), {**data, "language": ""})
    assert User.objects.get(pk=personas.staff.pk).language == ""
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""


def test_every_page_offers_every_language_in_its_own_name(client, personas):
    client.force_login(personas.staff)
    page = client.get(reverse("dashboard")).content.decode()
    for code, name in (("en", "English"), ("es", "Español"), ("so", "Soomaali"), ("hmn", "Hmoob")):
        assert f'<option value="{code}" lang="{code}"' in page and f">{name}</option>" in page
    assert 'action="/language/"' in page


@pytest.mark.parametrize(
    ("language", "date_text", "number"),
    [("en", "March 5, 2026", "12,345.5"), ("es", "5 de marzo de 2026", "12\xa0345,5"), ("so", None, "12,345.5"),
     ("hmn", None, "12,345.5")],
)  # fmt: skip
def test_dates_and_numbers_follow_the_language(language, date_text, number):
    import datetime

    from django.utils import formats, translation

    with translation.override(language):
        formatted = formats.date_format(datetime.date(2026, 3, 5))
        month = translation.gettext("March")
        assert formats.number_format(12345.5, 1, force_grouping=True) == number
    assert formatted == (date_text or f"5 {month} 2026")
    if language in ("so", "hmn"):
        assert month != "March"  # the month's name from the portal's own catalog (Django has none for these)
