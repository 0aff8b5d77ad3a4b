"""Racial Equity Tool templates in exchange files: export, the round trip, bad templates refused, duplicates by uid."""

import copy
import json
import uuid

import jsonschema
import pytest
from django.urls import reverse

from library.exchange import exchange_parse, exchange_schema
from library.models import Practice
from tests.library.factories import PracticeFactory
from tests.library.test_exchange import _document, _problems, _record, _upload
from tests.tools.factories import full_template, short_template
from tools.exchange import SHIPPED_DIR, SHIPPED_SLUGS, shipped_uid
from tools.models import Question, Step, Template

pytestmark = pytest.mark.django_db


def _template_record(**overrides):
    record = {
        "uid": str(uuid.uuid4()),
        "title": "Budget equity check",
        "description": "Questions for a budget request.",
        "version": 3,
        "steps": [
            {
                "number": 1,
                "title": "Who benefits",
                "intro": "Start with the data.",
                "questions": [
                    {"code": "1.1", "text": "Which groups benefit?", "type": "long_text", "required": True, "order": 1},
                    {
                        "code": "1.2",
                        "text": "Level of engagement",
                        "type": "single_choice",
                        "choices": ["Inform", "Consult", "Involve"],
                        "order": 2,
                    },
                    {
                        "code": "1.3",
                        "text": "Strategies",
                        "type": "table",
                        "columns": [
                            {"key": "strategy", "label": "Strategy", "type": "long_text"},
                            {"key": "lead", "label": "Lead", "type": "choice", "choices": ["Staff", "Partner"]},
                        ],
                        "links_actions": True,
                        "order": 3,
                    },
                ],
            }
        ],
    }
    record.update(overrides)
    return record


def _question(record):
    return record["steps"][0]["questions"]


def _with_question(**changes):
    record = _template_record()
    _question(record)[0].update(changes)
    return record


def _with_column(**changes):
    record = _template_record()
    _question(record)[2]["columns"][1].update(changes)
    return record


def test_shipped_templates_have_stable_uids():
    full = full_template()
    assert full.uid == shipped_uid(slug="gare-full", version=1)
    assert short_template().uid != full.uid


def test_export_includes_the_chosen_published_templates_only(client, personas):
    full = full_template()
    draft = Template.objects.create(name="Draft", slug="draft", status="draft")
    PracticeFactory(title="Alpha")
    client.force_login(personas.equity)
    response = client.get(reverse("library:exchange_export") + f"?template={full.pk}&template={draft.pk}&template=x")
    document = json.loads(response.content)
    jsonschema.validate(document, exchange_schema())
    assert [t["uid"] for t in document["tool_templates"]] == [str(full.uid)]
    exported = document["tool_templates"][0]
    assert exported["title"] == full.name and exported["version"] == 1
    assert sum(len(s["questions"]) for s in exported["steps"]) == Question.objects.filter(step__template=full).count()
    assert [p["title"] for p in document["practices"]] == ["Alpha"]


def test_practice_list_offers_published_templates_to_the_equity_team(client, personas):
    full = full_template()
    PracticeFactory()
    client.force_login(personas.equity)
    response = client.get(reverse("library:practice_list"))
    assert f'name="template" value="{full.pk}"'.encode() in response.content


def test_round_trip_with_practices_and_a_template_into_an_empty_database(client, personas):
    full = full_template()
    PracticeFactory(title="Inclusionary housing", kind="policy")
    PracticeFactory(title="Co-responders", kind="program")
    client.force_login(personas.equity)
    exported = client.get(reverse("library:exchange_export") + f"?template={full.pk}").content

    def shape(template):
        return [
            (
                s.number,
                s.title,
                s.intro,
                [
                    (
                        q.code,
                        q.text,
                        q.help_text,
                        q.type,
                        q.required,
                        q.order,
                        q.choices,
                        q.columns,
                        q.follow_up,
                        q.links_actions,
                    )
                    for q in s.questions.order_by("order", "pk")
                ],
            )
            for s in template.steps.order_by("number")
        ]

    before = shape(full)
    uid, name = full.uid, full.name
    Practice.objects.all().delete()
    Question.objects.all().delete()
    Step.objects.all().delete()
    Template.objects.all().delete()  # the other city's database is empty

    preview = _upload(client, exported)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert sorted(p.title for p in plan.to_create) == ["Co-responders", "Inclusionary housing"]
    assert [t.title for t in plan.templates_to_create] == [name] and plan.template_duplicates == []
    assert b"1 Racial Equity Tool template will be created" in preview.content
    assert name.encode() in preview.content
    assert not Template.objects.exists() and not Practice.objects.exists()  # the preview changes nothing

    client.post(reverse("library:exchange_import_confirm"), {"token": preview.context["token"]})
    assert Practice.objects.count() == 2
    imported = Template.objects.get()
    assert imported.uid == uid and imported.name == name and imported.status == "draft" and imported.version == 1
    assert imported.imported_from and imported.history.exists()
    assert shape(imported) == before

    # The same file again: the template and the practices are duplicates by uid; nothing is offered.
    again = _upload(client, exported).context["plan"]
    assert again.templates_to_create == [] and [t.duplicate_of for t in again.template_duplicates] == [imported]
    assert not again.has_work


