"""What the domain tells the mail side (`reminders` listens; `optout` imports nothing of it).

Each is sent inside the transaction of the change; the mail side sends its email once that
transaction has committed, through the worker (reminders/receivers.py).

- account_deleted(email, language): the account is gone; a last email confirms it.
- address_check_requested(user): the account asks for a link that proves its address works.
"""

from django.dispatch import Signal

account_deleted = Signal()
address_check_requested = Signal()
