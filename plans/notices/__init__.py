"""The plans app's notifications (issue 18): the events its services raise (`plans.notices.events`) and the daily
scan of start and due dates (`plans.notices.daily.action_notices_send`, run by the task "plans.notices_daily").
The kinds are declared in `plans.notifications`."""

ACTION_ASSIGNED = "plans.action_assigned"
ACTION_NOT_STARTED = "plans.action_not_started"
ACTION_DUE_SOON = "plans.action_due_soon"
ACTION_OVERDUE = "plans.action_overdue"
DEPARTMENT_ACTION_OVERDUE = "plans.department_action_overdue"
ACTION_ATTENTION = "plans.action_attention"
ACTION_UPDATE_POSTED = "plans.action_update_posted"
PERIOD_OPENED = "plans.period_opened"
UPDATE_DUE = "plans.update_due"
UPDATE_OVERDUE = "plans.update_overdue"
