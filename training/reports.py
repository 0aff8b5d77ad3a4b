"""Report kinds of the training app: "training completion" (completion of required modules by department and
module for a period, counts and percentages, with the same chart as the training pages, figures from
training.completion) and "certificates" (a certificate of completion for one participant of a training session, or
one for everyone who completed it: a batch, one page each)."""

from __future__ import annotations

from datetime import date
from typing import cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equity.models import Department, User
from equity.widgets import DatePicker
from reports.kinds import ReportKind, ReportParamsForm, register
from reports.models import ReportJob
from training.charts import completion_chart_svg
from training.completion import completion_departments_for_user, completion_report_for_user
from training.models import Attendance, Module, Session
from training.permissions import can_log_session, can_view_completion
from training.selectors import visible_sessions_for_user

# --- training completion ---------------------------------------------------------------------------------------


class TrainingCompletionForm(ReportParamsForm):
    date_from = forms.DateField(label=gettext_lazy("Completed from"), widget=DatePicker())
    date_to = forms.DateField(label=gettext_lazy("Completed to"), widget=DatePicker())
    module = forms.ModelChoiceField(
        queryset=Module.objects.filter(is_active=True).order_by("title"),
        required=False,
        label=gettext_lazy("Module"),
        empty_label=gettext_lazy("All required modules"),
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(),
        required=False,
        label=gettext_lazy("Department"),
        empty_label=gettext_lazy("All departments I may see"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        visible = [d.pk for d in completion_departments_for_user(user=self.user)]
        department = cast(forms.ModelChoiceField, self.fields["department"])
        department.queryset = Department.objects.filter(pk__in=visible).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data

    def params(self) -> dict:
        data = self.cleaned_data
        params = {"date_from": data["date_from"].isoformat(), "date_to": data["date_to"].isoformat()}
        for key in ("module", "department"):
            if data.get(key) is not None:
                params[key] = data[key].pk
        return params


def _completion_title(target, params: dict) -> str:
    return _("Training completion, %(start)s to %(end)s") % {"start": params["date_from"], "end": params["date_to"]}


def _completion_context(job: ReportJob, target) -> dict:
    params = job.params
    module = Module.objects.filter(pk=params["module"]).first() if params.get("module") else None
    department = Department.objects.filter(pk=params["department"]).first() if params.get("department") else None
    report = completion_report_for_user(
        user=job.requested_by,
        module=module,
        department=department,
        date_from=date.fromisoformat(params["date_from"]),
        date_to=date.fromisoformat(params["date_to"]),
        with_names=False,
    )
    chart = completion_chart_svg(report=report) if report.modules and report.rows else ""
    return {"report": report, "chart": chart, "module": module, "filter_department": department}


def _can_request_completion(user: User, target) -> bool:
    return can_view_completion(user)


TRAINING_COMPLETION = register(
    ReportKind(
        code="training_completion",
        label=gettext_lazy("Training completion report"),
        description=gettext_lazy(
            "Completion of required training by department and module for a period: counts, percentages, chart."
        ),
        template="reports/pdf/training_completion.html",
        target_label="",
        targets_for_user=None,
        title=_completion_title,
        build_context=_completion_context,
        department_of=lambda target: None,
        form_class=TrainingCompletionForm,
        can_request=_can_request_completion,
        order=20,
    )
)


# --- certificates of completion --------------------------------------------------------------------------------


def _completed(session: Session):
    return Attendance.objects.filter(session=session, completed=True).select_related("user").order_by("pk")


def can_request_certificates(user: User, session: Session) -> bool:
    """Facilitators and the equity team for anyone on the roster; a participant for their own completion."""
    return can_log_session(user) or _completed(session).filter(user=user).exists()


def sessions_requestable_for_user(user: User):
    """Sessions whose certificates the user may request: `can_request_certificates` for a whole list."""
    sessions = Session.objects.all()
    if can_log_session(user):
        return sessions
    return sessions.filter(attendances__user=user, attendances__completed=True).distinct()


class ParticipantField(forms.ModelChoiceField):
    """A completed attendance, shown by the participant's name."""

    def label_from_instance(self, obj: Attendance) -> str:
        return obj.person_name


class CertificateForm(ReportParamsForm):
    participant = ParticipantField(
        queryset=Attendance.objects.none(),
        required=False,
        label=gettext_lazy("Participant"),
        empty_label=gettext_lazy("Everyone who completed the session"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        completed = _completed(self.target)
        participant = cast(forms.ModelChoiceField, self.fields["participant"])
        if not can_log_session(self.user):
            completed = completed.filter(user=self.user)
            participant.required = True
            participant.empty_label = None
        participant.queryset = completed

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("participant") and not _completed(self.target).exists():
            raise forms.ValidationError(_("Nobody has completed this session yet, so there is no certificate to make."))
        return cleaned

    @classmethod
    def data_from_params(cls, params: dict) -> dict:
        return {"participant": params.get("attendance")}

    def params(self) -> dict:
        participant = self.cleaned_data.get("participant")
        return {"attendance": participant.pk} if participant else {}


def _certificate_title(session: Session, params: dict) -> str:
    if params.get("attendance"):
        attendance = Attendance.objects.filter(pk=params["attendance"]).select_related("user").first()
        if attendance:
            return _("Certificate: %(name)s · %(module)s") % {
                "name": attendance.person_name,
                "module": session.module.title,
            }
    return _("Certificates: %(module)s · %(date)s") % {"module": session.module.title, "date": session.date}


def _certificate_context(job: ReportJob, session: Session) -> dict:
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
        # The sessions the person may see, without the list's seven counts: the chooser, the Reports page's offer
        # and the job's titles only need which sessions, and building the counts was a quarter of that page's time.
        targets_for_user=lambda user: visible_sessions_for_user(user=user).order_by("-date", "-start_time", "-pk"),
        title=_certificate_title,
        build_context=_certificate_context,
        department_of=lambda session: session.department,
        form_class=CertificateForm,
        can_request=can_request_certificates,
        requestable_for_user=sessions_requestable_for_user,
        order=30,
    )
)
