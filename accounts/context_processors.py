from django.conf import settings


def email_cap(request):
    """How many account emails one address receives in an hour, for the pages that send them."""
    return {"EMAIL_CAP": {"client": settings.ACCOUNT_EMAILS_PER_CLIENT, "address": settings.ACCOUNT_EMAILS_PER_ADDRESS}}
