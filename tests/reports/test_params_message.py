"""The refusal of invalid report parameters is kept short, and visibly so: nothing is cut without saying so (a long
problem ends with an ellipsis, the problems that do not fit are counted)."""

from django.utils import translation

from reports.failures import ELLIPSIS, MESSAGE_LIMIT, PROBLEM_LIMIT, report_params_message

TEMPLATE = "The report's settings are not valid (%(problems)s). Please request the report again."


def _problems_filling(room: int, count: int) -> list[str]:
    """`count` distinct problems that take exactly `room` characters once joined with "; "."""
    total = room - 2 * (count - 1)
    sizes = [total // count] * count
    sizes[-1] += total - sum(sizes)
    assert max(sizes) <= PROBLEM_LIMIT
    return [f"{n}:" + "x" * (size - len(f"{n}:")) for n, size in enumerate(sizes)]


def test_a_message_at_the_limit_is_whole():
    with translation.override("en"):
        problems = _problems_filling(MESSAGE_LIMIT - len(TEMPLATE % {"problems": ""}), count=6)
        message = report_params_message(problems)
    assert len(message) == MESSAGE_LIMIT
    assert message == TEMPLATE % {"problems": "; ".join(problems)}
    assert ELLIPSIS not in message and "more problem" not in message


def test_a_message_over_the_limit_counts_the_problems_left_out():
    with translation.override("en"):
        problems = _problems_filling(MESSAGE_LIMIT - len(TEMPLATE % {"problems": ""}) + 1, count=6)
        message = report_params_message(problems)
    assert len(message) <= MESSAGE_LIMIT
    assert message == TEMPLATE % {"problems": "; ".join([*problems[:5], "and 1 more problem"])}

    many = [f"Field {n}: This field is required." for n in range(100)]
    with translation.override("en"):
        message = report_params_message(many)
    assert len(message) <= MESSAGE_LIMIT
    listed = message.removeprefix(TEMPLATE.split("%")[0]).removesuffix(TEMPLATE.split(")s")[1]).split("; ")
    shown = listed[:-1]
    assert shown == many[: len(shown)] and len(shown) > 10
    assert listed[-1] == f"and {len(many) - len(shown)} more problems"


def test_a_long_problem_ends_with_an_ellipsis():
    quoted = "Reporting period: Select a valid choice. " + "9" * 5000 + " is not one of the available choices."
    with translation.override("en"):
        message = report_params_message([quoted, "Participant: This field is required."])
    assert len(message) <= MESSAGE_LIMIT
    shortened = quoted[: PROBLEM_LIMIT - len(ELLIPSIS)] + ELLIPSIS
    assert message == TEMPLATE % {"problems": f"{shortened}; Participant: This field is required."}
