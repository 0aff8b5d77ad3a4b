"""Strings the portal shows from Django and django-allauth, repeated here so the portal's own catalogs carry them.

Django and allauth ship Spanish but no Somali or Hmong: form errors, month and weekday names in dates, password
rules and the sign-in form's labels would stay English on a Somali or Hmong page. Listing them here puts them in
`locale/*/django.po`, which comes first in `LOCALE_PATHS`, so one catalog per language covers the whole page. The
Spanish entries copy Django's and allauth's own reviewed translations. Nothing calls these: only the catalogs do.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

BORROWED = (
    gettext_noop("Enter a valid value."),  # django
    gettext_noop("Enter a valid URL."),  # django
    gettext_noop("Enter a valid email address."),  # django
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),  # django
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),  # django
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "n",
    ),  # django
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "n",
    ),  # django
    gettext_noop("Enter a number."),  # django
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "n",
    ),  # django
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "n",
    ),  # django
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "n",
    ),  # django
    gettext_noop("This field is required."),  # django
    gettext_noop("Enter a whole number."),  # django
    gettext_noop("Enter a valid date."),  # django
    gettext_noop("Enter a valid time."),  # django
    gettext_noop("Enter a valid date/time."),  # django
    gettext_noop("No file was submitted. Check the encoding type on the form."),  # django
    gettext_noop("No file was submitted."),  # django
    gettext_noop("The submitted file is empty."),  # django
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),  # django
    gettext_noop("Enter a list of values."),  # django
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),  # django
    gettext_noop("“%(pk)s” is not a valid value."),  # django
    gettext_noop("p.m."),  # django
    gettext_noop("a.m."),  # django
    gettext_noop("PM"),  # django
    gettext_noop("AM"),  # django
    gettext_noop("midnight"),  # django
    gettext_noop("noon"),  # django
    gettext_noop("Monday"),  # django
    gettext_noop("Tuesday"),  # django
    gettext_noop("Wednesday"),  # django
    gettext_noop("Thursday"),  # django
    gettext_noop("Friday"),  # django
    gettext_noop("Saturday"),  # django
    gettext_noop("Sunday"),  # django
    gettext_noop("January"),  # django
    gettext_noop("February"),  # django
    gettext_noop("March"),  # django
    gettext_noop("April"),  # django
    gettext_noop("May"),  # django
    gettext_noop("June"),  # django
    gettext_noop("July"),  # django
    gettext_noop("August"),  # django
    gettext_noop("September"),  # django
    gettext_noop("October"),  # django
    gettext_noop("November"),  # django
    gettext_noop("December"),  # django
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "n",
    ),  # auth
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "n",
    ),  # auth
    gettext_noop("The password is too similar to the %(verbose_name)s."),  # auth
    gettext_noop("Your password can’t be too similar to your other personal information."),  # auth
    gettext_noop("This password is too common."),  # auth
    gettext_noop("Your password can’t be a commonly used password."),  # auth
    gettext_noop("This password is entirely numeric."),  # auth
    gettext_noop("Your password can’t be entirely numeric."),  # auth
    gettext_noop("Incorrect code."),  # allauth
    gettext_noop("Too many failed login attempts. Try again later."),  # allauth
    gettext_noop("The username and/or password you specified are not correct."),  # allauth
    gettext_noop("You must type the same password each time."),  # allauth
    gettext_noop("Password"),  # allauth
    gettext_noop("Remember Me"),  # allauth
    gettext_noop("Username"),  # allauth
    gettext_noop("Password (again)"),  # allauth
    gettext_noop("Current Password"),  # allauth
    gettext_noop("New Password"),  # allauth
    gettext_noop("New Password (again)"),  # allauth
    gettext_noop("Code"),  # allauth
)
