"""Workforce attributes: the equity team's page for one person, and a person's own self-identification page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from equity import permissions
from equity.audit import HistoryView
from equity.forms import SelfIdentificationForm, StaffAttributesForm
from equity.models import StaffAttributes, User
from equity.views.shortcuts import add_service_errors, require
from equity.workforce import (
    race_ethnicity_choices,
    require_workforce_enabled,
    self_identification_save,
    staff_attributes_for,
    staff_attributes_get_for_user,
    staff_attributes_save,
)


@login_required
def staff_attributes_view(request, pk: int):
    """One person's job class, hire date and race/ethnicity: the equity team only."""
    require_workforce_enabled()
    require(permissions.can_edit_staff_attributes(request.user))
    person = get_object_or_404(User, pk=pk)
    attributes = staff_attributes_get_for_user(user=request.user, person=person)
    initial = {
        "race_ethnicity": attributes.race_ethnicity,
        "job_class": attributes.job_class,
        "hire_date": attributes.hire_date,
        "revision": attributes.revision if attributes.pk else None,
    }
    form = StaffAttributesForm(request.POST or None, initial=initial, choices=race_ethnicity_choices())
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff_attributes_save(
                author=request.user,
                person=person,
                race_ethnicity=data["race_ethnicity"],
                job_class=data["job_class"],
                hire_date=data["hire_date"],
                expected_revision=data["revision"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 409 if getattr(exc, "code", "") == "stale" else 200
        else:
            messages.success(request, _("%(name)s's workforce attributes have been saved.") % {"name": person})
            return redirect("staff_attributes", pk=person.pk)
    context = {"form": form, "person": person, "attributes": attributes}
    return render(request, "equity/staff_attributes_form.html", context, status=status)


@login_required
def self_identification_view(request):
    """The person's own self-identified race/ethnicity; only they and the equity team ever see the answer."""
    require_workforce_enabled()
    attributes = staff_attributes_for(person=request.user)
    initial = {"race_ethnicity": attributes.race_ethnicity, "revision": attributes.revision if attributes.pk else None}
    form = SelfIdentificationForm(request.POST or None, initial=initial, choices=race_ethnicity_choices())
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            self_identification_save(
                person=request.user,
                race_ethnicity=form.cleaned_data["race_ethnicity"],
                expected_revision=form.cleaned_data["revision"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 409 if getattr(exc, "code", "") == "stale" else 200
        else:
            messages.success(request, _("Your answer has been saved."))
            return redirect("self_identification")
    return render(request, "equity/self_identification_form.html", {"form": form}, status=status)


class StaffAttributesHistoryView(HistoryView):
    """Who changed a person's workforce attributes, and when: the equity team only."""

    hidden_fields = ("revision",)

    def get_object(self, queryset=None):
        require_workforce_enabled()
        if not permissions.can_edit_staff_attributes(self.request.user):
            raise PermissionDenied
        return get_object_or_404(StaffAttributes.objects.select_related("user"), user_id=self.kwargs["pk"])
