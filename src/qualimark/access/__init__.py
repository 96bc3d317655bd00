"""Who may see and do what: roles, object rules (the `rules` package) and visible objects.

Pages, the API, downloads and commands all ask here; nothing else decides access.
"""

from qualimark.access.errors import NotVisible

__all__ = ["NotVisible"]
