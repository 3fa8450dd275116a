"""The stored words of an account (read with optout/vocabulary.py, which names them too).

Here, below the domain, because the account's row stores them: `accounts` imports nothing of `optout`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Undeliverable(models.TextChoices):
    """Why an address no longer gets our emails: a mail provider's word (anymail's event types)."""

    BOUNCED = "bounced", _("les messages envoyés à cette adresse nous sont revenus sans être remis")
    REJECTED = "rejected", _("notre service d'envoi refuse désormais d'écrire à cette adresse")
    COMPLAINED = "complained", _("un de nos messages a été signalé comme indésirable depuis cette boîte")
    UNSUBSCRIBED = "unsubscribed", _("une désinscription a été demandée auprès de notre service d'envoi")
