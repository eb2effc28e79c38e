from django.db import models


class DataLicence(models.TextChoices):
    """The open licences a partnership may publish its data under. Both let anyone reuse it if they credit it."""

    OGL_3 = "ogl-3", "Open Government Licence v3.0"
    CC_BY_4 = "cc-by-4", "Creative Commons Attribution 4.0 International (CC BY 4.0)"

    @property
    def url(self):
        return LICENCE_URLS[self]

    @property
    def short_name(self):
        return LICENCE_SHORT_NAMES[self]


LICENCE_URLS = {
    DataLicence.OGL_3: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    DataLicence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
}
LICENCE_SHORT_NAMES = {DataLicence.OGL_3: "OGL-UK-3.0", DataLicence.CC_BY_4: "CC-BY-4.0"}
