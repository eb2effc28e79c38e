"""What stories hold about people (see included/core/personal_data.py).

Members' accounts are linked to the stories they wrote, the consent they recorded, the pictures they added and
what they said in reviews. Deleting an account keeps the organisation's stories (they belong to it) and takes the
person's name out of what they wrote. The people named or pictured in a story have no account: their name and
what was noted about them are taken out when they withdraw consent (services.record_consent).
"""

from included.core.personal_data import register_eraser, register_exporter, scrub_rows

from .models import ConsentRecord, ReviewNote, Story, StoryImage, StoryPerson

COVERS = ["stories.Story", "stories.ReviewNote", "stories.ConsentRecord", "stories.StoryImage", "stories.StoryPerson"]
STORY_TEXT = ["title", "tried", "for_whom", "happened", "learnt", "differently", "easy_read_summary"]


@register_exporter(covers=COVERS)
def stories(user):
    return {
        "stories_you_wrote": [
            {
                "organisation": story.organisation.name,
                "title": story.title,
                "status": story.get_status_display(),
                "written_at": story.created_at,
                **{field: getattr(story, field) for field in STORY_TEXT[1:]},
            }
            for story in Story.objects.filter(created_by=user).select_related("organisation").order_by("created_at")
        ],
        "story_reviews_you_wrote": [
            {"story": note.story.title, "what": note.get_kind_display(), "text": note.text, "at": note.created_at}
            for note in ReviewNote.objects.filter(author=user).select_related("story").order_by("created_at")
        ],
        "story_consent_you_recorded": [
            {
                "story": record.person.story.title,
                "what": record.get_decision_display(),
                "how": record.get_method_display(),
                "on": record.given_on,
            }
            for record in ConsentRecord.objects.filter(recorded_by=user).select_related("person__story")
        ],
        "story_people_you_added": [
            {"story": person.story.title, "name": person.name, "added_at": person.added_at}
            for person in StoryPerson.objects.filter(added_by=user).select_related("story")
        ],
        "story_pictures_you_added": [
            {"story": image.story.title, "description": image.description, "added_at": image.uploaded_at}
            for image in StoryImage.objects.filter(uploaded_by=user).select_related("story")
        ],
    }


@register_eraser(covers=COVERS)
def forget_stories(user):
    # The stories stay with the organisation; the person's name and email address come out of their words.
    scrub_rows(Story.objects.filter(created_by=user), STORY_TEXT, user)
    scrub_rows(ReviewNote.objects.filter(author=user), ["text"], user)
    scrub_rows(ConsentRecord.objects.filter(recorded_by=user), ["note"], user)
    scrub_rows(StoryImage.objects.filter(uploaded_by=user), ["description"], user)
