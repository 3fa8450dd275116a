from django.core.management import call_command
from django.db import migrations


def create_fallback_cache_table(apps, schema_editor):
    # With Redis too: the cache falls back to this table while Redis cannot be reached
    # (config/cache.py), so that rate limits still hold and nobody gets a 500.
    call_command("createcachetable", "django_cache", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_email_confirmed_at")]

    operations = [migrations.RunPython(create_fallback_cache_table, migrations.RunPython.noop)]
