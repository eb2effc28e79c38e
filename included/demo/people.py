"""A demo person with a place of their own: Facts About Me, shared with one organisation, read once already.

What they wrote is in data/people.yaml. It goes through the same services a person uses, so it is encrypted and
its consent records and "who looked" are what the pages would make.
"""

from included.accounts.models import User
from included.demo.content import read
from included.people import services
from included.people.models import SECTION_KEY_PREFIX

PEOPLE = read("people")


def load_demo_person(organisations, password):
    """Make the demo person (their password already hashed), their words and their shares. Returns the person."""
    spec = PEOPLE["person"]
    person = User.objects.create(email=spec["email"], name=spec["name"], password=password)
    for section, text in PEOPLE["facts"].items():
        services.save_fact(person, section, text.strip(), by=person)
    for share_spec in PEOPLE["shares"]:
        share = services.share_sections(
            person,
            organisations[share_spec["organisation"]],
            [SECTION_KEY_PREFIX + section for section in share_spec["sections"]],
            days=share_spec["days"],
            by=person,
        )
        reader = User.objects.get(email=share_spec["read_by"])
        services.record_reading(share, share.sections, by=reader)
    return person
