from django.conf import settings

from config.checks import operator_placeholders


def site(request):
    """The site's name, and the operator's contact address when one is really set (not an example)."""
    email = settings.OPERATOR.get("email", "")
    contact = email if "OPERATOR_EMAIL" not in operator_placeholders({"email": email}) else ""
    return {"SITE_NAME": settings.SITE_NAME, "CONTACT_EMAIL": contact}
