"""The accessibility check itself (tests/browser.py) in real Chromium: it still finds violations now that it asks axe
for violations only. The flawed page is valid HTML (the Nu HTML Checker reads it too), flawed for axe alone."""

import pytest

from tests.browser import assert_accessible

pytestmark = pytest.mark.needs_chromium

FLAWED_PAGE = """<!doctype html><html lang="en"><head><title>Flawed</title></head><body><main>
<h1>A form with flaws</h1><form><input type="text" name="q"></form>
<p style="color: #777; background: #888">Grey on grey</p>
</main></body></html>"""

SOUND_PAGE = """<!doctype html><html lang="en"><head><title>Sound</title></head><body><main>
<h1>A sound form</h1><form><label for="q">Search</label><input id="q" type="text" name="q"></form>
</main></body></html>"""


def test_assert_accessible_fails_on_an_unlabelled_field_and_low_contrast(page):
    page.set_content(FLAWED_PAGE)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "label" in str(failure.value)
    assert "color-contrast" in str(failure.value)


def test_assert_accessible_passes_a_sound_page(page):
    page.set_content(SOUND_PAGE)
    assert_accessible(page)
