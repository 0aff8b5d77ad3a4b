"""Report kind "training completion": completion of required modules by department and module for a period,
counts and percentages, with the same chart as the training pages (figures from training.completion)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equity.models import Department, ReportJob, User
from equity.reports.kinds import ReportKind, ReportParamsForm, register
from training.charts import completion_chart_svg
from training.completion import completion_departments_for_user, completion_report_for_user
from training.models import Module
from training.permissions import can_view_completion


class TrainingCompletionForm(ReportParamsForm):
    date_from = forms.DateField(label=gettext_lazy("Completed from"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=gettext_lazy("Completed to"), widget=forms.DateInput(attrs={"type": "date"}))
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
        self.fields["department"].queryset = Department.objects.filter(pk__in=visible).order_by("name")

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


def _title(target, params: dict) -> str:
    return _("Training completion, %(start)s to %(end)s") % {"start": params["date_from"], "end": params["date_to"]}


def _context(job: ReportJob, target) -> dict:
    from datetime import date

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


def _can_request(user: User, target) -> bool:
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
        title=_title,
        build_context=_context,
        department_of=lambda target: None,
        form_class=TrainingCompletionForm,
        can_request=_can_request,
    )
)
