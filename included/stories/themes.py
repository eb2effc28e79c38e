"""The themes that come with Included, in plain words. A partnership can add its own in the admin."""

THEMES = [
    ("getting-into-work", "Getting into work"),
    ("staying-in-work", "Staying in work"),
    ("peer-support", "Peer support"),
    ("co-production", "Working together with people with lived experience"),
    ("accessible-information", "Easy read and accessible information"),
    ("recruitment", "Recruitment and hiring"),
    ("wellbeing", "Wellbeing"),
    ("skills-and-training", "Skills and training"),
    ("digital-access", "Digital access"),
    ("partnership-working", "Working with partners"),
    ("funding-and-commissioning", "Funding and commissioning"),
]


def add_shipped_themes(theme_model):
    """Add the shipped themes that are missing. Takes the model so the data migration can pass its historical one;
    the demo calls it too, as a test that empties the database also empties what migrations added."""
    for position, (slug, name) in enumerate(THEMES):
        theme_model.objects.get_or_create(partnership=None, slug=slug, defaults={"name": name, "position": position})
