"""Racial Equity Action Plans: plans, results, indicators by race, outcomes, actions, measures and progress updates.

The shape follows Results-Based Accountability as cohort cities use it: a Plan states community Results, each
measured by population-level Indicators disaggregated by racial/ethnic group; Outcomes under a result are what the
city achieves, Actions what it does, Performance measures how an action is measured; Progress updates are kept as
an append-only history.

The models live in modules by topic; every one is importable from `plans.models`.
"""

from plans.models.actions import (
    Action,
    ActionStatus,
    MeasureDataPoint,
    Milestone,
    PerformanceMeasure,
    StatusLegendEntry,
)
from plans.models.follows import ActionFollow
from plans.models.imports import ImportMapping, PlanImport
from plans.models.indicators import GroupAlias, Indicator, IndicatorDataPoint, IndicatorUpload, Outcome
from plans.models.links import ActionLink
from plans.models.plans import VALUE_DIGITS, Plan, RacialGroup, Result
from plans.models.reporting import ProgressUpdate, Reminder, ReportingPeriod
from plans.models.scales import ScaleLevel

__all__ = [
    "VALUE_DIGITS",
    "Action",
    "ActionFollow",
    "ActionLink",
    "ActionStatus",
    "GroupAlias",
    "Indicator",
    "IndicatorDataPoint",
    "ImportMapping",
    "IndicatorUpload",
    "MeasureDataPoint",
    "Milestone",
    "Outcome",
    "PerformanceMeasure",
    "Plan",
    "PlanImport",
    "ProgressUpdate",
    "RacialGroup",
    "Reminder",
    "ReportingPeriod",
    "Result",
    "ScaleLevel",
    "StatusLegendEntry",
]
