"""Property-based checks of filters, search boxes and forms: hostile text never gives a 500, a refused form says
why, and nothing is saved (tests/db_state.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.forms import BaseForm, BaseFormSet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.db_state import nothing_saved

FRAGMENTS = [
    "' OR 1=1 --", "\"; DROP TABLE equity_user; --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "%", "_", "\\", "\x00", "' UNION SELECT password FROM equity_user --", "../../etc/passwd", "{{ 7*7 }}",
    "${jndi:ldap://x}", "NaN", "-1", "9" * 40, "1e308", "2026-02-30", "😀🏳️‍🌈", "\u202etxt.exe", "ǅǈ", "ß" * 300,
]  # fmt: skip


def hostile_text() -> st.SearchStrategy[str]:
    """Arbitrary, very long, odd-Unicode, SQL and HTML text, as a person or an attacker could type it."""
    return st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(max_size=50),
        st.text(min_size=1000, max_size=5000),
        st.text(alphabet=st.characters(categories=["Cc", "Cf", "Co", "Mn", "So", "Zs"]), max_size=40),
    ).map(lambda s: s.replace("\x00", ""))  # Django refuses NUL in query strings with a clear 400 already


def row_counts(labels: Iterable[str] | None = None) -> dict[str, int]:
    """Row counts of every model (or of the given 'app.Model' labels); `nothing_saved` is the stronger check."""
    models = [apps.get_model(label) for label in labels] if labels else apps.get_models()
    return {m._meta.label: m._default_manager.count() for m in models}


def form_errors(response) -> list:
    """The errors of every form and formset the response's templates were given, and the page-level errors a view
    shows in the same error summary (a context list named `..._errors`: the services' messages about a roster or
    the rows of an upload)."""
    contexts = response.context if isinstance(response.context, list) else [response.context]
    found: list[object] = []
    for context in filter(None, contexts):
        for name, value in context.flatten().items():
            if isinstance(value, BaseForm) and value.is_bound and value.errors:
                found.append(value.errors)
            elif isinstance(value, BaseFormSet) and value.is_bound and value.total_error_count():
                found.append(value.errors)
            elif name.endswith("_errors") and isinstance(value, list) and value:
                found.append(value)
    return found


def assert_never_fails(response) -> None:
    """A normal page or a clear client error, never a server error."""
    assert response.status_code < 500, f"{response.status_code} for {response.request}"


FORM_FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large, HealthCheck.too_slow],
)


def assert_form_refuses_hostile_text(
    client, url: str, *, fields: Iterable[str], invalid: tuple[str, str], models: list[str], refused=(200, 400)
) -> None:
    """Post hostile text in every field plus one value that can never be valid: the post is refused (a status in
    `refused`), never a 500, the form shows what is wrong, and no row of `models` (or of any table when `models`
    is empty) is added, changed or removed."""

    @FORM_FUZZ
    @given(values=st.fixed_dictionaries({field: hostile_text() for field in fields}))
    def check(values):
        with nothing_saved(models or None):
            response = client.post(url, {**values, invalid[0]: invalid[1]})
        assert_never_fails(response)
        assert response.status_code in refused, "an invalid post is never accepted"
        if response.status_code in (200, 400):
            assert form_errors(response), "a refused form says what is wrong"

    check()
