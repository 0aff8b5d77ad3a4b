"""Report kind "certificates": a certificate of completion for one participant of a training session, or one for
everyone who completed it (a batch, one page each)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equity.models import ReportJob, User
from equity.reports.kinds import ReportKind, ReportParamsForm, register
from training.models import Attendance, Session
from training.permissions import can_log_session
from training.selectors import session_list_for_user


def _completed(session: Session):
    return Attendance.objects.filter(session=session, completed=True).select_related("user").order_by("pk")


def can_request_certificates(user: User, session: Session) -> bool:
    """Facilitators and the equity team for anyone on the roster; a participant for their own completion."""
    return can_log_session(user) or _completed(session).filter(user=user).exists()


class CertificateForm(ReportParamsForm):
    participant = forms.ModelChoiceField(
        queryset=Attendance.objects.none(),
        required=False,
        label=gettext_lazy("Participant"),
        empty_label=gettext_lazy("Everyone who completed the session"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        completed = _completed(self.target)
        if not can_log_session(self.user):
            completed = completed.filter(user=self.user)
            self.fields["participant"].required = True
            self.fields["participant"].empty_label = None
        self.fields["participant"].queryset = completed
        self.fields["participant"].label_from_instance = lambda attendance: attendance.person_name

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("participant") and not _completed(self.target).exists():
            raise forms.ValidationError(_("Nobody has completed this session yet, so there is no certificate to make."))
        return cleaned

    def params(self) -> dict:
        participant = self.cleaned_data.get("participant")
        return {"attendance": participant.pk} if participant else {}


def _title(session: Session, params: dict) -> str:
    if params.get("attendance"):
        attendance = Attendance.objects.filter(pk=params["attendance"]).select_related("user").first()
        if attendance:
            return _("Certificate: %(name)s · %(module)s") % {
                "name": attendance.person_name,
                "module": session.module.title,
            }
    return _("Certificates: %(module)s · %(date)s") % {"module": session.module.title, "date": session.date}


def _context(job: ReportJob, session: Session) -> dict:
    attendances = _completed(session)
    if job.params.get("attendance"):
        attendances = attendances.filter(pk=job.params["attendance"])
    facilitators = [session.lead_facilitator] if session.lead_facilitator_id else []
    facilitators += list(session.co_facilitators.select_related("user"))
    return {
        "session": session,
        "module": session.module,
        "attendances": list(attendances),
        "facilitators": [f.user for f in facilitators if f is not None],
    }


CERTIFICATES = register(
    ReportKind(
        code="certificates",
        label=gettext_lazy("Certificates of completion"),
        description=gettext_lazy("A one-page certificate for a participant of a training session, or for everyone."),
        template="reports/pdf/certificates.html",
        target_label=gettext_lazy("Training session"),
        targets_for_user=lambda user: session_list_for_user(user=user).select_related("module"),
        title=_title,
        build_context=_context,
        department_of=lambda session: session.department,
        form_class=CertificateForm,
        can_request=can_request_certificates,
    )
)
