"""The benchmark seeder: city-scale training data is made and then removed exactly, history rows included."""

import pytest

from bench.pages.training import bench_pages
from bench.scale import training as scale
from bench.scale.core import reset_core, seed_core
from tests.training.factories import AttendanceFactory
from training.models import Attendance, Evaluation, Facilitator, Module, Session

pytestmark = pytest.mark.django_db

MODELS = [Attendance, Evaluation, Facilitator, Module, Session]


def _counts() -> dict:
    counts = {m.__name__: m._default_manager.count() for m in MODELS}
    # simple-history adds .history to each model class
    counts.update({f"history {m.__name__}": m.history.count() for m in MODELS})  # type: ignore[attr-defined]
    return counts


def test_scale_seed_and_reset(client, personas):
    AttendanceFactory(user=personas.staff)  # a real record the reset must leave alone
    before = _counts()
    city = seed_core(factor=0.01)
    summary = scale.seed(city)
    assert "sessions" in summary
    assert Session.objects.count() - before["Session"] == 30
    assert Attendance.objects.count() - before["Attendance"] >= 20 * 30
    assert Attendance.history.count() == Attendance.objects.count()
    assert Module.objects.filter(title__startswith=scale.MODULE_PREFIX).count() == 4
    assert Evaluation.objects.exists()
    client.force_login(personas.equity)
    for _label, _username, path in bench_pages():
        assert client.get(path()).status_code == 200
    scale.reset()
    reset_core()
    assert _counts() == before
    assert Attendance.objects.filter(user=personas.staff).exists()
