"""Sign-in beyond passwords: single sign-on through the city's identity provider, multi-factor authentication,
sessions a person can see and end, and the sign-in history. Built on django-allauth (ADR 0053); guide: docs/accounts/.
"""
