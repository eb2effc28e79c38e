"""Marks on views, read by middleware that decides who may open them."""


def private_when_signed_in(view):
    """A public page (`@login_not_required`) that shows signed-in people their own work, as the home page does.

    Signed out, anyone may open it. Signed in, it counts as a private page, so the checks for private pages apply:
    a coordinator or reviewer without two-step verification is asked to set it up first.
    """
    view.private_when_signed_in = True
    return view


def is_public(view):
    """True for a page anyone may open, signed in or not: marked `@login_not_required` and not private once
    signed in. Django's LoginRequiredMiddleware reads the same mark."""
    return getattr(view, "login_required", True) is False and not getattr(view, "private_when_signed_in", False)
