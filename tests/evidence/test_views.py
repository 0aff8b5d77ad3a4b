"""The attachment pages and the detail pages of every owner type: lists and upload forms shown to the right people,
downloads only through the checked view, bad input answered with field errors, and history lines."""

import pytest
from django.urls import reverse

from equity.models import Attachment
from tests.evidence.world import OWNER_KEYS, PDF_BYTES, attach, make_owner, pdf

pytestmark = pytest.mark.django_db

DETAIL_URLS = {
    "action": lambda o: reverse("plans:action_detail", args=[o.pk]),
    "milestone": lambda o: reverse("plans:action_detail", args=[o.action_id]),
    "update": lambda o: reverse("plans:action_detail", args=[o.action_id]),
    "assessment": lambda o: reverse("tools:assessment_detail", args=[o.pk]),
    "session": lambda o: reverse("training:session_detail", args=[o.pk]),
}
HISTORY_URLS = {
    "action": lambda o: reverse("plans:action_history", args=[o.pk]),
    "milestone": lambda o: reverse("plans:action_history", args=[o.action_id]),
    "update": lambda o: reverse("plans:action_history", args=[o.action_id]),
    "assessment": lambda o: reverse("tools:assessment_history", args=[o.pk]),
    "session": lambda o: reverse("training:session_history", args=[o.pk]),
}
EDITOR = {
    "action": "manager",
    "milestone": "manager",
    "update": "staff",
    "assessment": "staff",
    "session": "facilitator",
}
# Readers who may not edit; the assessment is completed first (a draft is edited by everyone who sees it).
READER = {
    "action": "staff",
    "milestone": "staff",
    "update": "facilitator",
    "assessment": "facilitator",
    "session": "staff",
}


def _create_url(kind, owner):
    return reverse("attachment_create", kwargs={"owner": OWNER_KEYS[kind], "pk": owner.pk})


def _panel_id(kind, owner):
    return f"attachments-{OWNER_KEYS[kind].replace('.', '-')}-{owner.pk}"


@pytest.mark.parametrize("kind", OWNER_KEYS)
def test_an_editor_uploads_from_the_detail_page_and_is_sent_back_to_it(client, personas, kind):
    owner = make_owner(personas, kind)
    client.force_login(personas.get(EDITOR[kind]))
    page = client.get(DETAIL_URLS[kind](owner))
    assert f'id="{_panel_id(kind, owner)}"' in page.text and _create_url(kind, owner) in page.text
    # The limits are stated on the form: on the record's page, or for a milestone or an update (whose page lists
    # many), on the upload page their link opens.
    form_page = page if kind not in ("milestone", "update") else client.get(_create_url(kind, owner))
    assert "up to 10.0" in form_page.text
    response = client.post(_create_url(kind, owner), {"title": "Sign-in sheet", "file": pdf("sign in.pdf")})
    assert response.status_code == 302 and response["Location"].endswith(f"#{_panel_id(kind, owner)}")
    attachment = Attachment.objects.get()
    assert attachment.owner == owner and attachment.uploaded_by == personas.get(EDITOR[kind])
    page = client.get(DETAIL_URLS[kind](owner))
    assert reverse("attachment_download", args=[attachment.pk]) in page.text and "Sign-in sheet" in page.text


