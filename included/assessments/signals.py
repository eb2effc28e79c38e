"""What happens to cycles and reviews, for other apps to react to without this app knowing them (notifications).

Each signal is sent by the service that makes the change, inside its transaction, once the change is made. A
receiver that sends an email, or does anything slow, waits for the commit (`transaction.on_commit`): then nothing
happens for a change that was rolled back, and a receiver's mistake never undoes the person's work.
"""

from django.dispatch import Signal

# A cycle was submitted for review. Sent with `assessment`.
cycle_submitted = Signal()
# Reviewers were asked to review a cycle. Sent with `reviews`, a list: one for each reviewer asked.
reviewers_assigned = Signal()
# A reviewer finished their review. Sent with `review`.
review_completed = Signal()
# The organisation answered reviewers' challenges. Sent with `review_comments`, a list of those answered.
challenges_answered = Signal()
# A coordinator sent a statement back to the organisation. Sent with `sign_up`, its `returned_reason` the reason.
statement_returned = Signal()
