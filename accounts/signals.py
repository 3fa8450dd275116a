"""What an account tells the apps above it (`accounts` imports nothing of them).

- preferences_changed(user, now): sent inside the transaction that saved the preferences; the
  domain re-syncs the account's reminders in it (optout/receivers.py).
"""

from django.dispatch import Signal

preferences_changed = Signal()
