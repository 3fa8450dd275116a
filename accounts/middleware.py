import zoneinfo

from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """A signed-in person sees the site in their saved language and time zone.

    Runs after LocaleMiddleware and AuthenticationMiddleware: the profile
    wins over the language cookie and the browser's Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except zoneinfo.ZoneInfoNotFoundError:
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
