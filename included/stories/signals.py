"""What happens to stories that may wait for someone. Sent inside the services' transactions; the notifications app
listens, and this app knows nothing of it."""

from django.dispatch import Signal

# story=Story, note=ReviewNote (its sending): it now waits for the partnership's lived-experience reviewers.
story_sent_for_review = Signal()
# story=Story, note=ReviewNote: a reviewer asked the organisation to change it.
story_changes_asked = Signal()