def test_a_template_already_here_is_a_duplicate_by_uid_even_renamed(client, personas):
    full = full_template()
    client.force_login(personas.equity)
    record = _template_record(uid=str(full.uid).upper(), title="Another name")
    other = _template_record()
    preview = _upload(client, json.dumps(_document(tool_templates=[record, other])).encode())
    plan = preview.context["plan"]
    assert [t.duplicate_of for t in plan.template_duplicates] == [full]
    assert [t.title for t in plan.templates_to_create] == ["Budget equity check"]
    count = Template.objects.count()
    client.post(reverse("library:exchange_import_confirm"), {"token": preview.context["token"]})
    assert Template.objects.count() == count + 1
    created = Template.objects.get(uid=other["uid"])
    assert created.slug == "budget-equity-check" and created.steps.get().questions.count() == 3


def test_a_new_template_gets_a_short_name_not_used_here(client, personas):
    Template.objects.create(name="Budget equity check", slug="budget-equity-check")
    client.force_login(personas.equity)
    preview = _upload(client, json.dumps(_document(tool_templates=[_template_record()])).encode())
    assert preview.context["plan"].templates_to_create[0].slug == "budget-equity-check-2"


BAD_TEMPLATES = [
    (_with_question(type="essay"), "tool_templates[1].steps[1].questions[1].type: 'essay' is not one of"),
    (_template_record(colour="red"), "tool_templates[1]: unknown field(s): 'colour'"),
    (_with_question(weight=3), "questions[1]: unknown field(s): 'weight'"),
    (_with_column(type="money"), "columns[2].type: 'money' is not one of"),
    (_with_column(choices=[]), "columns[2].choices"),
    (_with_column(key="Bad Key!"), "columns[2].key"),
    (_with_column(colour="red"), "columns[2]: unknown field(s): 'colour'"),
    (_with_question(required="yes"), "questions[1].required: 'yes' is not of type 'boolean'"),
    (_with_question(order=-1), "questions[1].order"),
    (_with_question(choices=["A"]), "only choice questions have choices"),
    (_with_question(type="table"), "a table question needs at least one column"),
    (_with_question(type="multiple_choice"), "a choice question needs at least one choice"),
    (_with_question(code="1.2"), "question number “1.2” is used twice"),
    (_with_question(order=2), "position 2 is used twice"),
    (_template_record(uid="nope"), "tool_templates[1].uid"),
    (_template_record(steps=[]), "tool_templates[1].steps"),
]


@pytest.mark.parametrize(("record", "problem"), BAD_TEMPLATES)
def test_a_bad_template_refuses_the_whole_file_and_creates_nothing(client, personas, record, problem):
    client.force_login(personas.equity)
    templates_before = Template.objects.count()
    response = _upload(client, json.dumps(_document(_record(), tool_templates=[record])).encode())
    problems = _problems(response)
    assert any(problem in p for p in problems), problems
    assert not Practice.objects.exists() and Template.objects.count() == templates_before
    assert "library_import" not in client.session


def test_duplicate_column_keys_and_step_numbers_are_refused(client, personas):
    record = _template_record()
    _question(record)[2]["columns"][1]["key"] = "strategy"
    record["steps"].append(copy.deepcopy(record["steps"][0]) | {"questions": []})
    client.force_login(personas.equity)
    problems = _problems(_upload(client, json.dumps(_document(tool_templates=[record])).encode()))
    assert any("two columns have the key “strategy”" in p for p in problems), problems
    assert any("steps[2].number: step number 1 is used twice" in p for p in problems), problems


def test_shipped_template_files_are_exchange_files_the_library_reads():
    for slug in SHIPPED_SLUGS:
        raw = (SHIPPED_DIR / f"{slug}.json").read_bytes()
        jsonschema.validate(json.loads(raw), exchange_schema())
        assert exchange_parse(raw=raw)["tool_templates"][0]["uid"] == str(shipped_uid(slug=slug, version=1))
