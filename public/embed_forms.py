"""The equity team's form to allow a site to frame the widgets: one origin (scheme, host, optional port), checked
and normalised, never a path, query or wildcard; duplicates and more than `EMBED_ORIGINS_MAX` sites refused."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from public.models import EmbedOrigin

EMBED_ORIGINS_MAX = 50
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_PORTS = {"https": 443, "http": 80}
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _host_ok(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    labels = host.split(".")
    return len(host) <= 253 and len(labels) >= 2 and all(_LABEL.match(label) for label in labels)


def origin_normalised(raw: str) -> str:
    """`raw` as an origin "scheme://host[:port]" in lower case without its scheme's default port; a
    ValidationError saying what is wrong otherwise."""
    text = raw.strip()
    if "*" in text:
        raise forms.ValidationError(_("Wildcards are not allowed: list each site on its own."), code="wildcard")
    if any(ch.isspace() for ch in text):
        raise forms.ValidationError(_("A site address has no spaces."), code="space")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise forms.ValidationError(_("Give a port between 1 and 65535."), code="port") from None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if "://" not in text or not host:
        raise forms.ValidationError(_("Give the scheme and host, e.g. https://www.example.gov"), code="form")
    if parts.username is not None or parts.password is not None:
        raise forms.ValidationError(_("A site address has no user name or password."), code="userinfo")
    if parts.path not in ("", "/") or parts.query or parts.fragment or text.endswith(("?", "#")):
        raise forms.ValidationError(
            _("Give the site only (scheme, host and port), without a path, query or fragment."), code="path"
        )
    if ":" in host:
        host = f"[{host}]"
    local = host in LOCAL_HOSTS
    if scheme != "https" and not (scheme == "http" and local):
        raise forms.ValidationError(
            _("The site must use https (http is allowed only for localhost, for testing)."), code="scheme"
        )
    if not _host_ok(host):
        raise forms.ValidationError(_("%(host)s is not a valid host name.") % {"host": host}, code="host")
    if port == 0:
        raise forms.ValidationError(_("Give a port between 1 and 65535."), code="port")
    shown_port = "" if port is None or port == DEFAULT_PORTS[scheme] else f":{port}"
    return f"{scheme}://{host}{shown_port}"


class EmbedOriginForm(forms.Form):
    origin = forms.CharField(
        label=gettext_lazy("Site"),
        max_length=200,
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Optional: whose site this is, e.g. the city's home page."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["origin"].help_text = _(
            "Scheme and host, and a port if not the usual one, e.g. https://www.stlouisparkmn.gov. "
            "At most %(max)s sites may embed the widgets."
        ) % {"max": EMBED_ORIGINS_MAX}

    def clean_origin(self) -> str:
        origin = origin_normalised(self.cleaned_data["origin"])
        if EmbedOrigin.objects.filter(origin=origin).exists():
            raise forms.ValidationError(_("%(origin)s is already allowed.") % {"origin": origin}, code="duplicate")
        if EmbedOrigin.objects.count() >= EMBED_ORIGINS_MAX:
            raise forms.ValidationError(
                _("At most %(max)s sites may embed the widgets: remove one first.") % {"max": EMBED_ORIGINS_MAX},
                code="limit",
            )
        return origin

    def origin_record(self) -> EmbedOrigin:
        """The new (unsaved) record; the service saves it."""
        return EmbedOrigin(origin=self.cleaned_data["origin"], description=self.cleaned_data["description"])
