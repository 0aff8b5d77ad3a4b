"""Events the plans services raise, inside their transaction after the write: an action assigned (or a department
made co-lead), an action gone off track or at risk, a progress update posted, a reporting period opened.

Each is one `notify` (about 8 queries) per event, whatever the number of recipients; the spreadsheet import's new
actions are grouped into one notification per person (and per co-lead department), not one per action."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from equity.models import Department, User
from equity.notifications.services import in_source_language, notify
from plans.models import Action, ActionFollow, Plan, ProgressUpdate, ReportingPeriod
from plans.notices import (
    ACTION_ASSIGNED,
    ACTION_ATTENTION,
    ACTION_UPDATE_POSTED,
    PERIOD_OPENED,
)
from plans.reminders import actions_owing_update
from plans.status import Legend, legend

TITLES_LISTED = 10  # a body lists at most this many action titles, then says how many more


def managers_by_department(department_ids: Iterable[int]) -> dict[int, list[int]]:
    """Active managers' ids for each department (one query)."""
    links = User.departments.through.objects.filter(
        department_id__in=set(department_ids), user__is_manager=True, user__is_active=True
    ).values_list("department_id", "user_id")
    found: dict[int, list[int]] = defaultdict(list)
    for department_id, user_id in links:
        found[department_id].append(user_id)
    return found


def titles_listed(titles: Sequence[str]) -> str:
    """ "A; B; C" and, past TITLES_LISTED, "and 4 more"."""
    shown = "; ".join(titles[:TITLES_LISTED])
    rest = len(titles) - TITLES_LISTED
    if rest > 0:
        shown += " " + ngettext("and %(n)d more", "and %(n)d more", rest) % {"n": rest}
    return shown


def action_url(action: Action) -> str:
    return reverse("plans:action_detail", args=[action.pk])


@in_source_language
def action_assigned_notify(
    *, action: Action, author: User, previous_accountable_id: int | None = None, added_co_lead_ids: Iterable[int] = ()
) -> None:
    """Tell a new accountable person (not when unchanged), and the managers of departments just made co-lead."""
    if action.accountable_id is not None and action.accountable_id != previous_accountable_id:
        notify(
            kind=ACTION_ASSIGNED,
            recipients=[action.accountable_id],
            target=action,
            event_key=f"action:{action.pk}:accountable:{action.accountable_id}:v{action.version}",
            title=_("You are accountable for an action: %(title)s") % {"title": action.title},
            body=_("Plan: %(plan)s") % {"plan": action.plan.title},
            url=action_url(action),
            actor=author,
        )
    added = sorted(set(added_co_lead_ids))
    if added:
        managers = managers_by_department(added)
        names = list(Department.objects.filter(pk__in=added).order_by("name").values_list("name", flat=True))
        notify(
            kind=ACTION_ASSIGNED,
            recipients=[pk for ids in managers.values() for pk in ids],
            target=action,
            event_key=f"action:{action.pk}:co_leads:{','.join(map(str, added))}:v{action.version}",
            title=_("Your department was made co-lead of: %(title)s") % {"title": action.title},
            body=_("Co-lead departments added: %(names)s") % {"names": "; ".join(names)},
            url=action_url(action),
            actor=author,
        )


