"""The catalog checks CI runs: every catalog complete and well-formed, `msgfmt --check` passing, every marked string
present, and the rule book catching a broken placeholder, HTML tag, plural form or line break."""

import shutil

import pytest
from django.core.management import call_command
from django.utils import translation

from equity.i18n.catalogs import ReviewState, catalog_path, catalog_status, catalog_statuses
from equity.i18n.checks import entry_problems
from equity.i18n.languages import translated_language_codes


@pytest.fixture(autouse=True)
def _english():
    """The rule book's messages in English, whatever an earlier test on this worker left active."""
    with translation.override("en"):
        yield


def test_every_catalog_is_complete_and_well_formed():
    call_command("catalogs_check")  # raises CommandError listing every problem


@pytest.mark.needs_gettext
def test_every_catalog_passes_msgfmt_check_and_holds_every_marked_string():
    assert shutil.which("msgfmt")
    call_command("catalogs_check", "--source")


def test_the_three_languages_are_fully_translated_and_the_reviewed_share_is_what_the_files_say():
    statuses = {status.language: status for status in catalog_statuses()}
    assert set(statuses) == {"es", "so", "hmn"} == set(translated_language_codes())
    for status in statuses.values():
        assert status.total > 3000
        assert status.translated == status.total and status.translated_share == 100.0
        assert not status.header_problems and status.with_problems == 0
        reviewed = sum(1 for entry in status.entries if entry.state is ReviewState.REVIEWED)
        assert status.reviewed == reviewed and status.reviewed_share == int(1000 * reviewed / status.total) / 10
        assert status.machine + status.reviewed + status.count(ReviewState.DRAFT) == status.total


def test_the_compiled_catalogs_are_the_ones_django_reads():
    for language, sign_in in (("es", "Iniciar sesión"), ("so", None), ("hmn", None)):
        with translation.override(language):
            translated = translation.gettext("Sign in")
        assert translated != "Sign in"
        assert translated == (sign_in or catalog_entry(language, "Sign in"))


def catalog_entry(language: str, msgid: str) -> str:
    return next(entry.translation for entry in catalog_status(language).entries if entry.msgid == msgid)


def test_plural_forms_follow_each_language():
    entry = next(e for e in catalog_status("es").entries if e.msgid == "%(n)s action")
    with translation.override("hmn"):  # Hmong has one form for every number
        assert translation.ngettext(entry.msgid, entry.msgid_plural, 1) == translation.ngettext(
            entry.msgid, entry.msgid_plural, 5
        )
    with translation.override("es"):
        one = translation.ngettext(entry.msgid, entry.msgid_plural, 1) % {"n": 1}
        five = translation.ngettext(entry.msgid, entry.msgid_plural, 5) % {"n": 5}
    assert one == "1 acción" and five == "5 acciones"


@pytest.mark.parametrize(
    ("english", "translation_", "problem"),
    [
        ("Hello %(name)s", "Hola %(nombre)s", "placeholders differ"),
        ("Hello %(name)s", "Hola", "placeholders differ"),
        ("{count} files", "{n} archivos", "placeholders differ"),
        ("<strong>Due</strong> today", "<strong>Vence hoy", "HTML tags differ"),
        ("Line\n", "Línea", "line break"),
    ],
)
def test_the_rule_book_catches_what_breaks_a_page(english, translation_, problem):
    [found] = entry_problems(english, "", translation_, [], 2)
    assert problem in found


def test_the_rule_book_accepts_moved_placeholders_and_translated_attributes():
    assert entry_problems("%(a)s of %(b)s", "", "%(b)s: %(a)s", [], 2) == []
    assert entry_problems('<a title="Open">Open</a>', "", '<a title="Abrir">Abrir</a>', [], 2) == []
    # Not a format string: "90 % confidence" is text (gettext's python-format flag is off).
    assert entry_problems("at 90 % confidence", "", "al 90 % de confianza", [], 2, python_format=False) == []


def test_the_rule_book_checks_plural_forms():
    assert "2 plural forms where the language has 1" in entry_problems("%(n)d day", "%(n)d days", "", ["a", "b"], 1)[0]
    assert entry_problems("%(n)d day", "%(n)d days", "", ["%(n)d hnub"], 1) == []
    assert "leaves out %(n)d" in entry_problems("%(n)d day", "%(n)d days", "", ["un día", "días"], 2)[0]
    assert entry_problems("one day", "%(n)d days", "", ["un día", "%(n)d días"], 2) == []


def test_the_pure_python_compiler_makes_what_django_reads(tmp_path, monkeypatch):
    """Without GNU gettext (a fresh machine), polib compiles the catalogs and Django reads them the same."""
    import gettext
    import shutil as shutil_module

    from equity.i18n.compile import compile_catalogs

    target = tmp_path / "locale" / "so" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil_module.copy(catalog_path("so"), target / "django.po")
    monkeypatch.setattr("equity.i18n.compile.shutil.which", lambda name: None)
    [compiled] = compile_catalogs(tmp_path / "locale")
    catalog = gettext.GNUTranslations(compiled.open("rb"))
    assert catalog.gettext("Sign in") == catalog_entry("so", "Sign in") != "Sign in"
    assert compile_catalogs(tmp_path / "locale") == []  # up to date: nothing compiled again
