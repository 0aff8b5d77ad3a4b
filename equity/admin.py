"""Django admin for superusers; day-to-day user management is the equity team's People page."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from equity.models import Department, EmailDelivery, Notification, User
from equity.services import user_end_sessions


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "is_active"]
    search_fields = ["name", "code"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "email", "is_manager", "is_facilitator", "is_equity_team", "is_active"]
    search_fields = ["username", "full_name", "email", "employee_id"]
    filter_horizontal = ["departments", "groups", "user_permissions"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Portal", {"fields": ("full_name", "preferred_name", "job_title", "employee_id", "departments",
                               "is_manager", "is_facilitator", "is_equity_team")}),
    )  # fmt: skip

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # A deactivation here ends the user's sessions, as on the People page, naming who did it.
            user_end_sessions(user=obj, author=request.user, detail="Deactivated in the admin site")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the portal writes itself: looked at here (failed or bounced e-mails), never changed by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["key", "recipient", "frequency", "status", "attempts", "next_attempt_at", "sent_at", "last_error"]
    list_filter = ["status", "frequency"]
    search_fields = ["key", "recipient__username", "recipient__email", "message_id"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "recipient", "kind", "delivery", "created_at", "read_at", "email"]
    list_filter = ["kind", "delivery"]
    search_fields = ["title", "recipient__username", "event_key"]
    list_select_related = ["recipient", "email"]
    raw_id_fields = ["recipient", "actor", "email"]
    date_hierarchy = "created_at"
