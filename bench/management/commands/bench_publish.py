"""Publish what the benchmark's public pages show (public.services.publish, as the demo equity team member): the
citywide plan and the indicator with the most values. A record already published is left as it is."""

from django.core.management.base import BaseCommand
from django.db.models import Count

from equity.models import User
from plans.models import Indicator, Plan
from public.models import Publication
from public.services import candidate, publish


class Command(BaseCommand):
    help = "Publish the demo's citywide plan and its busiest indicator for the public pages of `make bench`."

    def handle(self, *args, **options):
        author = User.objects.get(username="equity")
        plan = Plan.objects.filter(title__startswith="Citywide").order_by("pk").first()
        indicator = Indicator.objects.annotate(n=Count("data_points")).order_by("-n", "pk").first()
        for record in (plan, indicator):
            if record is None:
                continue
            found = candidate(record)
            if not Publication.objects.filter(kind=found.kind, object_id=found.object_id, is_published=True).exists():
                publish(author=author, record=record, note="make bench")
