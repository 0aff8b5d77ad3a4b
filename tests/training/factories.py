"""factory_boy factories for training records."""

from datetime import time
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import UserFactory
from training.models import Attendance, Facilitator, Module, Session
from training.rollup import completion_rollup_refresh


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    title = factory.Sequence(lambda n: f"Module {n}")
    tier = Module.Tier.FOUNDATIONAL
    required_for = Module.RequiredFor.ALL_STAFF
    hours = Decimal("2.00")


class FacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitator
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, is_facilitator=True)

    @factory.post_generation
    def modules(self, create, extracted, **kwargs):
        if create and extracted:
            self.modules.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    module = factory.SubFactory(ModuleFactory)
    date = factory.LazyFunction(timezone.localdate)
    start_time = time(9, 0)
    end_time = time(11, 0)
    hours_credited = Decimal("2.00")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)
    status = Attendance.Status.ATTENDED
    minutes = 120
    completed = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        attendance = super()._create(model_class, *args, **kwargs)
        # As every service that writes attendance does, keep the completion roll-up in step.
        completion_rollup_refresh(user_ids=[attendance.user_id])
        return attendance
