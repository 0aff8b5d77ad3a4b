"""Django admin for superusers; the equity team configures groups and the legend on the plans settings page."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import (
    Action,
    ActionLink,
    GroupAlias,
    ImportMapping,
    Indicator,
    Plan,
    RacialGroup,
    ReportingPeriod,
    ScaleLevel,
    StatusLegendEntry,
)


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "scope", "status", "period_start", "period_end"]
    list_filter = ["status", "scope"]
    search_fields = ["title"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "lead_department", "status", "percent_complete", "due_date"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "data_source", "unit", "direction", "decimal_places"]
    search_fields = ["name", "data_source"]
    filter_horizontal = ["results", "groups"]


@admin.register(GroupAlias)
class GroupAliasAdmin(SimpleHistoryAdmin):
    list_display = ["alias", "source", "group"]
    search_fields = ["alias", "source"]


@admin.register(RacialGroup)
class RacialGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "sort_order", "is_total", "is_active"]


@admin.register(StatusLegendEntry)
class StatusLegendEntryAdmin(SimpleHistoryAdmin):
    list_display = ["status", "tone", "description"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["name", "start_date", "end_date", "due_date", "is_open"]


@admin.register(ImportMapping)
class ImportMappingAdmin(SimpleHistoryAdmin):
    """Remembered spreadsheet header mappings: delete one to be asked for the columns again."""

    list_display = ["__str__", "updated_at"]
    readonly_fields = ["signature", "headers", "columns"]


@admin.register(ScaleLevel)
class ScaleLevelAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "order", "label"]
    list_filter = ["kind"]


@admin.register(ActionLink)
class ActionLinkAdmin(SimpleHistoryAdmin):
    list_display = ["label", "url", "action"]
    raw_id_fields = ["action"]
