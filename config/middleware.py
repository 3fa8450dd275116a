"""Headers every response carries, and the methods the site serves."""

from functools import cached_property
from http import HTTPStatus

from csp.utils import build_policy
from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.utils.cache import patch_cache_control

from config.logging import has_token

#: For pages whose URL holds a secret: any Referer they cause carries the site's origin only,
#: never the path. Not "no-referrer": with it, browsers send `Origin: null` with the page's own
#: form posts (« C'est fait », confirming an email), which Django's CSRF check rightly refuses.
LINK_PAGE_REFERRER_POLICY = "strict-origin"


class SecurityHeadersMiddleware:
    """First in the chain, so that every response gets the security headers — also those made
    before the inner middlewares run: /healthz, the 400 for an unknown host, the redirect to
    HTTPS. Headers already set further in (django-csp, SecurityMiddleware, a view) win.

    Pages whose URL holds a secret token never send it on (a Referer with the origin only), and neither
    they nor any page of a signed-in person may be kept by a cache (`no-store, private`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def csp(self) -> str:
        return build_policy()

    def __call__(self, request):
        response = self.get_response(request)
        secret = has_token(request.path)
        user = getattr(request, "user", None)
        if secret or (user is not None and user.is_authenticated):
            patch_cache_control(response, no_store=True, private=True)
        if secret:
            response["Referrer-Policy"] = LINK_PAGE_REFERRER_POLICY
        response.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        debug_page = settings.DEBUG and response.status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.INTERNAL_SERVER_ERROR)
        if self.csp and not debug_page:  # Django's debug pages have inline styles (django-csp spares them too)
            response.setdefault("Content-Security-Policy", self.csp)
        if settings.SECURE_HSTS_SECONDS and request.is_secure():
            response.setdefault("Strict-Transport-Security", _hsts())
        return response


def _hsts() -> str:
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


class AllowedMethodsMiddleware:
    """The site serves GET, HEAD and POST, nothing else: PUT, PATCH, DELETE, TRACE, OPTIONS… are a 405.

    Each view also says which of these it serves (require_safe, require_http_methods);
    this covers the views that are not ours (allauth's form views treat PUT as POST).
    """

    ALLOWED = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED:
            return HttpResponseNotAllowed(self.ALLOWED)
        return self.get_response(request)
