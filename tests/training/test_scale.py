"""The benchmark seeder: city-scale training data is made and then removed exactly."""

import pytest

from equity.scale import reset_core, seed_core
from training import scale
from training.bench import bench_pages
from training.models import Attendance, Facilitator, Module, Session

pytestmark = pytest.mark.django_db


def test_scale_seed_and_reset(client, personas):
    city = seed_core(factor=0.01)
    summary = scale.seed(city)
    assert "sessions" in summary
    assert Session.objects.count() == 10 and Attendance.objects.count() >= 100
    assert Module.objects.filter(title__startswith=scale.MODULE_PREFIX).count() == 3
    client.force_login(personas.equity)
    for _label, _username, path in bench_pages():
        assert client.get(path()).status_code == 200
    scale.reset()
    reset_core()
    assert not Session.objects.exists() and not Attendance.objects.exists()
    assert not Facilitator.objects.exists() and not Module.objects.exists()
    assert not Attendance.history.exists() and not Session.history.exists()
