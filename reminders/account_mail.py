"""allauth's emails with the headers every email of ours carries (reminders/mail.py).

settings.ACCOUNT_ADAPTER names this class: the account's adapter (accounts/adapter.py: our
words, the recipient's language, links on SITE_URL), plus the mail side's headers. Here,
above `accounts`, because the headers are the mail side's.
"""

from accounts.adapter import AccountAdapter
from reminders.mail import ACCOUNT_LIST
from reminders.mail import headers as mail_headers


class MailAdapter(AccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        # Account emails stop no reminder: Auto-Submitted and List-Id, no List-Unsubscribe.
        given = {**mail_headers(list_name=ACCOUNT_LIST), **(headers or {})}
        return super().render_mail(template_prefix, email, context, given)
