"""Charity and company numbers: the formats the UK's registers use, checked and written one way.

- Charity Commission (England and Wales): 6 or 7 digits, and a linked charity adds a dash and 1 or 2 digits
  (1123456-1).
- Scottish Charity Regulator: SC and 6 digits (SC012345).
- Charity Commission for Northern Ireland: NIC and 6 digits (NIC100002); older numbers are 3 to 6 digits.
- Companies House: 8 characters, either 8 digits (01234567) or 2 letters and 6 digits (SC123456, OC301234,
  NI612345).

A number is written in capitals without spaces, so "sc 012 345" and "SC012345" are the same number.
"""

import re

FORMATS = [
    re.compile(r"\d{3,7}"),  # a charity in England and Wales (6 or 7), or an older one in Northern Ireland (3 to 6)
    re.compile(r"\d{6,7}-\d{1,2}"),  # a linked charity in England and Wales
    re.compile(r"SC\d{6}"),  # a Scottish charity (Scottish companies look the same)
    re.compile(r"NIC\d{6}"),  # a charity in Northern Ireland
    re.compile(r"\d{8}"),  # a company in England and Wales
    re.compile(r"[A-Z]{2}\d{6}"),  # a company with a prefix: SC, NI, OC, SO, NC, IP, RS...
]
EXAMPLES = "like 1123456, SC012345, NIC100002 or 01234567"


def normalise(value):
    """The number in capitals without spaces or other gaps; "" for nothing."""
    return "".join((value or "").split()).upper()


def is_valid(value):
    """Whether a normalised number has one of the formats above."""
    return any(pattern.fullmatch(value) for pattern in FORMATS)
