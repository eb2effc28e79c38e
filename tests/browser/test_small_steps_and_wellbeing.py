"""A person with no organisation keeps their own small steps and wellbeing answers, in a real browser with
JavaScript on and off; axe checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import open_from_menu
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _answer(page, click_through, scores):
    for question, score in scores.items():
        page.get_by_role("group", name=re.compile(question)).get_by_role("radio", name=str(score), exact=True).check()
    click_through(page.get_by_role("button", name="Save my answers"))


def test_a_person_adds_small_steps_takes_a_break_comes_back_and_answers_twice(page, sign_in, click_through):
    person = UserFactory(name="Jo Lane")
    sign_in(person)

    # Small steps: a goal in their own words, two steps, one with a day already past and never called late.
    open_from_menu(page, click_through, "Your own place")
    click_through(page.get_by_role("link", name="Your small steps"))
    click_through(page.get_by_role("link", name="Add a goal"))
    page.get_by_label("What would you like?").fill("Feel confident on the phone")
    click_through(page.get_by_role("button", name="Save your goal"))
    page.get_by_label("What is one small step?").fill("Ring my cousin for five minutes")
    click_through(page.get_by_role("button", name="Save your step"))
    click_through(page.get_by_role("link", name=re.compile("^Add a small step")))
    page.get_by_label("What is one small step?").fill("Call the library to ask about courses")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2020")
    click_through(page.get_by_role("button", name="Save your step"))
    main = page.locator("main")
    expect(main).to_contain_text("A day you had in mind: 2 January 2020")
    for word in ("late", "overdue", "missed"):
        expect(main).not_to_contain_text(re.compile(rf"\b{word}\b", re.IGNORECASE))
    click_through(page.get_by_role("button", name=re.compile("I did it.*Ring my cousin")))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Well done. You did it.")
    expect(main).to_contain_text("Things you have done")

    # A break, and back again: everything is where it was.
    click_through(page.get_by_role("link", name="Take a break"))
    click_through(page.get_by_role("button", name="Start my break"))
    expect(page.get_by_role("heading", name="You are taking a break")).to_be_visible()
    click_through(page.get_by_role("button", name="I am ready to come back"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Welcome back.")
    expect(main).to_contain_text("Call the library to ask about courses")

    # Wellbeing, twice: the table shows both answers.
    open_from_menu(page, click_through, "Your own place")
    click_through(page.get_by_role("link", name="Your wellbeing"))
    expect(main).to_contain_text("Office for National Statistics")
    click_through(page.get_by_role("link", name="Answer the questions"))
    _answer(page, click_through, {"satisfied": 6, "worthwhile": 7, "happy": 5, "anxious": 6})
    click_through(page.get_by_role("link", name="Answer the questions"))
    _answer(page, click_through, {"satisfied": 7, "worthwhile": 8, "happy": 8, "anxious": 2})
    expect(page.get_by_role("img", name=re.compile("^Your answers over time"))).to_be_visible()
    table = page.get_by_role("table", name=re.compile("^Your answers"))
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("(high)")
    expect(table).to_contain_text("(low)")
