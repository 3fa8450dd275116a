from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """The mail side: claims due Reminder rows and sends them, builds every email, hears the providers.

    It imports the domain (`optout`) and the accounts; neither imports it (tests/project/test_layers.py).
    No models of its own: the Reminder rows are the domain's.
    """

    name = "reminders"

    def ready(self):
        from reminders import receivers  # noqa: F401 - connects the signal receivers
