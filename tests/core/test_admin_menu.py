"""The equity team's Admin menu: the same for everyone who sees it, so the shell renders it once per language in each
process (equity/templatetags/portal.py `admin_menu`); it must still follow the language and stay the team's."""

from __future__ import annotations

from django.template import Context
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from equity.contributions import page_sections
from equity.templatetags.portal import admin_menu


def test_the_admin_menu_is_the_equity_teams(client, personas):
    client.force_login(personas.equity)
    body = client.get(reverse("profile")).content.decode()
    assert f'href="{reverse("security_event_list")}"' in body and f'href="{reverse("plans:settings")}"' in body
    for person in (personas.staff, personas.manager):
        client.force_login(person)
        body = client.get(reverse("profile")).content.decode()
        assert reverse("security_event_list") not in body and reverse("plans:settings") not in body


def test_the_kept_menu_is_the_one_each_language_renders(personas):
    sections = page_sections(slot="nav.admin", user=personas.equity, obj=None)
    menus = {}
    for language in ("en", "es", "en", "so", "es"):
        with translation.override(language):
            kept = admin_menu(Context({"user": personas.equity}))
            assert kept == render_to_string("includes/_nav_admin.html", {"sections": sections})
            menus[language] = kept
    assert len(set(menus.values())) == 3  # English, Spanish and Somali words, each language's own
