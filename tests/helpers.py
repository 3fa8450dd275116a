import html


def text(response) -> str:
    """A page's HTML with entities decoded, so tests read like the page does."""
    return html.unescape(response.content.decode())
