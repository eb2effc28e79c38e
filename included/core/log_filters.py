"""Filters for Included's logs, named in settings.LOGGING."""

import logging


class ForbiddenOnOneLine(logging.Filter):
    """Django logs a refused page (403, a PermissionDenied) with the whole traceback, as if it were a fault.

    Refusals are everyday events: people follow an old link, or try a page their role does not open. This writes
    each on one line, with the reason given to the person, and leaves tracebacks to real errors.
    """

    def filter(self, record):
        if getattr(record, "status_code", None) == 403 and record.exc_info:
            reason = " ".join(str(record.exc_info[1] or "").split())
            record.msg = f"{record.getMessage()} ({reason})" if reason else record.getMessage()
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
