"""UK postcodes, read without calling anyone: the district is the part before the space ("OX4" of "OX4 1AB")."""

import re

FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def tidy(postcode):
    """Capitals with one space before the last three characters, as Royal Mail writes them."""
    squashed = "".join((postcode or "").upper().split())
    match = FULL_POSTCODE.match(squashed)
    if match:
        return f"{match.group(1)} {match.group(2)}"
    return " ".join((postcode or "").upper().split())


def district_of(text):
    """The postcode district a person typed, from a full postcode or a district alone; "" if it is neither."""
    squashed = "".join((text or "").upper().split())
    match = FULL_POSTCODE.match(squashed)
    if match:
        return match.group(1)
    if DISTRICT.match(squashed):
        return squashed
    return ""
