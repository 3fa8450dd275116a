"""The session engine (SESSION_ENGINE): Django's database sessions, kept with their user's id.

The store lives beside its model in accounts/models.py.
"""

from accounts.models import SessionStore

__all__ = ["SessionStore"]
