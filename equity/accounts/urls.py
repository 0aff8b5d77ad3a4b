"""The person's own sign-in pages (/account/...) and the equity team's sign-in administration."""

from django.urls import path

from equity.accounts import factor_views, views

urlpatterns = [
    path("account/security/", views.security_view, name="account_security"),
    # Second factors (ADR 0056): allauth's MFA overview answers at its own address (mfa_index) with the security
    # page; the equity team resets a person's factors from the people pages.
    path("accounts/2fa/", factor_views.mfa_index_view),
    path("people/<int:pk>/factors/reset/", factor_views.factors_reset_view, name="user_factors_reset"),
]
