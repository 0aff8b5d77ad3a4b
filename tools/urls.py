"""URLs of the tools app."""

from django.urls import path

from tools.views import assessments, filling, indicator_sends, links, review, templates

app_name = "tools"

urlpatterns = [
    path("", assessments.assessment_list_view, name="assessment_list"),
    path("completed/", assessments.completed_counts_view, name="completed_counts"),
    path("new/", assessments.assessment_create_view, name="assessment_create"),
    path("<int:pk>/", assessments.assessment_detail_view, name="assessment_detail"),
    path("<int:pk>/edit/", assessments.assessment_update_view, name="assessment_update"),
    path("<int:pk>/print/", assessments.assessment_print_view, name="assessment_print"),
    path("<int:pk>/history/", assessments.AssessmentHistoryView.as_view(), name="assessment_history"),
    path("<int:pk>/steps/<int:number>/", filling.step_fill_view, name="step_fill"),
    path("<int:pk>/steps/<int:number>/comments/", filling.step_comment_view, name="step_comment"),
    path("<int:pk>/answers/<int:question_id>/", filling.answer_autosave_view, name="answer_autosave"),
    path("<int:pk>/tables/<int:question_id>/", filling.table_edit_view, name="table_edit"),
    path("<int:pk>/tables/<int:question_id>/indicator/", indicator_sends.table_send_view, name="table_send"),
    path("<int:pk>/tables/<int:question_id>/autosave/", filling.table_autosave_view, name="table_autosave"),
    path("<int:pk>/submit/", review.assessment_submit_view, name="assessment_submit"),
    path("<int:pk>/review/", review.assessment_review_view, name="assessment_review"),
    path("<int:pk>/reopen/", review.assessment_reopen_view, name="assessment_reopen"),
    path("<int:pk>/actions/", links.action_link_view, name="action_link"),
    path("<int:pk>/actions/<int:link_id>/remove/", links.action_unlink_view, name="action_unlink"),
    path("templates/", templates.template_list_view, name="template_list"),
    path("templates/<int:pk>/", templates.template_detail_view, name="template_detail"),
    path("templates/<int:pk>/edit/", templates.template_update_view, name="template_update"),
    path("templates/<int:pk>/copy/", templates.template_copy_view, name="template_copy"),
    path("templates/<int:pk>/status/", templates.template_status_view, name="template_status"),
    path("templates/<int:pk>/history/", templates.TemplateHistoryView.as_view(), name="template_history"),
    path("templates/<int:pk>/steps/new/", templates.step_edit_view, name="step_create"),
    path("templates/<int:pk>/steps/<int:step_id>/edit/", templates.step_edit_view, name="step_update"),
    path("templates/<int:pk>/steps/<int:step_id>/questions/new/", templates.question_edit_view, name="question_create"),
    path(
        "templates/<int:pk>/steps/<int:step_id>/questions/<int:question_id>/",
        templates.question_edit_view,
        name="question_update",
    ),
    path(
        "templates/<int:pk>/steps/<int:step_id>/questions/<int:question_id>/action/",
        templates.question_action_view,
        name="question_action",
    ),
]
