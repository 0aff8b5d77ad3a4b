"""The person's own sign-in pages (/account/...) and the equity team's sign-in administration."""

from django.urls import include, path

from equity.accounts import event_views, factor_views, session_views, views
from equity.accounts.oidc.urls import socialaccount_urlpatterns

urlpatterns = [
    path("account/security/", views.security_view, name="account_security"),
    path("account/security/sessions/<int:pk>/end/", session_views.session_end_view, name="session_end"),
    path("account/security/sessions/end-others/", session_views.sessions_end_others_view, name="sessions_end_others"),
    path("people/security-events/", event_views.security_event_list_view, name="security_event_list"),
    path("people/<int:pk>/sign-out/", session_views.user_sign_out_view, name="user_sign_out"),
    # Second factors (ADR 0056): allauth's MFA overview answers at its own address (mfa_index) with the security
    # page; the equity team resets a person's factors from the people pages.
    path("accounts/2fa/", factor_views.mfa_index_view),
    path("people/<int:pk>/factors/reset/", factor_views.factors_reset_view, name="user_factors_reset"),
    path("accounts/3rdparty/", include(socialaccount_urlpatterns)),  # allauth's sign-up and connections (ADR 0055)
    path("accounts/", include("equity.accounts.allauth_urls")),  # before allauth.urls: the portal's answers
    path("people/groups/", include("equity.accounts.sso.urls")),
]
