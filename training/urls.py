"""URLs of the training app."""

from django.urls import path, register_converter

from training.views import approvals, curriculum, imports, records, registrations, requirements, sessions


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "fmt")

app_name = "training"

urlpatterns = [
    path("", sessions.session_list_view, name="session_list"),
    path("upcoming/", sessions.session_calendar_view, name="session_calendar"),
    path("sessions/new/", sessions.session_create_view, name="session_create"),
    path("sessions/<int:pk>/", sessions.session_detail_view, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_update_view, name="session_update"),
    path("sessions/<int:pk>/roster/", sessions.roster_edit_view, name="roster_edit"),
    path("sessions/<int:pk>/delete/", sessions.session_delete_view, name="session_delete"),
    path("sessions/<int:pk>/evaluations/", sessions.evaluation_create_view, name="evaluation_create"),
    path("sessions/<int:pk>/history/", sessions.SessionHistoryView.as_view(), name="session_history"),
    path("sessions/<int:pk>/import/", imports.roster_import_upload_view, name="roster_import_upload"),
    path("imports/<int:pk>/columns/", imports.roster_import_map_view, name="roster_import_map"),
    path("imports/<int:pk>/", imports.roster_import_review_view, name="roster_import_review"),
    path("imports/<int:pk>/save/", imports.roster_import_save_view, name="roster_import_save"),
    path("roster-example.csv", imports.roster_template_view, name="roster_template"),
    path("attendance.<fmt:fmt>", records.attendance_export_view, name="attendance_export"),
    path("modules/", curriculum.module_list_view, name="module_list"),
    path("modules/new/", curriculum.module_form_view, name="module_create"),
    path("modules/<int:pk>/", curriculum.module_detail_view, name="module_detail"),
    path("modules/<int:pk>/edit/", curriculum.module_form_view, name="module_update"),
    path("modules/<int:pk>/history/", curriculum.ModuleHistoryView.as_view(), name="module_history"),
    path("facilitators/", curriculum.facilitator_list_view, name="facilitator_list"),
    path("facilitators/new/", curriculum.facilitator_form_view, name="facilitator_create"),
    path("facilitators/<int:pk>/edit/", curriculum.facilitator_form_view, name="facilitator_update"),
    path("facilitators/<int:pk>/history/", curriculum.FacilitatorHistoryView.as_view(), name="facilitator_history"),
    path("me/", records.person_record_view, name="my_record"),
    path("people/<int:pk>/", records.person_record_view, name="person_record"),
    path("completion/", records.completion_report_view, name="completion_report"),
    path("completion/chart.svg", records.completion_chart_view, name="completion_chart"),
    path("completion.<fmt:fmt>", records.completion_export_view, name="completion_export"),
    path("sessions/<int:pk>/register/", registrations.session_register_view, name="session_register"),
    path("sessions/<int:pk>/calendar.ics", registrations.session_ics_view, name="session_ics"),
    path(
        "sessions/<int:pk>/roster/from-registrations/",
        registrations.roster_from_registrations_view,
        name="roster_from_registrations",
    ),
    path("registrations/<int:pk>/cancel/", registrations.registration_cancel_view, name="registration_cancel"),
    # Required training and approval requests (issue 14).
    path("requirements/", requirements.requirement_list_view, name="requirement_list"),
    path("requirements/new/", requirements.requirement_form_view, name="requirement_create"),
    path("requirements/<int:pk>/edit/", requirements.requirement_form_view, name="requirement_update"),
    path("requirements/<int:pk>/retire/", requirements.requirement_retire_view, name="requirement_retire"),
    path("requirements/<int:pk>/history/", requirements.RequirementHistoryView.as_view(), name="requirement_history"),
    path("approval-requests/", approvals.certification_request_list_view, name="certification_request_list"),
    path("approval-requests/new/", approvals.certification_request_create_view, name="certification_request_create"),
    path(
        "approval-requests/<int:pk>/", approvals.certification_request_detail_view, name="certification_request_detail"
    ),
    path(
        "approval-requests/<int:pk>/history/",
        approvals.CertificationRequestHistoryView.as_view(),
        name="certification_request_history",
    ),
]
