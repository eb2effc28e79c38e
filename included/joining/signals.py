"""What happens to requests to join that waits for someone. Sent inside the services' transactions; the
notifications app listens, and this app knows nothing of it."""

from django.dispatch import Signal

# join_request=JoinRequest: a new request waits for the partnership's coordinators.
join_request_received = Signal()
