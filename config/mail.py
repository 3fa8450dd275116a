"""The development email backend: print every email and keep a copy on disk.

`make run` needs no mail server: emails show in the terminal and stay under
var/mail/ (one .log file per connection, readable with any text editor).
"""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ConsoleAndFileBackend(FileBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._console = ConsoleBackend(fail_silently=self.fail_silently)

    def send_messages(self, email_messages):
        self._console.send_messages(email_messages)
        return super().send_messages(email_messages)
