"""Grants in the 360Giving Data Standard (https://standard.threesixtygiving.org/, CC BY 4.0, by 360Giving).

Each award becomes one grant: who gave it, who got it, how much, when and under which programme. The JSON is a
360Giving data package; the CSV uses the standard's column titles. tests/commissioning/test_giving.py checks the
JSON against the published schema kept in the shared standards folder.
"""

import csv
import io
import re

from django.utils import timezone
from django.utils.text import slugify

SCHEMA_VERSION = "1.4"
# The standard's package must hold at least one grant, so with no awards there is no file: the download and the API
# answer 404 with these words instead of a package that the standard refuses.
NO_GRANTS = (
    "No grants have been given through this partnership's funding rounds yet, so there is no 360Giving file. "
    "It appears after the first award."
)
# Organisations without a charity or company number get an identifier from Included's own records, as the standard
# allows for organisations without a registered number ("GB-..." prefixes need one).
OWN_PREFIX = "XI-INCLUDED"
CSV_COLUMNS = [
    ("Identifier", lambda g: g["id"]),
    ("Title", lambda g: g["title"]),
    ("Description", lambda g: g["description"]),
    ("Currency", lambda g: g["currency"]),
    ("Amount Applied For", lambda g: g["amountAppliedFor"]),
    ("Amount Awarded", lambda g: g["amountAwarded"]),
    ("Award Date", lambda g: g["awardDate"]),
    ("Recipient Org:Identifier", lambda g: g["recipientOrganization"][0]["id"]),
    ("Recipient Org:Name", lambda g: g["recipientOrganization"][0]["name"]),
    ("Recipient Org:Charity Number", lambda g: g["recipientOrganization"][0].get("charityNumber", "")),
    ("Recipient Org:Company Number", lambda g: g["recipientOrganization"][0].get("companyNumber", "")),
    ("Funding Org:Identifier", lambda g: g["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda g: g["fundingOrganization"][0]["name"]),
    ("Grant Programme:Code", lambda g: g["grantProgramme"][0]["code"]),
    ("Grant Programme:Title", lambda g: g["grantProgramme"][0]["title"]),
    ("From An Open Call?", lambda g: g["fromOpenCall"]),
    ("Last Modified", lambda g: g["dateModified"]),
    ("Data Source", lambda g: g["dataSource"]),
]


def organisation_id(organisation):
    return f"{OWN_PREFIX}-{organisation.partnership.slug}-{organisation.slug}"


def _organisation(organisation):
    data = {"id": organisation_id(organisation), "name": organisation.name}
    number = "".join(organisation.registration_number.split()).upper()
    # Eight characters is a Companies House number; shorter ones, and SC or NIC ones, are charity numbers.
    if re.fullmatch(r"\d{8}|(?!SC)[A-Z]{2}\d{6}", number):
        data["companyNumber"] = number
    elif number:
        data["charityNumber"] = number
    return data


def _number(amount):
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def grant(application, *, base_url):
    round = application.round
    partnership = round.partnership
    return {
        "id": f"{OWN_PREFIX}-{partnership.slug}-{application.pk}",
        "title": application.title[:140],
        "description": application.summary,
        "currency": "GBP",
        "amountAppliedFor": _number(application.amount_requested),
        "amountAwarded": _number(application.amount_awarded),
        "awardDate": timezone.localdate(application.decided_at).isoformat(),
        "recipientOrganization": [_organisation(application.organisation)],
        "fundingOrganization": [_organisation(round.organisation)],
        "grantProgramme": [
            {"code": f"{partnership.slug}-round-{round.pk}-{slugify(round.title)[:40]}", "title": round.title}
        ],
        "fromOpenCall": "Yes",
        "dateModified": application.updated_at.isoformat(),
        "dataSource": base_url,
    }


class NoGrants(Exception):
    """There are no awards, and a 360Giving package with no grants is not valid."""


def package(partnership, awards, *, base_url):
    """The 360Giving data package of these awards. Raises NoGrants if there are none."""
    grants = [grant(application, base_url=base_url) for application in awards]
    if not grants:
        raise NoGrants(NO_GRANTS)
    return {
        "version": SCHEMA_VERSION,
        "title": f"Grants given through {partnership.name}",
        "description": "Every award made through Included's funding rounds in this partnership.",
        "grants": grants,
    }


def csv_text(partnership, awards, *, base_url):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for title, _ in CSV_COLUMNS])
    for data in package(partnership, awards, base_url=base_url)["grants"]:
        writer.writerow([_safe(value(data)) for _, value in CSV_COLUMNS])
    return out.getvalue()


def _safe(value):
    """A cell a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text) else text


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True
