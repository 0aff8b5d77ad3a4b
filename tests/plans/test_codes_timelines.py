"""Pure tests: the reference-code sort key and the timeline parser (plans.codes, plans.timelines)."""

from datetime import date

import pytest

from plans.codes import CodeError, clean_code, code_sort_key
from plans.timelines import TimelineError, parse_timeline


def test_codes_sort_in_natural_order():
    codes = ["1.10", "A-4", "1.9", "2", "1.3.2", "1", "10", "1.A", "1.2", ""]
    assert sorted(codes, key=code_sort_key) == ["1", "1.2", "1.3.2", "1.9", "1.10", "1.A", "2", "10", "A-4", ""]


def test_code_sort_key_ignores_case_separators_and_leading_zeros():
    assert code_sort_key("a-4") == code_sort_key("A.4") == code_sort_key("A.04")
    assert code_sort_key("1.9") < code_sort_key("1.10") < code_sort_key("1.10.1") < code_sort_key("1.11")


def test_clean_code_strips_and_refuses_what_it_cannot_store():
    assert clean_code("  1.3.2 ") == "1.3.2" and clean_code("") == "" and clean_code(None) == ""
    with pytest.raises(CodeError, match="at most 20 characters"):
        clean_code("1" * 21)
    with pytest.raises(CodeError, match="letters, digits"):
        clean_code("1.3 <b>")
    with pytest.raises(CodeError):
        clean_code(".1")


@pytest.mark.parametrize(
    ("written", "shown", "start", "end"),
    [
        ("2021", "2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("2021–22", "2021–22", date(2021, 1, 1), date(2022, 12, 31)),  # en dash
        ("2021-2022", "2021–22", date(2021, 1, 1), date(2022, 12, 31)),
        ("2021 — 2023", "2021–23", date(2021, 1, 1), date(2023, 12, 31)),
        ("1999-2001", "1999–2001", date(1999, 1, 1), date(2001, 12, 31)),
        ("FY2023", "FY2023", date(2022, 7, 1), date(2023, 6, 30)),
        ("FY23", "FY2023", date(2022, 7, 1), date(2023, 6, 30)),
        ("fy 2023", "FY2023", date(2022, 7, 1), date(2023, 6, 30)),
        ("FY2023-FY2025", "FY2023–25", date(2022, 7, 1), date(2025, 6, 30)),
        ("FY2023 Q2", "FY2023 Q2", date(2022, 10, 1), date(2022, 12, 31)),
        ("Q2 FY2023", "FY2023 Q2", date(2022, 10, 1), date(2022, 12, 31)),
        ("FY2023 Q1–Q4", "FY2023 Q1–Q4", date(2022, 7, 1), date(2023, 6, 30)),
        ("Q3 2024", "2024 Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024Q1", "2024 Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024 Q1–Q3", "2024 Q1–Q3", date(2024, 1, 1), date(2024, 9, 30)),
        ("2024 Q1-3", "2024 Q1–Q3", date(2024, 1, 1), date(2024, 9, 30)),
        ("Ongoing", "Ongoing", None, None),
        ("  ONGOING ", "Ongoing", None, None),
    ],
)
def test_timelines_are_parsed_and_shown_as_written(written, shown, start, end):
    timeline = parse_timeline(written)
    assert timeline is not None
    assert (timeline.text, timeline.start, timeline.end) == (shown, start, end)


def test_empty_timeline_is_none():
    assert parse_timeline("") is None and parse_timeline(None) is None and parse_timeline("   ") is None


def test_fiscal_year_follows_the_start_month_setting(settings):
    settings.PLANS_FISCAL_YEAR_START_MONTH = 10
    timeline = parse_timeline("FY2024 Q1")
    assert timeline is not None and (timeline.start, timeline.end) == (date(2023, 10, 1), date(2023, 12, 31))
    settings.PLANS_FISCAL_YEAR_START_MONTH = 1
    timeline = parse_timeline("FY2024")
    assert timeline is not None and (timeline.start, timeline.end) == (date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("soon", "Write a year (2021), years (2021–22), a fiscal year (FY2023)"),
        ("2024 Q5", "Write a year"),
        ("2022-2021", "A range must end on or after its start."),
        ("2024 Q3-Q1", "A range must end on or after its start."),
        ("3000", "Years must be between 1900 and 2100."),
        ("FY2023 " + "x" * 40, "at most 40 characters"),
    ],
)
def test_bad_timelines_say_what_is_accepted(written, message):
    with pytest.raises(TimelineError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_timeline(written)
