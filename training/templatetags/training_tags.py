"""Template helpers of the training app."""

from functools import cache
from html import escape

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from training.completion import FigureTexts, number_text
from training.models import Attendance, Session
from training.permissions import (
    can_log_session,
    can_manage_requirements,
    can_view_certification_requests,
    can_view_completion,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def training_nav(context) -> dict:
    """Which training sub-navigation entries the signed-in user gets (decided by training.permissions)."""
    user = context["request"].user
    return {
        "report": can_view_completion(user),
        "log": can_log_session(user),
        "requirements": can_manage_requirements(user),
        "requests": can_view_certification_requests(user),
    }


def _cells(cells, texts: FigureTexts) -> str:
    return "".join(
        f'<td class="text-end">{escape(texts.number(cell.staff))}</td>'
        f'<td class="text-end">{escape(texts.number(cell.completed))}</td>'
        f'<td class="text-end">{escape(texts.percent(cell.percent))}</td>'
        for cell in cells
    )


@register.simple_tag
def completion_cells(cells) -> SafeString:
    """Each module's "required of", "completed" and percentage cells of a completion report row
    (training.completion.CompletionCell, as FigureTexts writes its figures). A tag, not three
    template variables a cell: the city-wide report shows every department times every required module, and those
    variables were most of the page's time."""
    return mark_safe(_cells(cells, FigureTexts()))  # noqa: S308  # every value is escaped


@register.simple_tag
def completion_rows(rows) -> SafeString:
    """The rows of the completion report's table body (training.completion.CompletionRow): each department's name,
    staff and `completion_cells`. One tag for all of them: the city-wide report has a row per department, and the
    loop's template nodes cost more than the cells."""
    texts = FigureTexts()
    return mark_safe(  # noqa: S308  # every value is escaped
        "".join(
            f'\n  <tr>\n    <th scope="row">{escape(row.department.name)}</th>'
            f'<td class="text-end">{escape(texts.number(row.staff))}</td>\n    {_cells(row.cells, texts)}\n  </tr>\n  '
            for row in rows
        )
    )


@register.simple_tag
def required_rows(rows) -> SafeString:
    """The rows of the overdue table's body (training.requirements.RequiredRow): each department's name, people
    with required training, overdue and due soon; one tag for the reason of `completion_rows`."""
    texts = FigureTexts()
    return mark_safe(  # noqa: S308  # every value is escaped
        "".join(
            f'<tr><th scope="row">{escape(row.department.name)}</th>'
            f'<td class="text-end">{escape(texts.number(row.required))}</td>'
            f'<td class="text-end">{escape(texts.number(row.overdue))}</td>'
            f'<td class="text-end">{escape(texts.number(row.due_soon))}</td></tr>'
            for row in rows
        )
    )


@cache
def _labels(choices: type, language: str | None) -> dict[str, str]:
    """A choices class's labels in `language` (the active one when called), translated once: the model's
    `get_<field>_display()` hashes every lazy label, translating each, on every call."""
    return {value: str(label) for value, label in choices.choices}  # type: ignore[attr-defined]  # a TextChoices


@register.simple_tag
def session_list_row(session) -> SafeString:
    """One row of the session list (a session annotated by `session_list_for_user`). A tag, not template markup:
    the row's eleven cells, dates and counts cost about 0.4 ms a row as template nodes, most of the page's time."""
    counts = "".join(
        f'<td class="text-end">{number_text(n)}</td>'
        for n in (
            session.attended_count, session.partial_count, session.excused_count, session.no_show_count,
            session.completed_count,
        )
    )  # fmt: skip
    language = get_language()
    audience = escape(_labels(Session.Audience, language).get(session.audience, session.audience))
    if session.department_id:
        audience += f": {escape(session.department.name)}"
    lead = session.lead_facilitator.user.display_name if session.lead_facilitator_id else ""
    places = number_text(session.registered_count)
    if session.capacity:
        places += f" / {number_text(session.capacity)}"
    if session.waiting_count:
        waiting = gettext("(+%(w)s waiting)") % {"w": number_text(session.waiting_count)}
        places += f' <span class="small">{escape(waiting)}</span>'
    return mark_safe(  # noqa: S308  # every text is escaped here
        f'<tr>\n    <td><a href="{reverse("training:session_detail", args=[session.pk])}">'
        f"{date_format(session.date, 'DATE_FORMAT')}</a><br>"
        f'<span class="small">{time_format(session.start_time, "TIME_FORMAT")}–'
        f"{time_format(session.end_time, 'TIME_FORMAT')}</span></td>\n"
        f"    <td>{escape(session.module.title)}</td>\n"
        f"    <td>{escape(_labels(Session.Format, language).get(session.format, session.format))}</td>\n"
        f"    <td>{audience}</td>\n"
        f"    <td>{escape(lead or '—')}</td>\n"
        f"    {counts}\n"
        f'    <td class="text-end">{places}</td>\n  </tr>'
    )


def _minutes(value: int | None) -> str:
    return "—" if value is None else number_text(value)


@register.simple_tag
def roster_row(attendance) -> SafeString:
    """One row of a session's roster (an attendance with its user and department): a tag for the reason of
    `session_list_row`."""
    if attendance.user_id:
        person = escape(attendance.user.full_name)
    else:
        person = escape(attendance.external_name)
        if attendance.external_organisation:
            person += f" ({escape(attendance.external_organisation)})"
        elif attendance.external_individual:
            person += f" ({escape(gettext('individual'))})"
        person += f' <span class="small">{escape(gettext("external"))}</span>'
    department = attendance.department.name if attendance.department_id else ""
    if attendance.completed:
        completed = f'<span class="badge status-badge text-bg-success">{escape(gettext("Completed"))}</span>'
    else:
        completed = escape(gettext("Not completed"))
    status = _labels(Attendance.Status, get_language()).get(attendance.status, attendance.status)
    return mark_safe(  # noqa: S308  # every text is escaped here
        f"<tr>\n    <td>{person}</td>\n    <td>{escape(department or '—')}</td>\n    <td>{escape(status)}</td>\n"
        f'    <td class="text-end">{_minutes(attendance.minutes)}</td>\n    <td>{completed}</td>\n  </tr>'
    )


@register.simple_tag
def record_row(attendance) -> SafeString:
    """One row of a person's sessions on their training record (an attendance with its session, module and
    department): a tag for the reason of `session_list_row`."""
    session = attendance.session
    department = attendance.department.name if attendance.department_id else ""
    status = _labels(Attendance.Status, get_language()).get(attendance.status, attendance.status)
    if attendance.completed:
        code = attendance.verification_code
        link = gettext("Verification page (%(code)s)") % {"code": code}
        url = reverse("verify:certificate_verify", args=[code])
        done, hours = gettext("Yes"), floatformat(session.hours_credited, "-2")
        certificate = f'<a href="{escape(url)}">{escape(link)}</a>'
    else:
        done, hours, certificate = gettext("No"), "0", "—"
    return mark_safe(  # noqa: S308  # every text is escaped here
        f"<tr>\n    <td>{date_format(session.date, 'DATE_FORMAT')}</td><td>{escape(session.module.title)}</td>"
        f"<td>{escape(department or '—')}</td>\n    <td>{escape(status)}</td>"
        f'<td class="text-end">{_minutes(attendance.minutes)}</td>\n    <td>{escape(done)}</td>\n'
        f'    <td class="text-end">{escape(hours)}</td>\n    <td>{certificate}</td>\n  </tr>'
    )


@register.simple_tag
def calendar_entry(session) -> SafeString:
    """One session of the upcoming sessions' calendar (a session of `upcoming_session_list_for_user`, with its
    places): time, module (a link), format, place, department, places taken and waiting, lead facilitator. A tag for
    the reason of `session_list_row`: three translated sentences and a dozen values a session."""
    language = get_language()
    url = reverse("training:session_detail", args=[session.pk])
    start, end = time_format(session.start_time, "TIME_FORMAT"), time_format(session.end_time, "TIME_FORMAT")
    where = escape(_labels(Session.Format, language).get(session.format, session.format))
    if session.location:
        where += f", {escape(session.location)}"
    if session.department_id:
        where += f" ({escape(session.department.name)})"
    registered = number_text(session.registered_count)
    if session.capacity:
        places = gettext("%(n)s of %(c)s places taken.") % {"n": registered, "c": number_text(session.capacity)}
    else:
        places = gettext("%(n)s registered.") % {"n": registered}
    if session.waiting_count:
        places += " " + gettext("%(n)s on the waiting list.") % {"n": number_text(session.waiting_count)}
    led = ""
    if session.lead_facilitator_id:
        led = gettext("Led by %(name)s.") % {"name": session.lead_facilitator.user.display_name}
    return mark_safe(  # noqa: S308  # every text is escaped here
        f'<li><a href="{escape(url)}">{start}–{end}: {escape(session.module.title)}</a>,\n'
        f"          {where}.\n          {escape(places)}\n          {escape(led)}</li>"
    )