@in_source_language
def imported_actions_notify(
    *, plan: Plan, actions: Sequence[Action], co_leads: dict[int, set[int]], author: User
) -> None:
    """New actions from a spreadsheet: one notification per accountable person and one per co-lead department (its
    managers), naming the actions, instead of one per action (an import brings them by the thousand)."""
    by_person: dict[int, list[Action]] = defaultdict(list)
    by_department: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        if action.accountable_id is not None:
            by_person[action.accountable_id].append(action)
        for department_id in co_leads.get(action.pk, ()):
            by_department[department_id].append(action)
    for person_id, theirs in by_person.items():
        first = theirs[0]
        notify(
            kind=ACTION_ASSIGNED,
            recipients=[person_id],
            target=first,
            event_key=f"action:{first.pk}:accountable:{person_id}:v{first.version}:import",
            title=ngettext(
                "You are accountable for a new action in %(plan)s",
                "You are accountable for %(n)d new actions in %(plan)s",
                len(theirs),
            )
            % {"n": len(theirs), "plan": plan.title},
            body=titles_listed([a.title for a in theirs]),
            url=action_url(first) if len(theirs) == 1 else reverse("plans:my_actions"),
            actor=author,
        )
    managers = managers_by_department(by_department) if by_department else {}
    for department_id, theirs in by_department.items():
        first = theirs[0]
        notify(
            kind=ACTION_ASSIGNED,
            recipients=managers.get(department_id, []),
            target=first,
            event_key=f"action:{first.pk}:co_leads:{department_id}:v{first.version}:import",
            title=ngettext(
                "Your department was made co-lead of a new action in %(plan)s",
                "Your department was made co-lead of %(n)d new actions in %(plan)s",
                len(theirs),
            )
            % {"n": len(theirs), "plan": plan.title},
            body=titles_listed([a.title for a in theirs]),
            url=action_url(first) if len(theirs) == 1 else reverse("plans:plan_actions", args=[plan.pk]),
            actor=author,
        )


@in_source_language
def action_attention_notify(
    *, action: Action, update: ProgressUpdate, previous_status: str, author: User, statuses: Legend | None = None
) -> None:
    """Tell the lead department's managers that the action's status changed to one the legend marks as needing
    attention (off track, at risk by default). `statuses`: the legend, when the caller has read it already."""
    if action.status == previous_status:
        return
    statuses = legend() if statuses is None else statuses
    if action.status not in statuses.attention:
        return
    managers = managers_by_department([action.lead_department_id])
    notify(
        kind=ACTION_ATTENTION,
        recipients=managers.get(action.lead_department_id, []),
        target=action,
        event_key=f"action:{action.pk}:status:{action.status}:update:{update.pk}",
        title=_("%(status)s: %(title)s") % {"status": statuses.label(action.status), "title": action.title},
        body=update.status_reason,
        url=action_url(action),
        actor=author,
    )


@in_source_language
def update_posted_notify(*, action: Action, update: ProgressUpdate, author: User) -> None:
    """Tell the action's followers and its accountable person about a new update (never its author)."""
    recipients = set(ActionFollow.objects.filter(action=action).values_list("user_id", flat=True))
    if action.accountable_id is not None:
        recipients.add(action.accountable_id)
    notify(
        kind=ACTION_UPDATE_POSTED,
        recipients=recipients,
        target=action,
        event_key=f"update:{update.pk}",
        title=_("New progress update: %(title)s") % {"title": action.title},
        body=update.summary,
        url=action_url(action),
        actor=author,
    )


@in_source_language
def period_opened_notify(*, period: ReportingPeriod, author: User) -> int:
    """Tell each accountable person with open actions what they owe in the new period: one notification each,
    naming the actions (one query for the actions, then one `notify` per person). Returns the number told."""
    owing = (
        actions_owing_update(period=period)
        .filter(accountable__is_active=True)
        .order_by("accountable_id", "due_date", "pk")
        .values_list("accountable_id", "title")
    )
    by_person: dict[int, list[str]] = defaultdict(list)
    for person_id, title in owing:
        by_person[person_id].append(title)
    told = 0
    for person_id, titles in by_person.items():
        told += notify(
            kind=PERIOD_OPENED,
            recipients=[person_id],
            target=period,
            event_key=f"period:{period.pk}:opened",
            title=_("Reporting period %(name)s is open: updates due %(date)s")
            % {"name": period.name, "date": period.due_date.isoformat()},
            body=ngettext(
                "You owe an update on %(n)d action: %(titles)s",
                "You owe updates on %(n)d actions: %(titles)s",
                len(titles),
            )
            % {"n": len(titles), "titles": titles_listed(titles)},
            url=reverse("plans:my_actions"),
            actor=author,
        )
    return told
