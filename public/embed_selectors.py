"""Reads of the equity team's embed page: the allowed sites, and the published plans and indicators with the
copy-paste code of their widgets and badges."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from equity.models import User
from public.addresses import page_path
from public.models import EmbedOrigin, Publication
from public.permissions import can_publish
from public.selectors import published

Kind = Publication.Kind
FRAME_HEIGHT = {"city": 640, Kind.PLAN: 420, Kind.INDICATOR: 480}


@dataclass(frozen=True)
class EmbedCode:
    """One widget's copy-paste code (and its badge's, for a plan)."""

    key: str
    title: str
    iframe: str
    badge: str = ""


def embed_origin_list_for_user(*, user: User) -> QuerySet[EmbedOrigin]:
    """The sites allowed to frame the widgets, for the equity team; nothing for anyone else."""
    return EmbedOrigin.objects.all() if can_publish(user) else EmbedOrigin.objects.none()


def _iframe(*, title: str, src: str, height: int) -> str:
    return format_html(
        '<iframe title="{}" src="{}" loading="lazy" width="100%" height="{}" style="border:0"></iframe>',
        title,
        src,
        height,
    )


def embed_codes(*, absolute) -> list[EmbedCode]:
    """The city's widget, then each published plan's and indicator's (two queries). `absolute` turns a path into
    the full address the embedding site needs (request.build_absolute_uri)."""
    codes = [
        EmbedCode(
            key="city",
            title=_("City overview"),
            iframe=_iframe(
                title=_("Racial equity scorecard"),
                src=absolute(reverse("public:embed_city")),
                height=FRAME_HEIGHT["city"],
            ),
        )
    ]
    for kind, url_name in ((Kind.PLAN, "public:embed_plan"), (Kind.INDICATOR, "public:embed_indicator")):
        for publication in published(kind=kind).defer("current__payload").order_by("title", "pk"):
            slug = publication.slug
            badge = ""
            if kind == Kind.PLAN:
                badge = format_html(
                    '<a href="{}"><img alt="{}" src="{}"></a>',
                    absolute(page_path(kind, slug)),
                    _("%(title)s: actions complete") % {"title": publication.title},
                    absolute(reverse("public:badge", kwargs={"slug": slug})),
                )
            codes.append(
                EmbedCode(
                    key=f"{kind}-{slug}",
                    title=publication.title,
                    iframe=_iframe(
                        title=_("%(title)s: scorecard") % {"title": publication.title},
                        src=absolute(reverse(url_name, kwargs={"slug": slug})),
                        height=FRAME_HEIGHT[kind],
                    ),
                    badge=badge,
                )
            )
    return codes
