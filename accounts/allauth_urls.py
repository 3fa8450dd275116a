"""allauth's account pages at French paths under /compte/, their URL names unchanged.

Each English path allauth gives a page (/compte/login/, /compte/password/reset/…)
still answers, with a permanent redirect to the French one, keys and query string
kept: links in emails sent before the change, and bookmarks, keep working. A page
allauth adds in an upgrade without a French path here stops the start-up.
Paths with a key in them are in config/logging.py's TOKEN_PREFIXES, old and new.
"""

from allauth.account import urls as allauth_urls
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, path, re_path
from django.urls.resolvers import RegexPattern
from django.views.generic import RedirectView

from accounts import views

#: The redirect from an English path is named after its page, with this suffix.
OLD_SUFFIX = "_english"

#: allauth's URL name → its French path (a regular expression where allauth's has one).
FRENCH_PATHS = {
    "account_login": "connexion/",
    "account_logout": "deconnexion/",
    "account_inactive": "inactif/",
    "account_signup": "inscription/",
    "account_reauthenticate": "confirmer-identite/",
    "account_request_reauthentication_code": "confirmer-identite/code/",
    "account_confirm_reauthentication_code": "confirmer-identite/code/valider/",
    "account_email": "courriel/",
    "account_email_verification_sent": "courriel/confirmation/",
    "account_confirm_email": r"^courriel/confirmation/(?P<key>[-:\w]+)/$",
    "account_change_password": "mot-de-passe/modifier/",
    "account_set_password": "mot-de-passe/creer/",
    "account_reset_password": "mot-de-passe/oublie/",
    "account_reset_password_done": "mot-de-passe/oublie/envoye/",
    "account_reset_password_from_key": r"^mot-de-passe/nouveau/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
    "account_reset_password_from_key_done": "mot-de-passe/nouveau-enregistre/",
    "account_request_login_code": "connexion/code/",
    "account_confirm_login_code": "connexion/code/valider/",
}


#: allauth's pages served by our own view (a subclass of allauth's).
OUR_VIEWS = {"account_signup": views.signup}


def _in_french(pattern: URLPattern) -> list[URLPattern]:
    """The page at its French path, and its English path redirecting there."""
    french = FRENCH_PATHS.get(pattern.name)
    if french is None:
        raise ImproperlyConfigured(f"allauth's page {pattern.name!r} has no French path in accounts/allauth_urls.py")
    route = re_path if isinstance(pattern.pattern, RegexPattern) else path
    moved = RedirectView.as_view(pattern_name=pattern.name, permanent=True, query_string=True)
    return [
        route(french, OUR_VIEWS.get(pattern.name, pattern.callback), name=pattern.name),
        route(str(pattern.pattern), moved, name=f"{pattern.name}{OLD_SUFFIX}"),
    ]


urlpatterns = [french for pattern in allauth_urls.urlpatterns for french in _in_french(pattern)]
