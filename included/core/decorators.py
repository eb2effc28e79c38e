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


def same_for_everyone_signed_out(view):
    """A public page that shows every signed-out visitor the same thing (but for its forms' CSRF tokens), built
    only from what the public pages cache already tracks (included/core/public_cache.py): under /p/<partnership>/,
    the partnership and what every partnership shows; elsewhere, only the latter. Signed out, the whole page is kept
    and served again until that changes (included/partnerships/signed_out_pages.py)."""
    view.same_for_everyone_signed_out = True
    return view


def kept_for_each_person(view):
    """A signed-in page built only from the database, the person's session and the address, with no form that
    changes the session when it is shown. Each person's copy is kept whole and served to them again until anything
    in the database changes (included/core/signed_in_pages.py)."""
    view.kept_for_each_person = True
    return view
