"""What a report job tells its requester when it cannot be built: parameters checked by the kind's own form before
any build (ADR 0065), and failures turned into readable, translated messages. The exception itself is logged for the
administrators, never shown: a user reads what went wrong and what to do, not a Python error.

The pipeline knows no domain: a kind's parameters are valid when its `form_class` accepts them, whatever the kind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from equity.models import User
    from reports.kinds import ReportKind

# The refusal is shown on the job's page, in a flash message and in the log, and a problem can quote a stored value
# (a choice field's "X is not one of the available choices"), so the message is kept short, and visibly so: a long
# problem ends with "…", and the problems that do not fit are counted ("and 3 more problems").
MESSAGE_LIMIT = 1000
PROBLEM_LIMIT = 200
ELLIPSIS = "…"


class ReportParamsInvalid(Exception):
    """The kind's form refuses the job's parameters; `message` is the readable, translated reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def report_params_problems(*, kind: ReportKind[Any], target: Any, user: User, params: dict) -> list[str]:
    """What the kind's own form finds wrong with stored job parameters (empty when they are valid), one readable
    line per problem, each naming its field's label. `user` is the requester: the report is built for them."""
    form = kind.form_class(data=kind.form_class.data_from_params(params), target=target, user=user)
    if form.is_valid():
        return []
    problems = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        problems += [f"{label}: {error}" if label else str(error) for error in errors]
    return problems


def report_params_check(*, kind: ReportKind[Any], target: Any, user: User, params: dict) -> None:
    """Raise ReportParamsInvalid, with a readable message in the active language, if the kind refuses the params."""
    problems = report_params_problems(kind=kind, target=target, user=user, params=params)
    if problems:
        raise ReportParamsInvalid(report_params_message(problems))


def report_params_message(problems: list[str]) -> str:
    """The readable refusal listing `problems` (at least one), in the active language, in at most MESSAGE_LIMIT
    characters (unless the translation's fixed words are so long that even one problem does not fit: the first is
    always listed). Nothing is cut silently: a problem longer than PROBLEM_LIMIT ends with an ellipsis, and the
    problems left out are counted."""
    message = _("The report's settings are not valid (%(problems)s). Please request the report again.")
    shortened = [p if len(p) <= PROBLEM_LIMIT else p[: PROBLEM_LIMIT - len(ELLIPSIS)] + ELLIPSIS for p in problems]
    text = ""
    for shown in range(len(shortened), 0, -1):
        listed = shortened[:shown]
        left_out = len(shortened) - shown
        if left_out:
            listed.append(
                ngettext("and %(count)d more problem", "and %(count)d more problems", left_out) % {"count": left_out}
            )
        text = message % {"problems": "; ".join(listed)}
        if len(text) <= MESSAGE_LIMIT:
            break
    return text


def report_failure_message(exc: BaseException) -> str:
    """A readable message for a failed build, in the active language; the exception's text is never part of it
    (the caller logs the exception with its traceback)."""
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(exc, ReportParamsInvalid):
        return exc.message
    if isinstance(exc, SoftTimeLimitExceeded):
        return _("The report took longer than the time limit (%(seconds)s seconds) and was stopped.") % {
            "seconds": settings.REPORTS_SOFT_TIME_LIMIT
        }
    if isinstance(exc, OperationalError | InterfaceError):
        return _("The database could not be reached while the report was built; please try again later.")
    if isinstance(exc, TemplateDoesNotExist | TemplateSyntaxError):
        return _("The report's layout could not be prepared; it is logged for the administrators.")
    return _("The report could not be built because of an unexpected error; it is logged for the administrators.")
