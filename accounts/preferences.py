"""What an account may choose about its reminders, and the defaults; read by optout.schedule.

Here, below the domain, because the account's row and form hold them: `accounts` imports nothing of `optout`.
"""

from datetime import timedelta

#: Days before the advised day that the lead reminders come, unless the account chose others.
DEFAULT_LEAD_DAYS = (7, 2)
LEAD_DAY_CHOICES = (14, 10, 7, 5, 3, 2, 1)
#: An account never verified is deleted this long after sign-up (optout.selectors.account, the emails say so).
RETENTION_UNVERIFIED = timedelta(days=7)