@pytest.mark.parametrize("kind", OWNER_KEYS)
def test_a_reader_sees_and_downloads_the_files_but_gets_no_form(client, personas, kind):
    owner = make_owner(personas, kind)
    attachment = attach(owner, personas.equity, title="Agenda", name="agenda.pdf")
    if kind == "assessment":
        type(owner).objects.filter(pk=owner.pk).update(status="completed")
    client.force_login(personas.get(READER[kind]))
    page = client.get(DETAIL_URLS[kind](owner))
    assert "Agenda" in page.text and _create_url(kind, owner) not in page.text
    assert reverse("attachment_delete", args=[attachment.pk]) not in page.text
    response = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="agenda.pdf"'
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("kind", OWNER_KEYS)
def test_another_departments_people_are_refused_with_404(client, personas, kind):
    owner = make_owner(personas, kind)
    attachment = attach(owner, personas.equity)
    client.force_login(personas.other_manager)
    assert client.get(reverse("attachment_download", args=[attachment.pk])).status_code == 404
    assert client.post(reverse("attachment_delete", args=[attachment.pk])).status_code == 404
    assert client.post(_create_url(kind, owner), {"title": "x", "file": pdf()}).status_code == 404
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize("kind", OWNER_KEYS)
def test_removal_by_an_editor_is_listed_in_the_history(client, personas, kind):
    owner = make_owner(personas, kind)
    attachment = attach(owner, personas.equity, title="Photo of the meeting", name="meeting.pdf")
    client.force_login(personas.get(EDITOR[kind]))
    response = client.post(reverse("attachment_delete", args=[attachment.pk]))
    assert response.status_code == 302 and not Attachment.objects.exists()
    history = client.get(HISTORY_URLS[kind](owner)).text
    assert "Attachment added" in history and "Attachment removed" in history
    assert "Photo of the meeting (meeting.pdf)" in history
    assert personas.get(EDITOR[kind]).display_name in history and personas.equity.display_name in history


def test_an_actions_history_names_the_milestone_a_file_belonged_to(client, personas):
    milestone = make_owner(personas, "milestone")
    attach(milestone, personas.manager, title="Draft forms")
    client.force_login(personas.manager)
    history = client.get(reverse("plans:action_history", args=[milestone.action_id])).text
    assert "milestone “Forms drafted”" in history and "Draft forms (evidence.pdf)" in history


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "file": pdf()}, "title", "required"),
        ({"title": "Virus", "file": pdf("invoice.pdf", b"MZ\x90\x00\x03")}, "file", "Programs and scripts"),
        ({"title": "Renamed", "file": pdf("chart.png")}, "file", "Rename it to .pdf"),
        ({"title": "No file"}, "file", "required"),
        ({"title": "x" * 201, "file": pdf()}, "title", "at most 200 characters"),
    ],
    ids=["no-title", "executable", "renamed", "no-file", "long-title"],
)
def test_bad_input_shows_field_errors_and_a_summary_and_saves_nothing(client, personas, data, field, message):
    owner = make_owner(personas, "action")
    client.force_login(personas.manager)
    response = client.post(_create_url("action", owner), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "error-summary" in response.text and "There is a problem" in response.text
    assert not Attachment.objects.exists()


def test_removing_twice_is_a_404_not_an_error(client, personas):
    attachment = attach(make_owner(personas, "action"), personas.manager)
    client.force_login(personas.manager)
    url = reverse("attachment_delete", args=[attachment.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("owner", ["plans.nothing", "equity.department", "plans", "PLANS.ACTION"])
def test_a_tampered_owner_type_is_a_404(client, personas, owner):
    action = make_owner(personas, "action")
    client.force_login(personas.equity)
    url = reverse("attachment_create", kwargs={"owner": owner, "pk": action.pk})
    assert client.post(url, {"title": "x", "file": pdf()}).status_code == 404
    assert not Attachment.objects.exists()


def test_a_tampered_owner_id_is_a_404(client, personas):
    client.force_login(personas.equity)
    url = reverse("attachment_create", kwargs={"owner": "plans.action", "pk": 999_999})
    assert client.post(url, {"title": "x", "file": pdf()}).status_code == 404


def test_a_missing_file_in_storage_is_a_404(client, personas):
    attachment = attach(make_owner(personas, "action"), personas.manager)
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(personas.manager)
    assert client.get(reverse("attachment_download", args=[attachment.pk])).status_code == 404


def test_anonymous_people_are_sent_to_sign_in(client, personas):
    attachment = attach(make_owner(personas, "session"), personas.equity)
    response = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
