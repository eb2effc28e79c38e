"""Small framework files for tests, so that a test's line numbers do not move when the shipped files change."""

SMALL_FRAMEWORK = """\
format: included-framework/1
slug: riverside-pledge
name: Riverside Good Work Pledge
short_name: Pledge
version: "1"
credit: Written by the Riverside partnership for its members.
source_url: https://example.org/pledge
description: Two promises our members make.
scale:
  - level: 1
    name: Not started
    descriptor: We have not started yet.
  - level: 2
    name: Getting started
    descriptor: We have taken a first step.
  - level: 3
    name: Doing some
    descriptor: We do this in some of our work.
  - level: 4
    name: Doing well
    descriptor: We do this in most of our work.
  - level: 5
    name: Leading
    descriptor: We do this everywhere.
stakeholder_groups:
  - key: employers
    name: Employers
    sectors: [employer]
  - key: funders
    name: Funders and councils
    sectors: [funder, public_body]
sections:
  - key: first-steps
    title: First steps
    intro: Where to begin.
    assessed: false
    items:
      - key: sign-up
        number: "1"
        title: Sign up
  - key: promises
    title: Our promises
    assessed: true
    items:
      - key: fair-pay
        number: 1
        title: Pay a fair wage
        summary: Pay at least the real Living Wage.
        guidance: Ask your payroll team to check.
        prompts:
          - group: employers
            kind: what_works
            text: Do you pay everyone enough to live on?
          - group: all
            kind: can_strengthen
            text: Who is still paid too little?
      - key: open-doors
        number: 2
        title: Open your doors
        summary: Invite local people in to see your work.
        prompts:
          - group: all
            kind: question
            text: When did you last invite people in?
"""


def edited(text, old, new):
    assert old in text, f"the test's starting text is missing {old!r}"
    return text.replace(old, new, 1)


def line_of(text, fragment):
    """The line number (from 1) on which `fragment` first appears."""
    assert fragment in text, f"{fragment!r} is not in the text"
    return text[: text.index(fragment)].count("\n") + 1
