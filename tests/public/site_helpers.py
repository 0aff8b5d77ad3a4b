"""Publishing the demo for the public pages' tests: the citywide plan, the indicators, the narrative and the
reviewed practices. Publishing runs its on-commit work (the new cache generation) as a real commit would."""

from __future__ import annotations

from django.test import TestCase

from library.models import Narrative, Practice
from plans.models import Indicator, Plan
from public.models import Publication
from public.services import publish, unpublish


def citywide() -> Plan:
    return Plan.objects.get(title__startswith="Citywide")


def survey() -> Indicator:
    return Indicator.objects.get(name__startswith="Residents who trust")


def publish_demo(author, *, show_people: bool = False) -> dict[str, Publication]:
    """Publish the demo's plan, every indicator, the narrative and the first reviewed practices; the publications by
    role ("plan", "survey", "narrative", "practice", "indicator:<pk>")."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        out = {"plan": publish(author=author, record=citywide(), show_people=show_people).publication}
        for indicator in Indicator.objects.order_by("pk"):
            out[f"indicator:{indicator.pk}"] = publish(author=author, record=indicator).publication
        out["narrative"] = publish(author=author, record=Narrative.objects.get()).publication
        for practice in Practice.objects.filter(review_state=Practice.Review.PUBLISHED).order_by("pk")[:3]:
            out.setdefault("practice", publish(author=author, record=practice).publication)
    out["survey"] = Publication.objects.get(kind="indicator", object_id=survey().pk)
    return out


def republish(author, publication: Publication, *, note: str = "") -> Publication:
    """Publish `publication`'s record again (a new snapshot)."""
    models: dict[str, type[Plan | Indicator | Narrative | Practice]] = {
        "plan": Plan,
        "indicator": Indicator,
        "narrative": Narrative,
        "practice": Practice,
    }
    record = models[publication.kind]._default_manager
    with TestCase.captureOnCommitCallbacks(execute=True):
        publish(
            author=author,
            record=record.get(pk=publication.object_id),
            version=publication.version,
            note=note,
            show_people=publication.show_people,
        )
    publication.refresh_from_db()
    return publication


def take_down(author, publication: Publication) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        unpublish(author=author, publication=publication)


def public_urls(pubs: dict[str, Publication]) -> list[str]:
    """Every public page of the published demo."""
    return [
        "/public/",
        f"/public/plans/{pubs['plan'].slug}/",
        f"/public/plans/{pubs['plan'].slug}/versions/1/",
        f"/public/indicators/{pubs['survey'].slug}/",
        f"/public/indicators/{pubs['survey'].slug}/versions/1/",
        f"/public/narrative/{pubs['narrative'].slug}/",
        "/public/practices/",
        f"/public/practices/{pubs['practice'].slug}/",
    ]
