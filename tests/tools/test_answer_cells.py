"""Answer rules for real-shaped table cells, Not stated answers, group columns and follow-ups for the right answer."""

import pytest
from django.core.exceptions import ValidationError

from tools.answer_rules import TamperedAnswer, answer_clean, is_answered
from tools.forms import QuestionForm
from tools.models import Question

GROUPS = ["Black or African American", "Hispanic or Latino", "White"]
COLUMNS = [
    {"key": "group", "label": "Affected group", "type": "group"},
    {"key": "value", "label": "Value", "type": "number"},
    {"key": "years", "label": "Years", "type": "number"},
    {"key": "when", "label": "Date", "type": "date"},
    {"key": "notes", "label": "Notes", "type": "long_text"},
]


def q(type_, **kw):
    return Question(type=type_, code="1", text="Q", **kw)


def clean_rows(rows):
    return answer_clean(question=q("table", columns=COLUMNS), raw=rows, groups=GROUPS)


def test_number_cells_keep_the_text_as_typed():
    rows = [
        {"value": "20 %", "years": "2012\u20132016"},
        {"value": "about 400", "years": "2019"},
        {"value": "  $3.2 million ", "years": "12.5\u201314%"},
        {"value": "1,250"},
    ]
    assert [r["value"] for r in clean_rows(rows)] == ["20 %", "about 400", "$3.2 million", "1,250"]
    assert clean_rows(rows)[0]["years"] == "2012\u20132016"


def test_stored_plain_numbers_are_still_valid():
    assert clean_rows([{"value": "1250", "years": "-12.5"}])[0]["value"] == "1250"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "Value must contain a number"),
        ("x" * 95 + " 12345", "Value is 101 characters long; the limit is 100"),
        ("1e999", "below one quadrillion"),
        ("2000000000000000", "below one quadrillion"),
    ],
)
def test_bad_number_cells_are_explained(typed, message):
    with pytest.raises(ValidationError, match=message):
        clean_rows([{"value": typed}])


def test_every_cell_can_be_marked_not_stated():
    rows = clean_rows([{c["key"]: {"not_stated": True} for c in COLUMNS}])
    assert rows == [{c["key"]: {"not_stated": True} for c in COLUMNS}]
    # Typing the words in a number, text or group cell means the same.
    assert clean_rows([{"value": "Not stated", "group": "unknown"}])[0]["value"] == {"not_stated": True}
    assert clean_rows([{"value": "Not stated", "group": "unknown"}])[0]["group"] == {"not_stated": True}


def test_a_forged_cell_value_is_tampering():
    for bad in [{"not_stated": False}, {"not_stated": True, "x": 1}, {"kind": "listed", "name": "White"}, 12]:
        with pytest.raises(TamperedAnswer):
            clean_rows([{"value": bad}])


def test_group_cells_say_whether_the_group_is_on_the_city_list():
    rows = clean_rows(
        [
            {"group": "  black or african  american "},
            {"group": "Community organisations  historically not funded"},
        ]
    )
    assert rows[0]["group"] == {"kind": "listed", "name": "Black or African American"}
    assert rows[1]["group"] == {"kind": "other", "name": "Community organisations historically not funded"}
    with pytest.raises(ValidationError, match="limit is 200"):
        clean_rows([{"group": "x" * 201}])


def test_yes_no_can_be_not_stated_and_counts_as_answered():
    question = q("yes_no", follow_up="What is needed?")
    value = answer_clean(question=question, raw={"answer": "not_stated", "follow_up": "ignored"})
    assert value == {"answer": "not_stated", "follow_up": ""}
    assert is_answered(question=question, value=value)


def test_follow_up_kept_only_for_the_answer_it_follows_up():
    areas = q("yes_no", follow_up="Which neighborhoods?", follow_up_on="yes")
    kept = answer_clean(question=areas, raw={"answer": "yes", "follow_up": "Phillips, Cedar-Riverside"})
    assert kept == {"answer": "yes", "follow_up": "Phillips, Cedar-Riverside"}
    assert answer_clean(question=areas, raw={"answer": "no", "follow_up": "x"})["follow_up"] == ""
    assert not is_answered(question=areas, value={"answer": "yes", "follow_up": ""})
    assert is_answered(question=areas, value={"answer": "no", "follow_up": ""})
    either = q("yes_no", follow_up="Why?", follow_up_on="either")
    assert answer_clean(question=either, raw={"answer": "no", "follow_up": "Cost"})["follow_up"] == "Cost"
    assert answer_clean(question=either, raw={"answer": "yes", "follow_up": "Cost"})["follow_up"] == "Cost"
    assert answer_clean(question=either, raw={"answer": "not_stated", "follow_up": "Cost"})["follow_up"] == ""
    # A question without follow-up text needs none, whatever the answer.
    assert is_answered(question=q("yes_no"), value={"answer": "no", "follow_up": ""})


def test_template_editor_offers_group_columns_and_follow_up_on():
    data = {"code": "4.2", "text": "Benefit and burden matrix", "type": "table", "follow_up_on": ""}
    form = QuestionForm(data={**data, "columns_text": "Affected group | group\nLikely benefits | text"})
    assert form.is_valid(), form.errors
    fields = form.service_fields()
    assert fields["columns"][0] == {"key": "affected_group", "label": "Affected group", "type": "group"}
    assert fields["follow_up_on"] == "no"
    yes_no = {"code": "2.1", "text": "Particular areas?", "type": "yes_no", "follow_up": "Which?"}
    form = QuestionForm(data={**yes_no, "follow_up_on": "yes"})
    assert form.is_valid() and form.service_fields()["follow_up_on"] == "yes"
    assert not QuestionForm(data={**yes_no, "follow_up_on": "maybe"}).is_valid()
