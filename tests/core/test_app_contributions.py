"""Apps contribute to shared pages and commands through equity.contributions, in a fixed order, and a lower app's
templates never load a higher app's tags (layers: core <- plans, training <- tools <- library <- public)."""

import re
from importlib import import_module
from pathlib import Path

from equity.contributions import ATTACHMENT_OWNERS, DASHBOARD_PANELS, DEMO_SEEDERS, PAGE_SECTIONS

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
HIGHER_TAGS = {
    "plans": ("tools_", "library_", "public_"),
    "training": ("tools_", "library_", "public_"),
    "tools": ("library_", "public_"),
    "library": ("public_",),
    "equity": ("plans_", "tools_", "training_", "library_", "public_"),
}


def _modules(point, **kwargs) -> list[str]:
    return [func.__module__ for func in point.entries(**kwargs)]


def _apps(point) -> list[str]:
    """The app of each entry: the package just above the contribution module."""
    return [module.split(".")[-2] for module in _modules(point)]


def test_dashboard_panels_come_in_the_apps_order():
    assert _apps(DASHBOARD_PANELS) == ["library", "plans", "tools", "training", "public"]


def test_the_records_that_accept_attachments_are_declared_by_their_apps():
    from equity.evidence.registry import attachment_owners

    assert _apps(ATTACHMENT_OWNERS) == ["plans", "tools", "training"]
    assert list(attachment_owners()) == [
        "plans.action",
        "plans.milestone",
        "plans.progressupdate",
        "tools.assessment",
        "training.session",
    ]


def test_the_records_with_translatable_text_are_declared_by_their_apps():
    from equity.contributions import TRANSLATABLE
    from equity.translations.registry import translatable_records

    assert _apps(TRANSLATABLE) == ["plans", "library"]
    assert list(translatable_records()) == [
        "plans.plan",
        "plans.result",
        "plans.outcome",
        "plans.action",
        "plans.indicator",
        "library.narrativeversion",
        "library.practice",
    ]


def test_demo_seeders_run_in_dependency_order():
    import_module("equity.management.commands.seed_demo")  # the command as it runs (reports' seeder included)
    assert _apps(DEMO_SEEDERS) == ["equity", "plans", "tools", "training", "library", "reports"]


def test_the_action_and_assessment_pages_get_other_apps_sections_from_providers():
    assert _modules(PAGE_SECTIONS, slot="plans.action_detail") == ["tools.sections"]
    assert _modules(PAGE_SECTIONS, slot="plans.action_detail.end") == ["library.sections"]
    assert _modules(PAGE_SECTIONS, slot="tools.assessment_detail.end") == ["library.sections"]


def test_the_plan_report_gets_other_apps_sections_from_the_same_point_as_pages():
    assert _modules(PAGE_SECTIONS, slot="reports.plan_progress") == ["library.sections"]


def test_the_navigation_comes_from_the_apps_in_their_order():
    assert _modules(PAGE_SECTIONS, slot="nav") == [
        "plans.sections",
        "tools.sections",
        "training.sections",
        "library.sections",
        "reports.sections",
        "public.sections",
    ]
    assert _modules(PAGE_SECTIONS, slot="nav.admin") == [
        "plans.sections",
        "tools.sections",
        "training.sections",
        "library.sections",
    ]


def test_the_core_templates_name_no_app():
    core = [TEMPLATES / "base.html", *TEMPLATES.glob("[0-9]*.html"), *(TEMPLATES / "includes").rglob("*.html")]
    core += [*(TEMPLATES / "equity").rglob("*.html"), *(TEMPLATES / "registration").rglob("*.html")]
    apps = r"(plans|tools|training|library|reports|public)"
    offenders = [path.name for path in core if re.search(rf"['\"]{apps}[/:]", path.read_text())]
    assert offenders == []


def test_no_template_loads_a_higher_apps_tags():
    offenders = []
    for folder, prefixes in HIGHER_TAGS.items():
        for path in (TEMPLATES / folder).rglob("*.html"):
            for load in re.findall(r"{%\s*load\s+([^%]+)%}", path.read_text()):
                offenders += [f"{path.name}: {lib}" for lib in load.split() if lib.startswith(prefixes)]
    assert offenders == []
