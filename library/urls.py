"""URLs of the library app."""

from django.urls import path

from library.views import exchange, narratives, practices

app_name = "library"

urlpatterns = [
    path("", practices.practice_list_view, name="practice_list"),
    path("practices/new/", practices.practice_create_view, name="practice_create"),
    path("practices/suggestions/", practices.practice_suggestion_list_view, name="practice_suggestions"),
    path("practices/<int:pk>/", practices.practice_detail_view, name="practice_detail"),
    path("practices/<int:pk>/edit/", practices.practice_update_view, name="practice_update"),
    path("practices/<int:pk>/review/", practices.practice_review_view, name="practice_review"),
    path("practices/<int:pk>/history/", practices.PracticeHistoryView.as_view(), name="practice_history"),
    path("practices/<int:pk>/attachments/new/", practices.attachment_create_view, name="attachment_create"),
    path("practices/<int:pk>/adopt/", practices.adoption_create_view, name="adoption_create"),
    path("adoptions/<int:pk>/delete/", practices.adoption_delete_view, name="adoption_delete"),
    path("practices/<int:pk>/strategy/", practices.strategy_create_view, name="strategy_create"),
    path("strategies/<int:pk>/delete/", practices.strategy_delete_view, name="strategy_delete"),
    path("attachments/<int:pk>/", practices.attachment_download_view, name="attachment_download"),
    path("attachments/<int:pk>/delete/", practices.attachment_delete_view, name="attachment_delete"),
    path("exchange/export/", exchange.exchange_export_view, name="exchange_export"),
    path("exchange/import/", exchange.exchange_import_view, name="exchange_import"),
    path("exchange/import/confirm/", exchange.exchange_import_confirm_view, name="exchange_import_confirm"),
    path("exchange/imports/<int:pk>/", exchange.exchange_import_job_view, name="exchange_import_job"),
    path("narratives/", narratives.narrative_list_view, name="narrative_list"),
    path("narratives/new/", narratives.narrative_create_view, name="narrative_create"),
    path("narratives/<int:pk>/", narratives.narrative_detail_view, name="narrative_detail"),
    path("narratives/<int:pk>/edit/", narratives.narrative_edit_view, name="narrative_edit"),
    path("narratives/<int:pk>/compare/", narratives.narrative_compare_view, name="narrative_compare"),
    path(
        "narratives/<int:pk>/versions/<int:number>/",
        narratives.narrative_version_detail_view,
        name="narrative_version_detail",
    ),
    path(
        "narratives/<int:pk>/versions/<int:number>/publish/",
        narratives.narrative_version_publish_view,
        name="narrative_version_publish",
    ),
    path(
        "narratives/<int:pk>/versions/<int:number>/history/",
        narratives.NarrativeVersionHistoryView.as_view(),
        name="narrative_version_history",
    ),
]
