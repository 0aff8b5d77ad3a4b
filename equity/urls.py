"""Top-level URLs: accounts, the dashboard, people administration, attachments, health, the icon, each domain app."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from equity.evidence import views as evidence
from equity.i18n.status_views import translation_entries_view, translation_status_view
from equity.i18n.views import language_view
from equity.views import accounts, assets, health, people, workforce

# The admin site signs people in through the portal's sign-in, so its second factor applies there too (ADR 0056).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", accounts.dashboard_view, name="dashboard"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", accounts.profile_view, name="profile"),
    path("language/", language_view, name="language"),
    path("languages/", translation_status_view, name="translation_status"),
    path("languages/<str:code>/", translation_entries_view, name="translation_entries"),
    path("password/change/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("people/", people.user_list_view, name="user_list"),
    path("people/new/", people.user_create_view, name="user_create"),
    path("people/<int:pk>/edit/", people.user_update_view, name="user_update"),
    path("people/<int:pk>/active/", people.user_set_active_view, name="user_set_active"),
    path("people/<int:pk>/history/", people.UserHistoryView.as_view(), name="user_history"),
    path("people/<int:pk>/workforce/", workforce.staff_attributes_view, name="staff_attributes"),
    path(
        "people/<int:pk>/workforce/history/",
        workforce.StaffAttributesHistoryView.as_view(),
        name="staff_attributes_history",
    ),
    path("profile/self-identification/", workforce.self_identification_view, name="self_identification"),
    path("departments/", people.department_list_view, name="department_list"),
    path("departments/new/", people.department_form_view, name="department_create"),
    path("departments/<int:pk>/edit/", people.department_form_view, name="department_update"),
    path("departments/<int:pk>/history/", people.DepartmentHistoryView.as_view(), name="department_history"),
    path("attachments/<str:owner>/<int:pk>/new/", evidence.attachment_create_view, name="attachment_create"),
    path("attachments/<int:pk>/", evidence.attachment_download_view, name="attachment_download"),
    path("attachments/<int:pk>/delete/", evidence.attachment_delete_view, name="attachment_delete"),
    path("healthz", health.healthz_view, name="healthz"),
    path("favicon.ico", assets.favicon_view, name="favicon"),
    path("notifications/", include("equity.notifications.urls")),
    path("translations/", include("equity.translations.urls")),
    path("plans/", include("plans.urls")),
    path("tools/", include("tools.urls")),
    path("training/", include("training.urls")),
    path("verify/", include("training.verify_urls")),  # public certificate verification (no login)
    path("library/", include("library.urls")),
    path("reports/", include("reports.urls")),
    path("", include("public.urls")),  # /public/, /embed/, /data.json (no login) and /publishing/ (equity team)
    path("", include("equity.accounts.urls")),  # /account/security/ and the equity team's sign-in administration
    path("accounts/", include("allauth.urls")),  # second factors, single sign-on, sessions (equity.accounts)
    path("admin/", admin.site.urls),
]

# Errors render without the database (it may be what failed); a database that is down or too slow gets 503.
handler500 = "equity.views.errors.server_error"
