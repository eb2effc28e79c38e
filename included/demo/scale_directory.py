"""Made-up services and spaces for the organisations `seed_scale` adds: the directory at national scale.

Each service is one of a dozen kinds that local partnerships really run (a job club, benefits advice, a peer
group...), at one or two of its organisation's places, with a postcode, opening times, what it is for, access
features and a contact that is a role ("Reception", "Advice line"), never a person. Most are published; their last
checks are spread over three years, so "Find help" ranks services of every freshness. Phone numbers are from the
range Ofcom keeps for drama (01632 960xxx); email and web addresses end in .example.

Like the rest of the seed, rows are built in memory and saved with `bulk_create` in the caller's transaction.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from included.directory.enums import AccessFeature, Day, Publication
from included.directory.models import (
    Attribute,
    Contact,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from included.directory.postcodes import district_of

BATCH = 2000
SERVICES_PER_ORGANISATION = 3
THREE_YEARS = 3 * 365

# name, what it offers, who it is for, what it is for (our taxonomy's codes), how to get in, cost (empty if free)
KINDS = [
    ("Job club", "Help with CVs, application forms and interviews, with a cup of tea and no pressure.",
     "Anyone looking for work or thinking about it.", ["finding-work"], ["drop_in"], ""),
    ("Benefits and money advice", "Free, private advice on benefits, debts and bills. We can help you fill in forms.",
     "Anyone who lives locally.", ["advice"], ["by_appointment", "drop_in"], ""),
    ("Peer support group", "A friendly group run by people who have faced barriers to work themselves.",
     "Adults who want to talk with people who understand.", ["peer-support", "wellbeing"], ["drop_in"], ""),
    ("Digital drop-in", "Help to get online: email, forms, video calls and staying safe. Laptops to borrow.",
     "Anyone who wants help with a phone, tablet or computer.", ["getting-online"], ["drop_in"], ""),
    ("English conversation class", "Practise speaking English in a small, relaxed group.",
     "Adults who speak English as a second language.", ["english", "learning"], ["by_appointment"], ""),
    ("Volunteering taster", "Try a few hours of volunteering in our café or garden, with a buddy.",
     "Anyone over 16 who wants to try something new.", ["volunteering"], ["by_referral", "by_appointment"], ""),
    ("Safe space café", "A calm, welcoming space to sit, talk or just have a warm drink.",
     "Anyone who needs a quiet place.", ["safe-space", "wellbeing"], ["drop_in"], ""),
    ("Skills for work course", "Six weeks of short sessions on confidence, teamwork and computer basics.",
     "Adults out of work or in insecure work.", ["learning", "finding-work"], ["by_referral"], "£2 a session"),
    ("Wellbeing walk", "A gentle walk once a week, at everyone's own pace, ending with a chat.",
     "Anyone, including people with long-term health conditions.", ["wellbeing"], ["drop_in"], ""),
    ("Food and essentials pantry", "Low-cost food, toiletries and household basics, with advice on hand.",
     "People in the area who are finding money tight.", ["food-and-essentials"], ["by_referral"], "£3 a visit"),
    ("Carers' support group", "Time to talk with other carers, and advice on getting a break.",
     "Unpaid carers of any age.", ["peer-support", "advice"], ["drop_in", "by_appointment"], ""),
    ("Work trial support", "A job coach helps you try a real job for a few weeks, with support at every step.",
     "Disabled people and people with health conditions who want to work.", ["finding-work"], ["by_referral"], ""),
]  # fmt: skip
VENUES = ["Library", "Community Centre", "Family Hub", "Church Hall", "Resource Centre", "Youth Centre", "Town Hall"]
STREETS = ["High Street", "Station Road", "Church Lane", "Market Place", "Mill Lane", "Park Road", "Victoria Street"]
CONTACT_ROLES = ["Reception", "Advice line", "Drop-in team", "Bookings", "Duty adviser", "Front desk"]
OTHER_LANGUAGES = ["Polish", "Urdu", "Punjabi", "Arabic", "Romanian", "Gujarati", "British Sign Language"]
DAY_PATTERNS = [["MO"], ["TU"], ["WE"], ["TH"], ["FR"], ["MO", "WE"], ["TU", "TH"], ["MO", "TU", "WE", "TH", "FR"]]
TIMES = [(9, 0, 12, 0), (9, 30, 16, 0), (10, 0, 14, 0), (13, 0, 16, 30), (18, 0, 20, 0)]
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses at the end of a postcode


def seed_directory(partnership, organisations, count, *, seed, places):
    """Add `count` services to these new organisations of `partnership`, spread evenly, the same for the same
    seed. `places` are the town names the seed uses; each town has its own postcode district."""
    if not organisations or count < 1:
        return []
    rng = random.Random(f"directory-{seed}-{partnership.slug}-{organisations[0].slug}")
    terms = {term.code: term for term in TaxonomyTerm.objects.filter(taxonomy__slug="included")}
    today = timezone.localdate()
    builder = _Directory(rng, partnership, places, terms, today)
    for number in range(count):
        builder.service(organisations[number % len(organisations)], number)
    return builder.save()


class _Directory:
    def __init__(self, rng, partnership, places, terms, today):
        self.rng, self.partnership, self.places, self.terms, self.today = rng, partnership, places, terms, today
        self.services, self.locations, self.links, self.schedules = [], [], [], []
        self.attributes, self.contacts, self.phones, self.languages, self.areas = [], [], [], [], []
        self.places_of = {}  # organisation pk -> its locations made so far

    def service(self, organisation, number):
        rng = self.rng
        name, offers, who, codes, ways_in, fees = rng.choice(KINDS)
        town = rng.choice(self.places)
        checked = self.today - datetime.timedelta(days=rng.randrange(THREE_YEARS))
        published = rng.random() < 0.9
        service = Service(
            partnership=self.partnership,
            organisation=organisation,
            name=f"{name}, {town}",
            description=offers,
            who_it_is_for=who,
            minimum_age=rng.choice([None, None, 16, 18]),
            is_free=not fees,
            fees=fees,
            url=f"https://{organisation.slug}.example/services/{number + 1}" if rng.random() < 0.4 else "",
            email=f"hello@{organisation.slug}.example" if rng.random() < 0.5 else "",
            lived_experience_led=organisation.lived_experience_led or rng.random() < 0.1,
            last_checked_on=checked,
            publication=Publication.PUBLISHED if published else Publication.DRAFT,
            published_at=timezone.make_aware(datetime.datetime.combine(checked, datetime.time(10)))
            if published
            else None,
            **{way: True for way in ways_in},
        )
        self.services.append(service)
        for code in codes[: rng.choice([1, 2])]:
            if code in self.terms:
                self.attributes.append(Attribute(service=service, taxonomy_term=self.terms[code]))
        for location in self._locations_for(organisation, town):
            self.links.append(ServiceAtLocation(service=service, location=location))
        for days in rng.sample(DAY_PATTERNS, rng.choice([1, 1, 2, 3])):
            opens_h, opens_m, closes_h, closes_m = rng.choice(TIMES)
            self.schedules.append(
                Schedule(
                    service=service,
                    byday=",".join(day for day in Day.values if day in days),
                    opens_at=datetime.time(opens_h, opens_m),
                    closes_at=datetime.time(closes_h, closes_m),
                    description="Not on bank holidays" if rng.random() < 0.2 else "",
                )
            )
        contact = Contact(service=service, title=rng.choice(CONTACT_ROLES))
        self.contacts.append(contact)
        self.phones.append(Phone(contact=contact, number=f"01632 960 {rng.randrange(1000):03d}"))
        self.languages.append(Language(service=service, name="English", code="en"))
        if rng.random() < 0.2:
            self.languages.append(Language(service=service, name=rng.choice(OTHER_LANGUAGES)))
        if rng.random() < 0.5:
            self.areas.append(ServiceArea(service=service, name=f"{town} and district"))

    def _locations_for(self, organisation, town):
        """One or two places: most often ones the organisation already runs services from."""
        rng = self.rng
        own = self.places_of.setdefault(organisation.pk, [])
        wanted = 2 if rng.random() < 0.3 else 1
        chosen = []
        while len(chosen) < wanted:
            if own and (len(own) >= 4 or rng.random() < 0.6):
                location = rng.choice(own)
                if location in chosen:
                    break
            else:
                location = self._location(organisation, town)
                own.append(location)
            chosen.append(location)
        return chosen

    def _location(self, organisation, town):
        rng = self.rng
        district = f"RV{self.places.index(town) + 1}"
        postal_code = f"{district} {rng.randrange(1, 10)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}"
        mapped = rng.random() < 0.6
        location = Location(
            partnership=self.partnership,
            organisation=organisation,
            name=f"{town} {rng.choice(VENUES)}",
            address_1=f"{rng.randrange(1, 120)} {rng.choice(STREETS)}",
            city=town,
            postal_code=postal_code,
            postcode_district=district_of(postal_code),
            latitude=Decimal(f"{rng.uniform(52.4, 53.4):.6f}") if mapped else None,
            longitude=Decimal(f"{rng.uniform(-1.8, -0.2):.6f}") if mapped else None,
            **{feature.value: rng.random() < 0.5 for feature in AccessFeature},
        )
        self.locations.append(location)
        return location

    def save(self):
        for model, rows in (
            (Service, self.services),
            (Location, self.locations),
            (ServiceAtLocation, self.links),
            (Schedule, self.schedules),
            (Attribute, self.attributes),
            (Contact, self.contacts),
            (Phone, self.phones),
            (Language, self.languages),
            (ServiceArea, self.areas),
        ):
            model.objects.bulk_create(rows, batch_size=BATCH)
        return self.services
