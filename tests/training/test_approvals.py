"""Approval requests: a facilitator asks instead of hitting a refusal; the equity team approves or declines."""

from datetime import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.training.factories import FacilitatorFactory, ModuleFactory
from training.approvals import certification_request_create, certification_request_decide
from training.models import CertificationRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def tool(db):
    return ModuleFactory(title="Applying the Tool")


def test_request_needs_a_reason_a_roster_place_and_no_pending_twin(personas, module, facilitator_record, tool):
    with pytest.raises(PermissionDenied):
        certification_request_create(author=personas.staff, module=tool, reason="x")
    with pytest.raises(ValidationError):
        certification_request_create(author=personas.facilitator, module=tool, reason="   ")
    with pytest.raises(ValidationError, match="already certified"):
        certification_request_create(author=personas.facilitator, module=module, reason="Planned")
    made = certification_request_create(author=personas.facilitator, module=tool, reason="Planned for May")
    with pytest.raises(ValidationError, match="already asked"):
        certification_request_create(author=personas.facilitator, module=tool, reason="Again")
    assert made.history.get().history_user == personas.facilitator


def test_a_facilitator_not_on_the_roster_is_told_so(personas, tool):
    with pytest.raises(ValidationError, match="not on the facilitator roster"):
        certification_request_create(author=personas.facilitator, module=tool, reason="Planned")


def test_approving_certifies_the_facilitator_and_is_audited(personas, facilitator_record, tool):
    made = certification_request_create(author=personas.facilitator, module=tool, reason="Planned")
    with pytest.raises(PermissionDenied):
        certification_request_decide(author=personas.facilitator, request=made, approve=True)
    decided = certification_request_decide(author=personas.equity, request=made, approve=True, note="Welcome")
    assert decided.status == CertificationRequest.Status.APPROVED and decided.decided_by == personas.equity
    assert tool in facilitator_record.modules.all()
    assert facilitator_record.history.latest("history_id").history_user == personas.equity
    assert [h.status for h in made.history.order_by("history_id")] == ["pending", "approved"]
    with pytest.raises(ValidationError, match="already approved"):
        certification_request_decide(author=personas.equity, request=made, approve=False, note="No")


def test_declining_needs_a_note_and_certifies_nobody(personas, facilitator_record, tool):
    made = certification_request_create(author=personas.facilitator, module=tool, reason="Planned")
    with pytest.raises(ValidationError):
        certification_request_decide(author=personas.equity, request=made, approve=False, note="")
    certification_request_decide(author=personas.equity, request=made, approve=False, note="Co-facilitate first")
    assert tool not in facilitator_record.modules.all()


def _session_post(module, lead) -> dict:
    return {
        "module": module.pk, "date": timezone.localdate().isoformat(), "start_time": time(9).strftime("%H:%M"),
        "end_time": "11:00", "hours_credited": "2", "format": "in_person", "lead_facilitator": lead.pk,
        "audience": "all_staff", "roster-TOTAL_FORMS": "0", "roster-INITIAL_FORMS": "0",
    }  # fmt: skip


def test_session_form_offers_to_ask_instead_of_refusing(client, personas, facilitator_record, tool):
    client.force_login(personas.facilitator)
    response = client.post(reverse("training:session_create"), _session_post(tool, facilitator_record))
    html = response.content.decode()
    assert response.status_code == 200 and "Ask the equity team for approval" in html
    assert f"{reverse('training:certification_request_create')}?module={tool.pk}" in html
    made = certification_request_create(author=personas.facilitator, module=tool, reason="Planned")
    html = client.post(reverse("training:session_create"), _session_post(tool, facilitator_record)).content.decode()
    assert (
        "You have already asked the equity team" in html
        and reverse("training:certification_request_detail", args=[made.pk]) in html
    )


def test_another_facilitators_uncertified_lead_gets_no_offer(client, personas, facilitator_record, tool):
    other = FacilitatorFactory(modules=[])
    client.force_login(personas.facilitator)
    html = client.post(reverse("training:session_create"), _session_post(tool, other)).content.decode()
    assert "is not certified" in html and "Ask the equity team for approval" in html  # the user is uncertified too
    facilitator_record.modules.add(tool)
    html = client.post(reverse("training:session_create"), _session_post(tool, other)).content.decode()
    assert "is not certified" in html and "Ask the equity team for approval" not in html


def test_the_flow_through_the_pages(client, personas, facilitator_record, tool):
    client.force_login(personas.facilitator)
    response = client.post(
        reverse("training:certification_request_create"), {"module": tool.pk, "reason": "May session"}
    )
    made = CertificationRequest.objects.get()
    assert response["Location"] == reverse("training:certification_request_detail", args=[made.pk])
    client.force_login(personas.equity)
    assert "Applying the Tool" in client.get(reverse("dashboard")).content.decode()
    url = reverse("training:certification_request_detail", args=[made.pk])
    response = client.post(url, {"decision": "declined", "note": ""})
    assert response.status_code == 200 and "Tell the facilitator why" in response.content.decode()
    assert client.post(url, {"decision": "declined", "note": "Co-facilitate first"}).status_code == 302
    assert client.post(url, {"decision": "approved"}).status_code == 409  # already decided
    client.force_login(personas.facilitator)
    html = client.get(reverse("training:certification_request_list")).content.decode()
    assert "Declined" in html and "Co-facilitate first" in html
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "My approval requests" in dashboard and "Applying the Tool</a> — Declined" in dashboard


def test_a_reason_longer_than_the_limit_is_refused_with_a_message(client, personas, facilitator_record, tool):
    client.force_login(personas.facilitator)
    response = client.post(reverse("training:certification_request_create"), {"module": tool.pk, "reason": "x" * 2001})
    assert response.status_code == 200 and "at most 2000 characters" in response.content.decode().lower()
    assert not CertificationRequest.objects.exists()
