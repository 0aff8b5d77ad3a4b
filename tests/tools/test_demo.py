"""The demo worksheets: realistic, complete where they should be, and idempotent."""

import pytest

from equity.demo import seed_core
from tools import demo
from tools.models import Answer, Assessment, Question, Transition

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_complete():
    city = seed_core()
    demo.seed(city)
    counts = (Assessment.objects.count(), Answer.objects.count(), Transition.objects.count())
    demo.seed(city)
    assert (Assessment.objects.count(), Answer.objects.count(), Transition.objects.count()) == counts
    statuses = dict(Assessment.objects.values_list("title", "status"))
    assert sorted(statuses.values()) == ["completed", "draft", "in_review"]
    done = Assessment.objects.get(status="completed")
    questions = Question.objects.filter(step__template=done.template)
    assert done.answers.count() == questions.count()
    assert done.answers.filter(question__type="table").count() == questions.filter(type="table").count()
    assert done.reviews.get().decision == "approved"
