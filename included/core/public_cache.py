"""A cache for the parts of pages that are the same for everyone who may see them: the public register, a
commitment, "You said, we did" and the frameworks, and the coordinators' partnership overview and co-production
measures (the same for every coordinator of the partnership; the view checks who may see them first).

Only the content of such a page is kept (the list, the cards, and the database reads behind them), never the whole
response: the page around it carries a nonce for this response, the signed-in person's navigation and their
messages. Nothing that varies by person may go into a cached part.

Each key holds a "generation" for the partnership, and one for everything shared by all partnerships (the
frameworks that come with Included). Anything that changes what these pages show calls `bump_public_generation`,
which gives the partnership a new generation once the change is committed: from then on every key is new, and the
old entries are never read again (they expire on their own). A change that is rolled back bumps nothing. The
entries are also built again once they are PUBLIC_PAGE_CACHE_SECONDS old (10 minutes by default) in case a change
was missed, by one request while the others are given the old entry; 0 turns the cache off.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save

EVERY_PARTNERSHIP = "all"
# How long other requests are given a stale entry while one request builds it again (or, should that request fail,
# until another may try).
REBUILD_SECONDS = 30


def _generation_key(partnership_id):
    return f"public-page:generation:{partnership_id}"


def _new_generation():
    # A new value each time, never one used before, even if the old one was dropped from the cache. Setting it (not
    # adding 1 to it) means two changes at once can never leave the same value behind in the database cache, where
    # adding 1 is a read and then a write.
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def public_generation(partnership_id):
    """The partnership's current generation: a short text that changes whenever its public pages change."""
    return _generations([partnership_id])[0]


def generations_for(partnership_id):
    """The partnership's generation and the one for what every partnership shows, read together: a cached page
    built while both were these is still right while both still are. A page of no partnership (None) has only the
    second."""
    if partnership_id is None:
        return tuple(_generations([EVERY_PARTNERSHIP]))
    return tuple(_generations([partnership_id, EVERY_PARTNERSHIP]))


def _generations(partnership_ids):
    """The current generation of each, read together (one query with the database cache)."""
    keys = [_generation_key(partnership_id) for partnership_id in partnership_ids]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # Never set, or dropped from the cache: a new value, so no entry kept under an old one is read.
            cache.add(key, _new_generation(), timeout=None)
            found[key] = cache.get(key) or "none"
    return [found[key] for key in keys]


def _bump_now(partnership_id):
    cache.set(_generation_key(partnership_id), _new_generation(), timeout=None)


def bump_public_generation(partnership_id=None):
    """After the current transaction commits, throw away the cached public pages of a partnership (or, given None,
    of every partnership: for what all of them show, like the frameworks that come with Included)."""
    transaction.on_commit(lambda: _bump_now(EVERY_PARTNERSHIP if partnership_id is None else partnership_id))


def cached_content(partnership_id, name, parts, build, *, keep=None):
    """What `build()` returns for this partnership's public page `name` with these `parts` (page number, filters),
    from the cache when it is there. `build` must return something picklable that is the same for everyone.

    `keep(value)` may say False to leave a value out of the cache (a page number past the end, say), so that odd
    addresses cannot fill the cache.

    Once an entry is PUBLIC_PAGE_CACHE_SECONDS old (the safety net's time: no change it shows has been made, or its
    key would be new), one request builds it again while the others are still given it. Some of these take most of
    a second to build for thousands of organisations, and without this every visitor who came in that second would
    wait for a build of their own.
    """
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    if not seconds:
        return build()
    described = "\x1f".join(str(part) for part in parts)
    digest = hashlib.sha256(described.encode()).hexdigest()[:32]
    own, shared = _generations([partnership_id, EVERY_PARTNERSHIP])
    # "dated": each entry is (when it was built, the content). Entries of the older form, the content alone, are
    # under keys without it, so after an upgrade none is ever read as the new form.
    key = f"public-page:dated:{name}:{partnership_id}:{own}:{shared}:{digest}"
    entry = cache.get(key)
    if entry is not None:
        built_at, value = entry
        if time.time() - built_at < seconds or not cache.add(f"{key}:building", True, REBUILD_SECONDS):
            return value
    value = build()
    if value is not None and (keep is None or keep(value)):
        # Kept twice as long as it is fresh, so that a page asked for again soon after it goes stale is still there
        # to give while it is built again.
        cache.set(key, (time.time(), value), 2 * seconds)
    return value


def page_number(value):
    """The page number asked for in the address, as a whole number from 1 (1 for anything else)."""
    try:
        return max(int(str(value)[:12]), 1)
    except (TypeError, ValueError):
        return 1


def bump_on_change(model, partnership_of):
    """Bump the generation of `partnership_of(instance)` whenever a `model` row is saved or deleted. Each app calls
    this in its `ready()` for its own models whose rows the public pages show.

    `partnership_of` may return None for a row every partnership shows. Writes that send no signals
    (`QuerySet.update`, `bulk_create`) must call `bump_public_generation` themselves.
    """

    def changed(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return  # loading fixtures
        try:
            partnership_id = partnership_of(instance)
        except ObjectDoesNotExist:
            # A row deleted along with what it belonged to: which partnership is not known, so clear them all.
            partnership_id = None
        bump_public_generation(partnership_id)

    uid = f"public-page-cache:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
