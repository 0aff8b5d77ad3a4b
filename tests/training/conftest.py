"""Fixtures of the training tests: a certified facilitator record for the `facilitator` persona, a session."""

import pytest

from tests.training.factories import FacilitatorFactory, ModuleFactory, SessionFactory


@pytest.fixture
def module(db):
    return ModuleFactory(title="Advancing Racial Equity")


@pytest.fixture
def facilitator_record(personas, module):
    return FacilitatorFactory(user=personas.facilitator, modules=[module])


@pytest.fixture
def session(module, facilitator_record):
    return SessionFactory(module=module, lead_facilitator=facilitator_record)
