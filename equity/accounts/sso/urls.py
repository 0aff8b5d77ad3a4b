"""The mapping table's pages, under /people/groups/."""

from django.urls import path

from equity.accounts.sso import views

urlpatterns = [
    path("", views.group_mapping_list_view, name="group_mapping_list"),
    path("new/", views.group_mapping_form_view, name="group_mapping_create"),
    path("<int:pk>/edit/", views.group_mapping_form_view, name="group_mapping_update"),
    path("<int:pk>/delete/", views.group_mapping_delete_view, name="group_mapping_delete"),
    path("<int:pk>/history/", views.GroupMappingHistoryView.as_view(), name="group_mapping_history"),
]
