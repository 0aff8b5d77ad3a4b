"""/favicon.ico: browsers, feed readers and crawlers ask for it at the root whatever a page's <link rel="icon"> says."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

FAVICON = "img/favicon.ico"


@cache_control(public=True, max_age=86400)
@require_GET
def favicon_view(request):
    """A redirect to the static icon (a temporary one: the static file's name carries a hash that changes with it)."""
    return HttpResponseRedirect(static(FAVICON))
