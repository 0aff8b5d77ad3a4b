"""The shipped worksheet templates: exchange files in tools/shipped/, loaded by the importer the library uses."""

import json

import pytest
from django.apps import apps

from tools.exchange import (
    FORMAT,
    SCHEMA_VERSION,
    SHIPPED_DIR,
    SHIPPED_SLUGS,
    SHIPPED_VERSIONS,
    ExchangeError,
    shipped_path,
    shipped_uid,
    template_document_check,
    templates_for_export,
)
from tools.models import Question, Step, Template
from tools.services.template_exchange import TemplateModels, shipped_templates_ensure

pytestmark = pytest.mark.django_db

# What tools/shipped_templates.py (the Python data these files were generated from) produced: steps, questions.
EXPECTED_COUNTS = {"gare-full": (6, 37), "short-form": (6, 6), "budget-decision": (6, 13)}


def _shipped(slug: str) -> Template:
    return Template.objects.get(slug=slug, version=1)


def test_every_shipped_file_is_listed():
    listed = [shipped_path(slug=s, version=v) for s, n in SHIPPED_VERSIONS.items() for v in range(1, n + 1)]
    assert sorted(SHIPPED_DIR.glob("*.json")) == sorted(listed)


def test_version_2_fixes_the_columns_and_follow_ups_the_prompts_promise():
    shipped_templates_ensure()
    full = Template.objects.get(slug="gare-full", version=2)
    assert full.uid == shipped_uid(slug="gare-full", version=2) and full.status == Template.Status.PUBLISHED
    questions = {q.code: q for q in Question.objects.filter(step__template=full)}
    data = questions["2.3"]
    assert "notes" in data.help_text and [c["key"] for c in data.columns][-1] == "notes"
    assert [c["type"] for c in questions["4.2"].columns][0] == "group"
    assert [c["type"] for c in questions["3.2"].columns][1] == "group"
    # "If not citywide, which neighborhoods…" follows up a Yes; "What must change?" a No.
    assert questions["2.1"].follow_up_on == "yes" and questions["4.7"].follow_up_on == "no"
    budget = Template.objects.get(slug="budget-decision", version=2)
    assert Question.objects.get(step__template=budget, code="4.1").columns[0]["type"] == "group"
    # Version 1 is untouched: its assessments keep the questions they answered.
    old = Question.objects.get(step__template__slug="gare-full", step__template__version=1, code="2.3")
    assert [c["key"] for c in old.columns] == ["indicator", "group", "value", "year", "source"]


def test_shipped_templates_have_the_steps_and_questions_of_the_old_module():
    shipped_templates_ensure()
    for slug, (steps, questions) in EXPECTED_COUNTS.items():
        template = _shipped(slug)
        assert template.status == Template.Status.PUBLISHED
        assert template.uid == shipped_uid(slug=slug, version=1)
        assert template.steps.count() == steps
        assert Question.objects.filter(step__template=template).count() == questions
    full = _shipped("gare-full")
    assert list(full.steps.order_by("number").values_list("title", flat=True))[0] == "Proposal and desired results"
    statement = Question.objects.get(step__template=full, code="1.2")
    assert statement.text == (
        "What community-level condition of well-being should exist for everyone? "
        "Write a plain-language results statement."
    )
    assert statement.help_text == "For example: all residents have stable, affordable housing."
    assert statement.required and statement.order == 2
    budget = _shipped("budget-decision")
    kind = Question.objects.get(step__template=budget, code="1.3")
    assert kind.type == "single_choice"
    assert kind.choices == ["New investment", "Service increase", "Reduction", "Mandated", "Basic service"]
    table = Question.objects.get(step__template=budget, code="2.1")
    assert [c["key"] for c in table.columns] == ["community", "group", "current", "proposed"]
    assert table.columns[1]["type"] == "choice" and table.columns[1]["choices"][-1] == "All residents"
    staffed = Question.objects.get(step__template=budget, code="5.2")
    assert staffed.follow_up == "What is needed?" and not staffed.required
    short = _shipped("short-form")
    assert Question.objects.get(step__template=short, code="4").text == (
        "Who benefits, who is burdened, and what are the strategies to advance equity or mitigate harm?"
    )


def test_ensuring_twice_creates_nothing_more():
    shipped_templates_ensure()
    counts = (Template.objects.count(), Step.objects.count(), Question.objects.count())
    assert shipped_templates_ensure() == 0
    assert (Template.objects.count(), Step.objects.count(), Question.objects.count()) == counts


def test_a_missing_shipped_template_is_created_again():
    Template.objects.filter(slug="short-form").delete()
    assert shipped_templates_ensure(models=TemplateModels.from_apps(apps)) == 1
    assert _shipped("short-form").steps.count() == 6


def test_a_bad_template_document_is_refused_with_every_problem():
    document = json.loads((SHIPPED_DIR / "short-form.json").read_text(encoding="utf-8"))
    document["tool_templates"][0]["steps"][0]["questions"][0]["type"] = "single_choice"
    del document["tool_templates"][0]["title"]
    with pytest.raises(ExchangeError) as refused:
        template_document_check(document=document)
    assert refused.value.problems == [
        "tool_templates[1]: 'title' is missing",
        "tool_templates[1].steps[1].questions[1].choices: a choice question needs at least one choice",
    ]


def test_reference_data_brings_back_the_shipped_templates():
    from equity.contributions import ensure_reference_data

    Template.objects.filter(slug__in=SHIPPED_SLUGS).delete()
    ensure_reference_data()
    assert set(Template.objects.filter(version=1).values_list("slug", flat=True)) >= set(SHIPPED_SLUGS)


def test_version_2_exports_follow_up_on_and_group_columns_and_reads_back():
    shipped_templates_ensure()
    (record,) = templates_for_export(templates=Template.objects.filter(slug="gare-full", version=2))
    questions = {q["code"]: q for s in record["steps"] for q in s["questions"]}
    assert questions["2.1"]["follow_up_on"] == "yes" and "follow_up_on" not in questions["4.7"]
    assert questions["4.2"]["columns"][0] == {"key": "group", "label": "Affected group", "type": "group"}
    document = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "tool_templates": [record]}
    assert template_document_check(document=document) == [record]
    questions["1.1"]["follow_up_on"] = "yes"
    with pytest.raises(ExchangeError, match="only yes/no questions have a follow-up"):
        template_document_check(document=document)
