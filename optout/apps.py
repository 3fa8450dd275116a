from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OptoutConfig(AppConfig):
    name = "optout"
    verbose_name = _("Démarches")

    def ready(self):
        from config import checks  # noqa: F401 - registers the deployment checks
        from optout import receivers  # noqa: F401 - connects the signal receivers
