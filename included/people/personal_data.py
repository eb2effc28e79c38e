"""What a person's own place holds about them, for "Download your data" and "Delete your account".

Everything goes when the person deletes their account: their words, their shares, their consent records and the
log of who read what they shared. Consent records are never changed, but they are the person's, so they go too.
Where the person read someone else's shared sections, that log belongs to the other person ("who looked"): it
stays, and names them as the account does after deletion, "Former member".
"""

from included.core.personal_data import register_eraser, register_exporter

from .models import ConsentRecord, Fact, SectionView, Share


@register_exporter(covers=["people.Fact", "people.Share", "people.ConsentRecord", "people.SectionView"])
def own_place(user):
    shares = (
        Share.objects.filter(person=user)
        .select_related("organisation", "partnership", "reviewer")
        .prefetch_related("only_people")
    )
    return {
        "facts_about_me": [
            {"part": fact.get_section_display(), "your_words": fact.text, "changed_at": fact.updated_at}
            for fact in Fact.objects.filter(person=user)
        ],
        "what_you_shared": [
            {
                "with": share.recipient_name,
                "only_these_people": [person.name for person in share.only_people.all()],
                "parts": share.sections,
                "from": share.created_at,
                "until": share.ends_at,
                "stopped_at": share.stopped_at,
            }
            for share in shares
        ],
        "your_sharing_choices": [
            {"what": record.get_action_display(), "with": record.shared_with, "parts": record.sections, "at": record.at}
            for record in ConsentRecord.objects.filter(person=user)
        ],
        "who_read_what_you_shared": [
            {"who": str(view.viewer) if view.viewer else "Former member", "part": view.section, "at": view.at}
            for view in SectionView.objects.of_person(user)
        ],
        "shared_parts_you_read": [
            {"part": view.section, "at": view.at}
            for view in SectionView.objects.filter(viewer=user).order_by("-at", "-pk")
        ],
    }


@register_eraser(covers=["people.Fact", "people.Share", "people.ConsentRecord", "people.SectionView"])
def forget_own_place(user):
    Fact.objects.filter(person=user).delete()
    SectionView.objects.filter(person=user).delete()
    ConsentRecord.objects.filter(person=user).delete()
    Share.objects.filter(person=user).delete()
    Share.only_people.through.objects.filter(user=user).delete()
