"""The records of every owner type that accepts attachments, each belonging to Community Development (the personas'
`dept`) so that Public Works people cannot see it: a draft plan's action, its milestone and its progress update, a
draft assessment and a department training session. And files to upload."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from equity.evidence.services import attachment_add
from equity.models import Attachment
from plans.models import Plan
from tests.plans.factories import ActionFactory, MilestoneFactory, PlanFactory, UpdateFactory
from tests.tools.factories import AssessmentFactory
from tests.training.factories import FacilitatorFactory, ModuleFactory, SessionFactory

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
OWNER_KEYS = {
    "action": "plans.action",
    "milestone": "plans.milestone",
    "update": "plans.progressupdate",
    "assessment": "tools.assessment",
    "session": "training.session",
}


def pdf(name: str = "evidence.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def draft_action(p):
    plan = PlanFactory(title="CD draft plan", status=Plan.Status.DRAFT, departments=[p.dept], adopted_on=None)
    return ActionFactory(plan=plan, title="Translate the permit forms", lead_department=p.dept, accountable=p.staff)


def make_owner(p, kind: str):
    """A CD record of `kind` (one of OWNER_KEYS)."""
    if kind == "action":
        return draft_action(p)
    if kind == "milestone":
        return MilestoneFactory(action=draft_action(p), title="Forms drafted")
    if kind == "update":
        return UpdateFactory(action=draft_action(p), author=p.staff)
    if kind == "assessment":
        return AssessmentFactory(department=p.dept, lead=p.staff, team=[p.staff], title="Fee waiver")
    if kind == "session":
        module = ModuleFactory(title="Foundations")
        lead = FacilitatorFactory(user=p.facilitator, modules=[module])
        return SessionFactory(module=module, lead_facilitator=lead, audience="department", department=p.dept)
    raise ValueError(kind)


def attach(owner, user, *, title: str = "Signed agreement", name: str = "evidence.pdf") -> Attachment:
    return attachment_add(author=user, owner=owner, upload=pdf(name), title=title)
