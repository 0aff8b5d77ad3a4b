"""URLs of the content translation pages (included by equity.urls under /translations/)."""

from django.urls import path

from equity.translations import views

urlpatterns = [
    path("", views.translation_list_view, name="translation_list"),
    path("<str:owner>/<int:pk>/<str:language>/", views.translation_edit_view, name="translation_edit"),
    path(
        "<str:owner>/<int:record_pk>/history/<int:pk>/",
        views.TranslationHistoryView.as_view(),
        name="translation_history",
    ),
]
