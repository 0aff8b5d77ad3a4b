"""Sign-in, the profile page and the dashboard."""

from allauth.account import views as allauth_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _

from equity.accounts.oidc.views import provider_form_action
from equity.accounts.sso.sources import access_by_source_for_user
from equity.dashboard import dashboard_panels_for_user
from equity.forms import ProfileForm, SsoAwarePasswordResetForm
from equity.i18n.views import language_cookie_set
from equity.selectors import my_departments
from equity.services import profile_update


class LoginView(allauth_views.LoginView):
    """allauth's sign-in (so a second factor and single sign-on follow the password), in the portal's template."""

    template_name = "registration/login.html"

    def dispatch(self, request, *args, **kwargs):
        """The page's "Sign in with ..." form leads to the provider (CSP form-action)."""
        return provider_form_action(super().dispatch(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        """With SSO_REQUIRED the page leads with the provider's button; the password form is for break-glass use."""
        return {**super().get_context_data(**kwargs), "sso_required": settings.SSO_REQUIRED}


class SsoRequiredContextMixin:
    """Tells the password pages whether passwords are for break-glass accounts only (SSO_REQUIRED)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "sso_required": settings.SSO_REQUIRED, "sso_provider_name": settings.SSO_PROVIDER_NAME}


class PasswordResetView(SsoRequiredContextMixin, auth_views.PasswordResetView):
    """Django's password reset; with SSO_REQUIRED only break-glass accounts are sent a link."""

    form_class = SsoAwarePasswordResetForm


class PasswordResetDoneView(SsoRequiredContextMixin, auth_views.PasswordResetDoneView):
    """Django's "check your e-mail" page, saying who is sent a link under SSO_REQUIRED."""


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@login_required
def dashboard_view(request):
    """The landing page after login: greeting, departments, roles and the apps' panels."""
    context = {
        "departments": my_departments(user=request.user),
        "panels": dashboard_panels_for_user(user=request.user),
    }
    return render(request, "equity/dashboard.html", context)


@login_required
def profile_view(request):
    """The user's own profile: names and job title; password change is linked from here."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        profile_update(
            user=request.user,
            preferred_name=form.cleaned_data["preferred_name"],
            job_title=form.cleaned_data["job_title"],
            language=form.cleaned_data["language"],
        )
        translation.activate(request.user.language or translation.get_language_from_request(request))
        messages.success(request, _("Your profile has been saved."))
        return language_cookie_set(redirect("profile"), request.user.language)
    access = access_by_source_for_user(person=request.user)
    return render(request, "equity/profile.html", {"form": form, "access": access})
