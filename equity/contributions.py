"""One way for an app to contribute to shared pages and commands, the way Django's admin finds `admin.py`.

Each installed app may hold modules with a known name; the first time a contribution point is asked for its
entries, `autodiscover_modules` imports that module from every app, and the module registers what it offers with
the point's decorator. The core never names a domain app, so it never imports one.

- DASHBOARD_PANELS, module `dashboard.py`: `provider(user) -> list[DashboardPanel]`, used by the dashboard.
- DEMO_SEEDERS, module `demo.py`: `seeder(city: DemoCity) -> None`, used by `manage.py seed_demo`.
- REFERENCE_DATA, module `reference.py`: idempotent `loader() -> None`, used by migrations, seed_demo and tests.
- PAGE_SECTIONS, module `sections.py`: `provider(*, user, obj) -> PageSection | None` per slot, used by views that
  show another app's section (slot "<app>.<page>"), by reports (slot "reports.<kind code>") and by the navigation
  of every page (slot "nav", through `equity.context_processors.portal`; slot "nav.admin", the equity team's Admin
  menu, through the `admin_menu` tag, which renders it once per language: its providers must not depend on the user).
- ATTACHMENT_OWNERS, module `attachments.py`: `provider() -> list[AttachmentOwner]`, the models that accept
  attachments and how to decide who sees and edits them, used by `equity.evidence`.

- TRANSLATABLE, module `translations.py`: `provider() -> list[TranslatableRecord]`, the records whose published text
  staff translate side by side with the English, used by `equity.translations`.

Report kinds use the same mechanism from the `reports` app (`reports.kinds`, module `reports.py`), and kinds of
notification from the core's notifications (`equity.notifications.kinds`, module `notifications.py`).

Usage in an app::

    from equity.contributions import DASHBOARD_PANELS

    @DASHBOARD_PANELS.register(order=20)
    def dashboard_panels(user): ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules


@dataclass
class ContributionPoint:
    """A named place apps contribute to: entries are registered by the apps' `module_name` modules."""

    module_name: str
    _entries: list[tuple[int, str, str, Callable[..., Any]]] = field(default_factory=list)
    _discovered: bool = False

    def register(self, *, order: int = 100, slot: str = "") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator: add a callable at `order` (lower first), optionally to one `slot` of the point."""

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            key = f"{func.__module__}.{func.__qualname__}"
            if not any(existing == key for _order, _slot, existing, _func in self._entries):
                self._entries.append((order, slot, key, func))
                self._entries.sort(key=lambda entry: (entry[0], entry[2]))
            return func

        return decorator

    def discover(self) -> None:
        """Import every installed app's contribution module once."""
        if not self._discovered:
            autodiscover_modules(self.module_name)
            self._discovered = True

    def entries(self, *, slot: str = "") -> list[Callable[..., Any]]:
        """The registered callables for `slot`, in order."""
        self.discover()
        return [func for _order, entry_slot, _key, func in self._entries if entry_slot == slot]


@dataclass(frozen=True)
class PageSection:
    """A part of a page that another app provides: a template and its context."""

    template: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AttachmentOwner:
    """A model whose records accept attachments: `visible(user)` is its `..._for_user` selector (a record outside it
    is a 404), `can_edit(user, obj)` decides who uploads and removes (else 403), `detail_url(obj)` is where its
    attachment list is shown."""

    model: type
    visible: Callable[[Any], Any]
    can_edit: Callable[[Any, Any], bool]
    detail_url: Callable[[Any], str]

    @property
    def key(self) -> str:
        """How URLs name the owner's type: the model's label, e.g. "plans.action"."""
        return self.model._meta.label_lower  # type: ignore[attr-defined]


@dataclass(frozen=True)
class TextPart:
    """One translatable piece of a record's text: `obj` (the record or one of its parts, e.g. a narrative's section)
    holds the English in `field`; `label` names it on the side-by-side page; `html` says the text is sanitised HTML."""

    record_pk: int
    obj: Any
    field: str
    label: str
    html: bool = False
    max_length: int | None = None

    @property
    def english(self) -> str:
        return str(getattr(self.obj, self.field) or "")


@dataclass(frozen=True)
class TranslatableRecord:
    """A model whose published text staff translate (equity.translations): `fields` are its public text fields,
    `visible(user)` its `..._for_user` selector (a record outside it is a 404), `can_edit(user, obj)` who besides the
    equity team may translate it (else 403), `detail_url(obj)` its page. `parts(records)` may list more pieces than
    the record's own fields (a narrative version's sections), in a fixed number of queries; `clean_html(text)`
    sanitises translations of HTML pieces."""

    model: type
    fields: tuple[str, ...]
    visible: Callable[[Any], Any]
    can_edit: Callable[[Any, Any], bool]
    detail_url: Callable[[Any], str]
    parts: Callable[[list[Any]], list[TextPart]] | None = None
    clean_html: Callable[[str], str] | None = None

    @property
    def key(self) -> str:
        """How URLs name the record type: the model's label, e.g. "plans.action"."""
        return self.model._meta.label_lower  # type: ignore[attr-defined]

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()  # type: ignore[attr-defined]


DASHBOARD_PANELS = ContributionPoint("dashboard")
DEMO_SEEDERS = ContributionPoint("demo")
REFERENCE_DATA = ContributionPoint("reference")
PAGE_SECTIONS = ContributionPoint("sections")
ATTACHMENT_OWNERS = ContributionPoint("attachments")
TRANSLATABLE = ContributionPoint("translations")


def page_sections(*, slot: str, user: Any, obj: Any) -> list[PageSection]:
    """The sections other apps add to `slot` of a page about `obj`, for `user` (providers may return None)."""
    sections = (provider(user=user, obj=obj) for provider in PAGE_SECTIONS.entries(slot=slot))
    return [section for section in sections if section is not None]


def ensure_reference_data() -> None:
    """Create every app's reference rows (racial groups, status legend, ...) that are missing; safe to run again."""
    for loader in REFERENCE_DATA.entries():
        loader()
