"""Factories for the tools app: assessments on the shipped templates."""

import factory

from tests.factories import DepartmentFactory, UserFactory
from tools.models import Assessment, Template


def full_template() -> Template:
    return Template.objects.get(slug="gare-full", version=1)


def short_template() -> Template:
    return Template.objects.get(slug="short-form", version=1)


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
