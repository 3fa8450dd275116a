"""Headers every response carries."""

from django.conf import settings
from django.http import HttpResponseNotAllowed

from config.logging import has_token


class SecurityHeadersMiddleware:
    """Pages whose URL holds a secret token never send it on: no Referer at all from them
    (their static files, a link followed). Every response says which browser features
    this site does not use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if has_token(request.path):
            response["Referrer-Policy"] = "no-referrer"
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


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
