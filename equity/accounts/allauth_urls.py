"""The portal's answer to allauth's account and session pages, at allauth's own paths under /accounts/ (included
before allauth.urls, so the first match is here and allauth's names still reverse to the same paths). Kept as
allauth serves them: account_logout, account_inactive, account_reauthenticate, account_signup (closed by the
adapter); account_login is the portal's own sign-in view. Decisions: ADR 0057."""

from django.urls import path, re_path

from equity.accounts.allauth_pages import not_offered_view, portal_page
from equity.views.accounts import LoginView

urlpatterns = [
    path("login/", LoginView.as_view()),  # account_login: the same sign-in as /login/
    # E-mail addresses are the city's, edited by the equity team: a person sees theirs on the profile page.
    path("email/", portal_page("profile")),  # account_email
    path("confirm-email/", not_offered_view),  # account_email_verification_sent
    re_path(r"^confirm-email/(?P<key>[-:\w]+)/$", not_offered_view),  # account_confirm_email
    # Passwords: the portal's pages (NIST rules, its e-mails and tokens).
    path("password/change/", portal_page("password_change")),  # account_change_password
    path("password/set/", portal_page("password_change")),  # account_set_password
    path("password/reset/", portal_page("password_reset")),  # account_reset_password
    path("password/reset/done/", portal_page("password_reset_done")),  # account_reset_password_done
    re_path(
        r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$", portal_page("password_reset")
    ),  # account_reset_password_from_key: the portal never sends allauth's links; ask for a new one
    path("password/reset/key/done/", portal_page("password_reset_complete")),  # account_reset_password_from_key_done
    # Codes by e-mail are off: sign-in and reauthentication use the password and the second factors.
    path("login/code/confirm/", not_offered_view),  # account_confirm_login_code
    path("reauthenticate/code/", not_offered_view),  # account_request_reauthentication_code
    path("reauthenticate/code/confirm/", not_offered_view),  # account_confirm_reauthentication_code
    path("sessions/", portal_page("account_security")),  # usersessions_list: sessions are on the security page
]
