"""The directory: services and spaces, shaped like Open Referral UK 3.0 so the API maps field for field.

Open Referral UK (https://openreferral.org.uk, CC BY-SA 4.0) names the tables: service, location,
service_at_location, schedule, contact, phone, cost_option, language, service_area, accessibility, taxonomy,
taxonomy_term and attribute. Every row has a UUID, as the standard asks, so an imported feed keeps its ids.
Where a person needs more than the standard holds, the extra is plain fields: how to get in (`by_referral`,
`drop_in`, `by_appointment`), who it is for, whether it is free, "led by people with lived experience", and each
place's access features, which the API writes out as `accessibility` entries.
"""

import uuid

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When

from included.core.models import TimeStampedModel

from .enums import AccessFeature, Day, LocationType, Publication, ServiceStatus
from .freshness import fresh_since, freshness
from .postcodes import district_of, tidy


def new_id():
    return uuid.uuid4()


class Taxonomy(models.Model):
    """A list of terms that says what services are for. Ours is in plain words; others (the LGA's) can sit beside."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=2000)
    uri = models.URLField(max_length=300, blank=True)
    version = models.CharField(max_length=40, blank=True)
    # Shown as the "What is it for?" choices on search and on the service form.
    offered_in_search = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=2000)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    term_uri = models.URLField(max_length=300, blank=True)

    class Meta:
        ordering = ["taxonomy__name", "name"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "code"], name="taxonomy_term_code_unique")]

    def __str__(self):
        return self.name


class ServiceQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def published(self):
        """What the public sees: published services of organisations still in the partnership."""
        return self.filter(publication=Publication.PUBLISHED, organisation__archived_at__isnull=True)

    def matching(self, words):
        """Every word in the name, the description or who it is for."""
        query = self
        for word in (words or "").split()[:10]:
            query = query.filter(
                Q(name__icontains=word) | Q(description__icontains=word) | Q(who_it_is_for__icontains=word)
            )
        return query

    def with_term(self, term):
        return self.filter(Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term=term)))

    def in_taxonomy(self, taxonomy):
        return self.filter(Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term__taxonomy=taxonomy)))

    def in_area(self, text):
        """Services at a place in this postcode district, or whose service area or town is named so."""
        text = " ".join((text or "").split())
        if not text:
            return self
        district = district_of(text)
        places = ServiceAtLocation.objects.filter(service=OuterRef("pk"))
        if district:
            return self.filter(Exists(places.filter(location__postcode_district=district)))
        return self.filter(
            Exists(places.filter(location__city__icontains=text))
            | Exists(ServiceArea.objects.filter(service=OuterRef("pk"), name__icontains=text))
        )

    def with_access(self, features):
        """Services with at least one place that has every one of these access features."""
        if not features:
            return self
        places = ServiceAtLocation.objects.filter(service=OuterRef("pk"))
        places = places.filter(**{f"location__{feature}": True for feature in features})
        return self.filter(Exists(places))

    def freshest_first(self, today=None):
        """Ranked by freshness (included/directory/freshness.py): every fresh one alike, then the most recently
        checked, then by name. Ordering by the date itself ranks exactly as the score does, and the database can
        do it."""
        since = fresh_since(today)
        checked = Case(When(last_checked_on__gte=since, then=Value(since)), default=F("last_checked_on"))
        return self.order_by(checked.desc(nulls_last=True), "name", "pk")

    def freshest_page(self, start, size, *, most, today=None):
        """Rows `start` to `start + size` in `freshest_first` order, and how many there are up to `most + 1`, in four
        queries whatever the list's length, none of which sorts every match.

        The list is read in three parts, each from an index in its own order: the fresh ones by name, the others
        most recently checked first, then any never checked. Each part gives its first `start + size` ids at most,
        so the page is among them wherever it falls; `start + size` must not pass `most`, so that is never more
        than `most` ids a part. The matches are counted once, only up to `most + 1`, so a word that most services
        hold costs no more to count in a large directory than in a small one: a total over `most` means "more than
        `most`". Returns (rows, total).
        """
        since = fresh_since(today)
        parts = [
            (Q(last_checked_on__gte=since), ["name", "pk"]),
            (Q(last_checked_on__lt=since), ["-last_checked_on", "name", "pk"]),
            (Q(last_checked_on__isnull=True), ["name", "pk"]),
        ]
        ranked = []
        for where, order in parts:
            ranked += self.filter(where).order_by(*order).values_list("pk", flat=True)[: start + size]
        ids = ranked[start : start + size]
        total = self.order_by().values("pk")[: most + 1].count()
        rows = {row.pk: row for row in self.model._default_manager.filter(pk__in=ids).for_lists()}
        return [rows[pk] for pk in ids], total

    def for_lists(self):
        return self.select_related("organisation").prefetch_related("places__location")


class Service(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="services")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=3000)
    who_it_is_for = models.TextField("Who it is for", max_length=1000, blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    by_referral = models.BooleanField("Someone refers you", default=False)
    drop_in = models.BooleanField("Drop in", default=False)
    by_appointment = models.BooleanField("Make an appointment", default=False)
    is_free = models.BooleanField("Free", default=True)
    fees = models.CharField("What it costs", max_length=500, blank=True)
    url = models.URLField("Website", max_length=300, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    publication = models.CharField(max_length=10, choices=Publication.choices, default=Publication.DRAFT)
    lived_experience_led = models.BooleanField("Led by people with lived experience", default=False)
    # When someone last said the details are right: publishing, saving a change, or confirming it (freshness.py).
    last_checked_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    terms = models.ManyToManyField(TaxonomyTerm, through="Attribute", related_name="services")
    version = models.PositiveIntegerField(default=1)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(publication__in=Publication.values), name="service_publication_known"),
            models.CheckConstraint(condition=Q(status__in=ServiceStatus.values), name="service_status_known"),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="service_ages_in_order",
            ),
        ]
        indexes = [
            # The reminders of services due a check.
            models.Index(fields=["partnership", "publication", "last_checked_on"]),
            # The Open Referral API's lists, and the fresh services of "Find help", in name order, a page at a time.
            models.Index(fields=["partnership", "publication", "name", "id"], name="service_published_by_name"),
            # The other services of "Find help", most recently checked first (ServiceQuerySet.freshest_page).
            models.Index(
                fields=["partnership", "publication", "-last_checked_on", "name", "id"],
                name="service_published_by_check",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_published(self):
        return self.publication == Publication.PUBLISHED

    @property
    def freshness(self):
        return freshness(self.last_checked_on)

    @property
    def ways_in(self):
        from .enums import WayIn

        return [way.label for way in WayIn if getattr(self, way.value)]

    @property
    def locations(self):
        return [place.location for place in self.places.all()]


class Attribute(models.Model):
    """Open Referral's link between a service and a taxonomy term: what the service is for."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes")

    class Meta:
        ordering = ["taxonomy_term__name"]
        constraints = [models.UniqueConstraint(fields=["service", "taxonomy_term"], name="attribute_once_per_term")]

    def __str__(self):
        return str(self.taxonomy_term_id)


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["option", "pk"]

    def __str__(self):
        return self.option or str(self.amount)


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=20, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Contact(models.Model):
    """Who to ask about a service: a role or a named person the organisation chose to publish, with a phone."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name or self.title


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=40)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["number", "pk"]

    def __str__(self):
        return self.number


class ServiceArea(models.Model):
    """Where people must live or be to use a service, in words ("Riverside borough")."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=40, blank=True)
    uri = models.URLField(max_length=300, blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Location(TimeStampedModel):
    """A place an organisation runs services from, with what it has for disabled people."""

    ACCESS_FIELDS = [feature.value for feature in AccessFeature]

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="locations")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="locations")
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=1000, blank=True)
    address_1 = models.CharField("Address", max_length=200, blank=True)
    city = models.CharField("Town or city", max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField("Postcode", max_length=10, blank=True)
    postcode_district = models.CharField(max_length=4, blank=True, db_index=True, editable=False)
    country = models.CharField(max_length=2, default="GB")
    latitude = models.DecimalField(max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    step_free = models.BooleanField(AccessFeature.STEP_FREE.label, default=False)
    hearing_loop = models.BooleanField(AccessFeature.HEARING_LOOP.label, default=False)
    bsl = models.BooleanField(AccessFeature.BSL.label, default=False)
    quiet_space = models.BooleanField(AccessFeature.QUIET_SPACE.label, default=False)
    accessible_toilet = models.BooleanField(AccessFeature.ACCESSIBLE_TOILET.label, default=False)
    accessibility_details = models.TextField("More about access", max_length=1000, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90), name="location_latitude"
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for name, value in self.postcode_fields(self.postal_code).items():
            setattr(self, name, value)
        if kwargs.get("update_fields") is not None and "postal_code" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "postcode_district"}
        super().save(*args, **kwargs)

    @staticmethod
    def postcode_fields(postal_code):
        """The postcode as saved, and its district, for writes that skip `save()` (core.versions)."""
        postal_code = tidy(postal_code)
        return {"postal_code": postal_code, "postcode_district": district_of(postal_code)}

    @property
    def access_features(self):
        return [feature.label for feature in AccessFeature if getattr(self, feature.value)]

    @property
    def one_line_address(self):
        return ", ".join(part for part in [self.address_1, self.city, self.postal_code] if part)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="places")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="places")

    class Meta:
        ordering = ["location__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="service_at_location_once")]

    def __str__(self):
        return f"{self.service_id} at {self.location_id}"


class Schedule(models.Model):
    """Regular opening times: every week on these days, from this time to that (iCalendar's WEEKLY rule)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    freq = models.CharField(max_length=10, default="WEEKLY")
    byday = models.CharField(max_length=40, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.byday

    @property
    def day_names(self):
        labels = dict(Day.choices)
        return [labels[day] for day in self.byday.split(",") if day in labels]


class CheckReminderQuerySet(models.QuerySet):
    def due_in(self, partnership, today=None):
        """One reminder row for each published service whose details passed six months since they were last
        checked, made now if it is new. A service checked again gets a new row when it is next due, so its owners
        are reminded once each time, never twice for the same check."""
        due = Service.objects.for_partnership(partnership).published().filter(last_checked_on__lt=fresh_since(today))
        due = list(due.values_list("pk", "last_checked_on"))
        CheckReminder.objects.bulk_create(
            [CheckReminder(service_id=pk, checked_on=checked_on) for pk, checked_on in due], ignore_conflicts=True
        )
        return self.filter(service__in=[pk for pk, _ in due], service__last_checked_on=F("checked_on"))


class CheckReminder(models.Model):
    """A service due a check, once for each time it was last checked: the thing its owners are emailed about
    (the notification kind `service_check_due`). Notifications name things by a whole number, hence this row."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="check_reminders")
    checked_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CheckReminderQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["service", "checked_on"], name="one_reminder_per_check")]

    def __str__(self):
        return f"{self.service_id} checked {self.checked_on}"

    @property
    def still_due(self):
        return self.service.is_published and self.service.last_checked_on == self.checked_on
