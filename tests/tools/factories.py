"""Factories for the tools app: assessments on the shipped templates."""

import factory

from tests.factories import DepartmentFactory, UserFactory
from tools.models import Assessment, Template
from tools.services.template_exchange import shipped_templates_ensure


def shipped(slug: str) -> Template:
    """A shipped template; reloaded after transactional tests flush the data migration's rows."""
    shipped_templates_ensure()
    return Template.objects.get(slug=slug, version=1)


def current_template(slug: str) -> Template:
    """The newest published version of a shipped template: the one a new worksheet starts on."""
    shipped_templates_ensure()
    return Template.objects.filter(slug=slug, status=Template.Status.PUBLISHED).latest("version")


def full_template() -> Template:
    return shipped("gare-full")


def short_template() -> Template:
    return shipped("short-form")


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    template = factory.LazyFunction(short_template)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    decision_type = Assessment.DecisionType.POLICY
    department = factory.SubFactory(DepartmentFactory)
    lead = factory.SubFactory(UserFactory)

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if create and extracted:
            self.team.set(extracted)
