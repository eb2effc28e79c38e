"""What happens in funding rounds that waits for someone. Sent by the services inside their transactions; the
notifications app listens and emails the people concerned once the change is committed. This app knows nothing
of it."""

from django.dispatch import Signal

# application=Application: it was awarded or declined, and its letter is ready for the applicant.
application_decided = Signal()
# question=Question: the round's team answered an applicant's question or appeal.
question_answered = Signal()
# place=PanelMember: someone was added to a round's panel.
panel_member_added = Signal()
# round=Round: the round was withdrawn, with a reason; everyone who applied to it is told.
round_withdrawn = Signal()
