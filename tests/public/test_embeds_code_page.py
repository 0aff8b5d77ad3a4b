"""The equity team's embed page: the origin form (normalised, refused with a clear message, the limit), removal,
history, who may use it, and the copy-paste code."""

from __future__ import annotations

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from public.embed_forms import EMBED_ORIGINS_MAX, origin_normalised
from public.models import EmbedOrigin
from tests.public.embeds_world import allow, build_plan, build_world, committed

URL = "/publishing/embed/"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.Example.GOV", "https://www.example.gov"),
        ("  https://www.example.gov/ ", "https://www.example.gov"),
        ("https://www.example.gov:443", "https://www.example.gov"),
        ("https://www.example.gov:8443", "https://www.example.gov:8443"),
        ("HTTPS://city.example.gov", "https://city.example.gov"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000"),
        ("https://192.0.2.10", "https://192.0.2.10"),
    ],
)
def test_origins_are_normalised(raw, expected):
    assert origin_normalised(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("http://www.example.gov", "must use https"),
        ("ftp://www.example.gov", "must use https"),
        ("https://*.example.gov", "Wildcards"),
        ("https://www.example.gov/page", "without a path"),
        ("https://www.example.gov?x=1", "without a path"),
        ("https://www.example.gov#top", "without a path"),
        ("www.example.gov", "Give the scheme and host"),
        ("https://", "Give the scheme and host"),
        ("https://user:pw@www.example.gov", "no user name"),
        ("https://www.example.gov:99999", "port between"),
        ("https://www.example.gov:0", "port between"),
        ("https://exa mple.gov", "no spaces"),
        ("https://intranet", "not a valid host"),
        ("https://-bad-.example.gov", "not a valid host"),
        ("'self'", "Give the scheme and host"),
        ("https://a.gov; script-src *", "Wildcards"),
    ],
)
def test_bad_origins_are_refused_with_a_reason(raw, message):
    with pytest.raises(forms.ValidationError, match=message):
        origin_normalised(raw)


@pytest.fixture
def equity(personas):
    client = Client()
    client.force_login(personas.equity)
    return client


def test_adding_a_site_normalises_it_and_keeps_its_history(equity, personas):
    response = equity.post(URL, {"origin": "HTTPS://WWW.Example.gov:443/", "description": "City home page"})
    assert response.status_code == 302
    origin = EmbedOrigin.objects.get()
    assert origin.origin == "https://www.example.gov" and origin.description == "City home page"
    assert origin.history.get().history_user == personas.equity
    response = equity.post(reverse("public:embed_origin_remove", kwargs={"pk": origin.pk}))
    assert response.status_code == 302 and not EmbedOrigin.objects.exists()
    kinds = list(EmbedOrigin.history.order_by("history_id").values_list("history_type", "history_user"))
    assert kinds == [("+", personas.equity.pk), ("-", personas.equity.pk)]


def test_a_duplicate_is_refused_with_a_field_error_and_nothing_changes(equity, personas):
    allow(personas.equity, "https://www.example.gov")
    response = equity.post(URL, {"origin": "https://WWW.example.gov/"})
    assert response.status_code == 400
    assert response.context["form"].errors["origin"] == ["https://www.example.gov is already allowed."]
    assert EmbedOrigin.objects.count() == 1


def test_a_bad_site_is_refused_and_shown_in_the_error_summary(equity):
    response = equity.post(URL, {"origin": "https://www.example.gov/embed"})
    assert response.status_code == 400 and not EmbedOrigin.objects.exists()
    assert "There is a problem" in response.content.decode()


def test_the_limit_is_stated_and_enforced(equity):
    EmbedOrigin.objects.bulk_create(
        EmbedOrigin(origin=f"https://s{n}.example.gov") for n in range(EMBED_ORIGINS_MAX - 1)
    )
    page = equity.get(URL).content.decode()
    assert f"At most {EMBED_ORIGINS_MAX} sites" in page
    assert equity.post(URL, {"origin": "https://last.example.gov"}).status_code == 302
    response = equity.post(URL, {"origin": "https://one-too-many.example.gov"})
    assert response.status_code == 400
    assert f"At most {EMBED_ORIGINS_MAX} sites may embed the widgets" in response.context["form"].errors["origin"][0]
    assert EmbedOrigin.objects.count() == EMBED_ORIGINS_MAX


@pytest.mark.parametrize("persona", ["staff", "manager", "facilitator", "other_manager"])
def test_only_the_equity_team_uses_the_page(personas, persona):
    allow(personas.equity, "https://www.example.gov")
    origin = EmbedOrigin.objects.get()
    client = Client()
    client.force_login(getattr(personas, persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"origin": "https://evil.example.com"}).status_code == 403
    assert client.post(reverse("public:embed_origin_remove", kwargs={"pk": origin.pk})).status_code == 403
    assert list(EmbedOrigin.objects.values_list("origin", flat=True)) == ["https://www.example.gov"]


def test_anonymous_is_sent_to_login_and_removal_needs_post(personas, equity):
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    allow(personas.equity, "https://www.example.gov")
    origin = EmbedOrigin.objects.get()
    assert equity.get(reverse("public:embed_origin_remove", kwargs={"pk": origin.pk})).status_code == 405
    assert EmbedOrigin.objects.exists()


def test_the_page_gives_labelled_read_only_code_for_each_widget_and_badge(equity, personas, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    world = build_world(personas.equity)
    page = equity.get(URL).content.decode()
    slug = world.plan_pub.slug
    assert '<label class="form-label" for="code-city">' in page and 'id="code-city" rows="3" readonly' in page
    iframe = (
        f"&lt;iframe title=&quot;{world.plan_pub.title}: scorecard&quot; "
        f"src=&quot;http://testserver/embed/plans/{slug}/&quot; loading=&quot;lazy&quot;"
    )
    assert iframe in page
    assert f"src=&quot;http://testserver/embed/indicators/{world.indicator_pub.slug}/&quot;" in page
    assert f"&lt;img alt=&quot;{world.plan_pub.title}: actions complete&quot; " in page
    assert f"src=&quot;http://testserver/embed/plans/{slug}/badge.svg&quot;" in page


@pytest.mark.parametrize("plans", [1, 4])
def test_the_page_makes_a_fixed_number_of_queries(
    equity, personas, settings, tmp_path, plans, django_assert_max_num_queries
):
    settings.MEDIA_ROOT = str(tmp_path)
    from public.services import publish

    for _n in range(plans):
        committed(publish, author=personas.equity, record=build_plan())
    allow(personas.equity, *(f"https://s{n}.example.gov" for n in range(plans)))
    with django_assert_max_num_queries(12):
        assert equity.get(URL).status_code == 200
