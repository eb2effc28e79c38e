"""How often one visitor may call the public API: PUBLIC_API_REQUESTS_PER_MINUTE, counted in the shared cache by
`core.throttle` (by account when signed in, otherwise by hashed address), the same way as every other limit.

Only requests that reach the API count. An answer already kept for everyone (partnerships/signed_out_pages.py) is
served before this is asked, so reading the same pages again costs nothing and is never refused; what is limited
is asking for page after page that must each be built afresh.
"""

from django.conf import settings
from ninja.throttling import BaseThrottle

from included.core import throttle


class EachVisitorPerMinute(BaseThrottle):
    def allow_request(self, request):
        return throttle.allow_per_minute(request, "public-api", settings.PUBLIC_API_REQUESTS_PER_MINUTE)

    def wait(self):
        return throttle.seconds_until_next_window(throttle.MINUTE)
