"""Answer validation for each question type."""

import pytest
from django.core.exceptions import ValidationError

from tools.answer_rules import TamperedAnswer, answer_clean, is_answered
from tools.models import Question

COLUMNS = [
    {"key": "group", "label": "Group", "type": "choice", "choices": ["Asian", "White"]},
    {"key": "value", "label": "Value", "type": "number"},
    {"key": "when", "label": "Date", "type": "date"},
    {"key": "note", "label": "Note", "type": "text"},
]


def q(type_, **kw):
    return Question(type=type_, code="1", text="Q", **kw)


def test_answer_long_text_is_trimmed_and_capped():
    assert answer_clean(question=q("long_text"), raw="  hello\r\nworld ") == "hello\nworld"
    with pytest.raises(ValidationError, match="10001 characters long; the limit is 10000"):
        answer_clean(question=q("long_text"), raw="x" * 10001)


def test_answer_short_text_cap():
    assert answer_clean(question=q("short_text"), raw="x" * 300) == "x" * 300
    with pytest.raises(ValidationError, match="limit is 300"):
        answer_clean(question=q("short_text"), raw="x" * 301)


@pytest.mark.parametrize(("raw", "stored"), [("1250", "1250"), ("1,250.50", "1250.50"), ("-3", "-3"), ("", "")])
def test_answer_number_accepts_numbers(raw, stored):
    assert answer_clean(question=q("number"), raw=raw) == stored


@pytest.mark.parametrize("raw", ["twelve", "1e999", "NaN", "Infinity", "12..5"])
def test_answer_number_refuses_non_numbers(raw):
    with pytest.raises(ValidationError, match="must be a number"):
        answer_clean(question=q("number"), raw=raw)


def test_answer_date_must_be_real():
    assert answer_clean(question=q("date"), raw="2026-02-28") == "2026-02-28"
    with pytest.raises(ValidationError, match="real date"):
        answer_clean(question=q("date"), raw="2026-02-30")
    with pytest.raises(ValidationError, match="between the years"):
        answer_clean(question=q("date"), raw="0900-01-01")


def test_answer_single_choice_only_from_list():
    question = q("single_choice", choices=["Increase", "Decrease"])
    assert answer_clean(question=question, raw="Increase") == "Increase"
    with pytest.raises(TamperedAnswer):
        answer_clean(question=question, raw="Hack")


def test_answer_multiple_choice_keeps_template_order_and_refuses_others():
    question = q("multiple_choice", choices=["A", "B", "C"])
    assert answer_clean(question=question, raw=["C", "A"]) == ["A", "C"]
    with pytest.raises(TamperedAnswer):
        answer_clean(question=question, raw=["A", "Z"])
    with pytest.raises(TamperedAnswer):
        answer_clean(question=question, raw="A")


def test_answer_yes_no_keeps_follow_up_only_for_no():
    question = q("yes_no", follow_up="What is needed?")
    assert answer_clean(question=question, raw={"answer": "yes", "follow_up": "x"}) == {
        "answer": "yes",
        "follow_up": "",
    }
    value = answer_clean(question=question, raw={"answer": "no", "follow_up": "Two staff"})
    assert value == {"answer": "no", "follow_up": "Two staff"}
    with pytest.raises(TamperedAnswer):
        answer_clean(question=question, raw={"answer": "maybe"})
    assert not is_answered(question=question, value={"answer": "no", "follow_up": ""})
    assert is_answered(question=question, value=value)


def test_answer_table_cells_checked_by_column_type():
    question = q("table", columns=COLUMNS)
    rows = [
        {"group": "Asian", "value": "12.5", "when": "2025-06-01", "note": "ACS"},
        {"group": "", "value": "", "when": "", "note": ""},
    ]
    assert answer_clean(question=question, raw=rows) == [
        {"group": "Asian", "value": "12.5", "when": "2025-06-01", "note": "ACS"}
    ]
    with pytest.raises(ValidationError, match="Value must contain a number"):
        answer_clean(question=question, raw=[{"value": "lots"}])
    with pytest.raises(ValidationError, match="Date must be a real date"):
        answer_clean(question=question, raw=[{"when": "yesterday"}])
    with pytest.raises(ValidationError, match="Note is 501 characters"):
        answer_clean(question=question, raw=[{"note": "x" * 501}])


def test_answer_table_tampering_refused():
    question = q("table", columns=COLUMNS)
    with pytest.raises(TamperedAnswer):
        answer_clean(question=question, raw=[{"group": "Martian"}])
    with pytest.raises(TamperedAnswer):
        answer_clean(question=question, raw=[{"secret": "x"}])
    with pytest.raises(TamperedAnswer):
        answer_clean(question=question, raw=[{}] * 201)


def test_answer_wrong_shape_is_tampering():
    with pytest.raises(TamperedAnswer):
        answer_clean(question=q("long_text"), raw=["list"])
