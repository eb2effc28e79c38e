"""One result per form: a form that makes a new row carries a one-time token (core.forms.FormTokenField), and a
POST sent again with the same token (a double click, a retry after a slow page, the back button) gets the row the
first POST made instead of making a second.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import FormReceipt

# Long enough for any retry; after that a receipt is only a row taking up space.
KEEP_RECEIPTS_FOR = datetime.timedelta(days=2)


def create_once(token, scope, model, create):
    """Return `create()`, unless this form's token was already used in `scope`: then return what the first POST
    made (or None, if that has been deleted since).

    Call it inside the service's transaction, after the permission check. The receipt is written in the same
    transaction, so a POST that fails leaves the token free to try again; two POSTs at the same moment meet at
    the receipt's unique constraint, and the second waits for the first to commit, then finds its receipt.
    A form sent without a token (a page from before tokens, a script) is simply acted on.
    """
    if not token:
        return create()
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("create_once needs the caller's transaction, so the receipt and the row commit together.")
    try:
        with transaction.atomic():
            receipt = FormReceipt.objects.create(scope=scope, token=token)
    except IntegrityError:
        first = FormReceipt.objects.get(scope=scope, token=token)
        return model._default_manager.filter(pk=first.object_id).first() if first.object_id else None
    made = create()
    FormReceipt.objects.filter(pk=receipt.pk).update(object_id=str(made.pk))
    transaction.on_commit(_forget_old_receipts)
    return made


def _forget_old_receipts():
    FormReceipt.objects.filter(created_at__lt=timezone.now() - KEEP_RECEIPTS_FOR).delete()
