from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry


class StoriesConfig(AppConfig):
    name = "included.stories"
    label = "stories"
    verbose_name = "Stories and lessons"
    # What waits for reviewers (stories to read) and organisations (changes asked), gathered by included.www.todo.
    to_do = "included.stories.todo.to_do"
    navigation = (
        NavEntry("Stories to review", "stories:review_list", order=25, shown_to=frozenset({PartnershipRole.REVIEWER})),
        NavEntry("Stories", "stories:library", order=85, public_label="Stories"),
    )

    def ready(self):
        from included.core.public_cache import bump_on_change

        from . import personal_data  # noqa: F401
        from .models import Story, StoryImage, StoryPerson

        # The public library and story pages show published stories and their pictures.
        bump_on_change(Story, lambda story: story.organisation.partnership_id)
        bump_on_change(StoryImage, lambda image: image.story.organisation.partnership_id)
        bump_on_change(StoryPerson, lambda person: person.story.organisation.partnership_id)
        # A published story's page names the published directory services it tells about: the directory bumps the
        # partnership's pages when a service changes (included/directory/apps.py).
