"""Fixtures of the library app's tests."""

import pytest

from library.services.areas import equity_areas_ensure


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Attachments are written to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _equity_areas(request):
    """Restore the equity areas of migration 0002: transactional (browser) tests flush every table after them. A test
    that asks for no database of the worker's (`databases=[]`: a data migration's, on a scratch database) gets none."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or marker.kwargs.get("databases") == []:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    equity_areas_ensure()
