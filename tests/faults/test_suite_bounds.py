"""The fault suite's own rule: every fault test carries a time bound, so a lost process cannot hang CI."""

import pytest


@pytest.mark.fault
def test_a_fault_test_without_its_own_timeout_gets_the_suite_bound(request):
    from tests.conftest import FAULT_TEST_TIMEOUT

    marker = request.node.get_closest_marker("timeout")
    assert marker is not None and marker.args == (FAULT_TEST_TIMEOUT,)
