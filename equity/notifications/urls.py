"""/notifications/: the inbox, its count, preferences and one-click unsubscribe."""

from django.urls import path

from equity.notifications import views

urlpatterns = [
    path("", views.notification_list_view, name="notification_list"),
    path("count/", views.notification_count_view, name="notification_count"),
    path("read-all/", views.notification_read_all_view, name="notification_read_all"),
    path("preferences/", views.notification_preferences_view, name="notification_preferences"),
    path("unsubscribe/<str:token>/", views.notification_unsubscribe_view, name="notification_unsubscribe"),
    path("<int:pk>/", views.notification_open_view, name="notification_open"),
    path("<int:pk>/read/", views.notification_read_view, name="notification_read"),
]
