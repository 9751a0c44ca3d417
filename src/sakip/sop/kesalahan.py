"""The engine's refusals, in a leaf module so binders and the letters app can extend them."""

from __future__ import annotations


class KesalahanAlur(Exception):
    """A workflow action that cannot happen now; the message is shown to the user."""
