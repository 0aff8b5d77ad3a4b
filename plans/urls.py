"""URLs of the plans app."""

from django.urls import path

from plans.views import actions, exports, imports, indicators, periods, settings, tracking
from plans.views import plans as plan_views

app_name = "plans"

urlpatterns = [
    path("", plan_views.plan_list_view, name="plan_list"),
    path("new/", plan_views.plan_create_view, name="plan_create"),
    path("<int:pk>/", plan_views.plan_detail_view, name="plan_detail"),
    path("<int:pk>/edit/", plan_views.plan_update_view, name="plan_update"),
    path("<int:pk>/history/", plan_views.PlanHistoryView.as_view(), name="plan_history"),
    path("<int:pk>/actions/", plan_views.plan_actions_view, name="plan_actions"),
    path("<int:pk>/actions.<str:fmt>", exports.plan_export_view, name="plan_export"),
    path("<int:pk>/import/", imports.plan_import_view, name="plan_import"),
    path("<int:pk>/import/<int:import_pk>/columns/", imports.plan_import_map_view, name="plan_import_map"),
    path("<int:pk>/import/<int:import_pk>/preview/", imports.plan_import_preview_view, name="plan_import_preview"),
    path("import/<str:kind>.<str:fmt>", imports.plan_import_sample_view, name="plan_import_sample"),
    path("<int:plan_pk>/results/new/", plan_views.result_create_view, name="result_create"),
    path("<int:plan_pk>/actions/new/", actions.action_create_view, name="action_create"),
    path("results/<int:pk>/edit/", plan_views.result_update_view, name="result_update"),
    path("results/<int:pk>/history/", plan_views.ResultHistoryView.as_view(), name="result_history"),
    path("results/<int:result_pk>/outcomes/new/", plan_views.outcome_create_view, name="outcome_create"),
    path("results/<int:result_pk>/indicators/new/", indicators.indicator_create_view, name="indicator_create"),
    path("results/<int:result_pk>/indicators/link/", indicators.indicator_link_view, name="indicator_link"),
    path(
        "results/<int:result_pk>/indicators/<int:pk>/unlink/",
        indicators.indicator_unlink_view,
        name="indicator_unlink",
    ),
    path("outcomes/<int:pk>/edit/", plan_views.outcome_update_view, name="outcome_update"),
    path("indicators/", indicators.indicator_list_view, name="indicator_list"),
    path("indicators/new/", indicators.indicator_new_view, name="indicator_new"),
    path("indicators/<int:pk>/", indicators.indicator_detail_view, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", indicators.indicator_update_view, name="indicator_update"),
    path("indicators/<int:pk>/chart.svg", indicators.indicator_chart_view, name="indicator_chart"),
    path("indicators/<int:pk>/data/", indicators.indicator_data_view, name="indicator_data"),
    path("indicators/<int:pk>/upload/", indicators.indicator_upload_view, name="indicator_upload"),
    path(
        "indicators/<int:pk>/upload/<int:upload_pk>/groups/",
        indicators.indicator_upload_map_view,
        name="indicator_upload_map",
    ),
    path("indicators/<int:pk>/history/", indicators.IndicatorHistoryView.as_view(), name="indicator_history"),
    path("indicators/<int:pk>/data.<str:fmt>", exports.indicator_export_view, name="indicator_export"),
    path("actions/<int:pk>/", actions.action_detail_view, name="action_detail"),
    path("actions/<int:pk>/edit/", actions.action_update_view, name="action_update"),
    path("actions/<int:pk>/history/", actions.ActionHistoryView.as_view(), name="action_history"),
    path("actions/<int:pk>/updates/new/", actions.update_create_view, name="update_create"),
    path("actions/<int:pk>/milestones/new/", actions.milestone_create_view, name="milestone_create"),
    path("actions/<int:pk>/measures/new/", actions.measure_create_view, name="measure_create"),
    path("updates/<int:pk>/review/", actions.update_review_view, name="update_review"),
    path("milestones/<int:pk>/edit/", actions.milestone_update_view, name="milestone_update"),
    path("measures/<int:pk>/values/new/", actions.measure_point_create_view, name="measure_point_create"),
    path("my-actions/", tracking.my_actions_view, name="my_actions"),
    path("tracking/", tracking.department_tracking_view, name="department_tracking"),
    path("periods/", periods.period_list_view, name="period_list"),
    path("periods/new/", periods.period_create_view, name="period_create"),
    path("periods/<int:pk>/open/", periods.period_set_open_view, name="period_set_open"),
    path("settings/", settings.settings_view, name="settings"),
    path("settings/groups/new/", settings.group_create_view, name="group_create"),
    path("settings/groups/<int:pk>/edit/", settings.group_update_view, name="group_update"),
    path("settings/legend/<int:pk>/edit/", settings.legend_update_view, name="legend_update"),
]
