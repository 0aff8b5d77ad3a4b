"""No page offers a link that ends in 403: each persona of the access matrix walks the portal from the dashboard (a
bounded breadth-first crawl of GET links and GET forms, tests/crawl.py) in the demo city, built once."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from equity.models import User
from tests.access import PERSONAS
from tests.crawl import crawl

pytestmark = pytest.mark.django_db

# The access matrix's personas as the demo city's people (tests/access.py): "other_*" work in another department.
DEMO_USERNAMES = {
    "staff": "staff",
    "manager": "manager",
    "facilitator": "facilitator",
    "equity": "equity",
    "other_staff": "pw.staff",
    "other_manager": "pw.manager",
}
MAX_PAGES = 120  # per persona: every URL pattern a persona reaches, two pages of each, fits well within it


def test_no_persona_is_offered_a_link_that_ends_in_403(settings, tmp_path):
    settings.DEBUG = True  # seed_demo refuses to run with debug off
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("seed_demo")
    settings.DEBUG = False
    assert set(DEMO_USERNAMES) == set(PERSONAS) - {"anonymous"}
    refused = []
    for persona, username in DEMO_USERNAMES.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        walk = crawl(client, [reverse("dashboard")], max_pages=MAX_PAGES)
        print(f"{persona}: {len(walk.visited)} pages")
        assert len(walk.visited) > 10, f"{persona} found almost nothing to visit: {walk.visited}"
        refused += [f"{persona}: {url} (403), linked from {source}" for url, _status, source in walk.refused]
    assert not refused, "\n".join(refused)
