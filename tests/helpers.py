import html


def text(response) -> str:
    """A page's HTML with entities decoded, so tests read like the page does."""
    return html.unescape(response.content.decode())


def our_url_patterns(resolver=None):
    """Every named URL pattern served by our own apps (not the admin, not allauth)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from our_url_patterns(entry)
        elif (
            isinstance(entry, URLPattern)
            and entry.name
            and entry.callback.__module__.startswith(("optout.", "accounts."))
        ):
            yield entry
