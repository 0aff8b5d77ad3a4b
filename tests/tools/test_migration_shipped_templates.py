"""Migrations 0002 (shipped templates), 0006 (template uids) and 0008 (version 2 of shipped templates) write to the
database being migrated (on a scratch database, tests/migrations.py; the worker's database is refused, so a write
through the default manager fails). One chain, migrated forward once, checked at each step."""

import uuid

import pytest

from tools.exchange import SHIPPED_SLUGS, SHIPPED_VERSIONS, shipped_template_record, shipped_uid

pytestmark = pytest.mark.django_db(databases=[])  # the scratch database only; the worker's is refused


def _questions(apps, using, template) -> int:
    return apps.get_model("tools", "Question").objects.using(using).filter(step__template=template).count()


def _expected_questions(slug: str, version: int) -> int:
    return sum(len(step["questions"]) for step in shipped_template_record(slug=slug, version=version)["steps"])


def test_shipped_templates_and_their_uids_are_written_to_the_migrated_database(scratch_db):
    using = scratch_db.alias
    old = scratch_db.migrate([("tools", "0005_assessment_list_indexes")])  # after 0002, before the uids
    templates = old.get_model("tools", "Template").objects.using(using)
    assert sorted(templates.values_list("slug", "version", "status")) == sorted(
        (slug, 1, "published") for slug in SHIPPED_SLUGS
    )
    for template in templates.all():
        assert _questions(old, using, template) == _expected_questions(template.slug, 1) > 0
    own = templates.create(name="Our own", slug="our-own", version=1, status="draft")

    uids = scratch_db.migrate([("tools", "0006_template_uid")])
    templates = uids.get_model("tools", "Template").objects.using(using)
    for slug in SHIPPED_SLUGS:
        assert templates.get(slug=slug, version=1).uid == shipped_uid(slug=slug, version=1)
    own_uid = templates.get(pk=own.pk).uid
    assert isinstance(own_uid, uuid.UUID) and own_uid not in {shipped_uid(slug=s, version=1) for s in SHIPPED_SLUGS}

    new = scratch_db.migrate([("tools", "0008_question_follow_up_on")])
    templates = new.get_model("tools", "Template").objects.using(using)
    later = {(slug, version) for slug, latest in SHIPPED_VERSIONS.items() for version in range(2, latest + 1)}
    assert later  # the shipped files have a version 2 for 0008 to create
    for slug, version in later:
        template = templates.get(slug=slug, version=version)
        assert (template.status, template.uid) == ("published", shipped_uid(slug=slug, version=version))
        assert _questions(new, using, template) == _expected_questions(slug, version)
    assert templates.count() == len(SHIPPED_SLUGS) + len(later) + 1
