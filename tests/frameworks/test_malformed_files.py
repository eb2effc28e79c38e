"""A framework file with mistakes is refused as a whole, and every problem names its place in plain words."""

import pytest

from included.core.models import AuditEvent
from included.frameworks.fileformat import MAX_FILE_BYTES, MAX_PROBLEMS_SHOWN, ordinal
from included.frameworks.loader import FrameworkFileError, load_framework_file
from included.frameworks.models import Framework, FrameworkItem, FrameworkSection, FrameworkVersion, ItemPrompt

from .samples import SMALL_FRAMEWORK, edited, line_of

pytestmark = pytest.mark.django_db

YAML_BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""
LAST_LEVEL = "  - level: 5\n    name: Leading\n    descriptor: We do this everywhere.\n"
EMPLOYER_PROMPT = "- group: employers\n            kind: what_works"


def problems_loading(content):
    """The problems reported for `content`, after checking that nothing at all was saved."""
    models = (Framework, FrameworkVersion, FrameworkSection, FrameworkItem, ItemPrompt, AuditEvent)
    before = [model.objects.count() for model in models]
    with pytest.raises(FrameworkFileError) as refused:
        load_framework_file(content.encode() if isinstance(content, str) else content)
    assert [model.objects.count() for model in models] == before
    return refused.value.problems


def case(old, new, *expected, on_line_of_new=-1):
    """A mistake made by editing the small framework, and the problems it causes.

    {line} in a message stands for the line of the edited file that holds the new words (by default their last
    line; `on_line_of_new` picks another).
    """
    text = edited(SMALL_FRAMEWORK, old, new)
    new_lines = new.rstrip("\n").split("\n")
    line = line_of(SMALL_FRAMEWORK, old) + range(len(new_lines))[on_line_of_new]
    return text, [message.format(line=line) for message in expected]


def whole(text, *expected):
    return text, list(expected)


MALFORMED = {
    "missing key": whole(
        edited(SMALL_FRAMEWORK, "        title: Open your doors\n", ""),
        f"sections → 2nd section → items → 2nd item → title (line {line_of(SMALL_FRAMEWORK, '- key: open-doors')}): "
        "this is missing.",
    ),
    "unknown key": case(
        "    assessed: true\n",
        "    assessed: true\n    colour: red\n",
        "sections → 2nd section → colour (line {line}): this key is not known. "
        "The keys allowed here are: key, title, intro, assessed, items.",
    ),
    "misspelt key": case(
        "short_name: Pledge",
        "shortname: Pledge",
        'shortname (line {line}): this key is not known. Did you mean "short_name"? The keys allowed here are: '
        "format, slug, name, short_name, version, credit, source_url, description, scale, stakeholder_groups, "
        "sections.",
        "short_name: this is missing.",
    ),
    "wrong type": case(
        "assessed: true",
        "assessed: [yes]",
        "sections → 2nd section → assessed (line {line}): this must be true (organisations rate themselves on "
        "these items) or false.",
    ),
    "text that YAML reads as yes or no": case(
        "name: Employers",
        "name: yes",
        "stakeholder_groups → 1st group → name (line {line}): this must be text, but YAML reads it as a yes or "
        'no value. Put the words in quotes, like "yes".',
    ),
    "version written as a number with a dot": case(
        'version: "1"',
        "version: 1.10",
        'version (line {line}): this must be text, but it is a number. Put it in quotes, like "1.0".',
    ),
    "a scale of one level": whole(
        SMALL_FRAMEWORK[: SMALL_FRAMEWORK.index("  - level: 2")]
        + SMALL_FRAMEWORK[SMALL_FRAMEWORK.index("stakeholder_groups:") :],
        f"scale (line {line_of(SMALL_FRAMEWORK, 'scale:')}): this must have from 2 to 5 levels, but it has 1.",
    ),
    "duplicate section title": case(
        "title: Our promises",
        "title: first steps",
        'sections → 2nd section → title (line {line}): another section is already called "First steps". '
        "Give each section its own title.",
    ),
    "duplicate item title in a section": case(
        "title: Open your doors",
        "title: Pay a  fair wage",
        "sections → 2nd section → items → 2nd item → title (line {line}): another item in this section is already "
        'called "Pay a fair wage". Give each item its own title.',
    ),
    "six scale levels": whole(
        edited(SMALL_FRAMEWORK, LAST_LEVEL, LAST_LEVEL + LAST_LEVEL.replace("5", "6")),
        f"scale (line {line_of(SMALL_FRAMEWORK, 'scale:')}): this must have from 2 to 5 levels, but it has 6.",
        f"scale → 6th level → level (line {line_of(SMALL_FRAMEWORK, LAST_LEVEL) + 3}): this must be a whole number "
        "from 1 to 5.",
    ),
    "scale level out of range": case(
        "  - level: 2\n",
        "  - level: 9\n",
        "scale → 2nd level → level (line {line}): this must be a whole number from 1 to 5.",
    ),
    "scale levels in the wrong order": whole(
        edited(
            edited(SMALL_FRAMEWORK, "level: 1\n", "level: 2\n"),
            "level: 2\n    name: Getting",
            "level: 1\n    name: Getting",
        ),
        "scale → 1st level → level (line 10): this should be 1. List the levels in order, from 1 to 5.",
        "scale → 2nd level → level (line 13): this should be 2. List the levels in order, from 1 to 5.",
    ),
    "duplicate item key": case(
        "key: open-doors",
        "key: fair-pay",
        'sections → 2nd section → items → 2nd item → key (line {line}): "fair-pay" is already the key of the '
        "1st item in the 2nd section. Each item needs its own key.",
    ),
    "duplicate section key": case(
        "key: promises",
        "key: first-steps",
        'sections → 2nd section → key (line {line}): another section already has the key "first-steps".',
    ),
    "unknown group in a prompt": case(
        EMPLOYER_PROMPT,
        EMPLOYER_PROMPT.replace("employers", "shops"),
        "sections → 2nd section → items → 1st item → prompts → 1st prompt → group (line {line}): there is no "
        'stakeholder group called "shops". Use one of: all, employers, funders.',
        on_line_of_new=0,
    ),
    "unknown kind of prompt": case(
        "kind: can_strengthen",
        "kind: could_do_better",
        "sections → 2nd section → items → 1st item → prompts → 2nd prompt → kind (line {line}): "
        '"could_do_better" is not a kind of prompt. Use one of: what_works, can_strengthen, question.',
    ),
    "unknown sector": case(
        "[employer]",
        "[employer, shop]",
        'stakeholder_groups → 1st group → sectors → 2nd sector (line {line}): "shop" is not a sector Included '
        "knows. Use one of: public_body, employer, vcse, education, funder, community_group.",
    ),
    "sector in two groups": case(
        "[funder, public_body]",
        "[funder, employer]",
        'stakeholder_groups → 2nd group → sectors → 2nd sector (line {line}): "employer" is already in the group '
        '"employers". A sector can be in one group only.',
    ),
    "group with no sectors": case(
        "[funder, public_body]",
        "[]",
        "stakeholder_groups → 2nd group → sectors (line {line}): this needs at least 1 sector.",
    ),
    "group key kept for everyone": case(
        "key: funders",
        "key: all",
        'stakeholder_groups → 2nd group → key (line {line}): "all" is kept for prompts meant for everyone. '
        "Choose another key.",
    ),
    "slug with spaces": case(
        "slug: riverside-pledge",
        "slug: Riverside Pledge",
        'slug (line {line}): "Riverside Pledge" cannot be used. Use only small letters, numbers and hyphens, '
        'like "co-production", up to 60 characters.',
    ),
    "version with a slash": case(
        'version: "1"',
        'version: "2025/26"',
        'version (line {line}): "2025/26" cannot be used. Use only letters, numbers, dots and hyphens, '
        'like "2" or "2025.1".',
    ),
    "web address that is not one": case(
        "source_url: https://example.org/pledge",
        "source_url: javascript:alert(1)",
        "source_url (line {line}): this must be a full web address, starting with https:// or http://.",
    ),
    "another format": case(
        "format: included-framework/1",
        "format: included-framework/2",
        'format (line {line}): this must be "included-framework/1". This version of Included reads only that format.',
    ),
    "empty title": case(
        "title: Pay a fair wage",
        "title:",
        "sections → 2nd section → items → 1st item → title (line {line}): this is empty. Write something here.",
    ),
    "title far too long": case(
        "title: Pay a fair wage",
        "title: " + "pay " * 100,
        "sections → 2nd section → items → 1st item → title (line {line}): this is 399 characters long. "
        "It can be at most 250 characters.",
    ),
    "nothing to rate": whole(
        edited(SMALL_FRAMEWORK, "assessed: true", "assessed: false"),
        f"sections (line {line_of(SMALL_FRAMEWORK, 'sections:')}): at least one section must have assessed: true, "
        "so that organisations have something to rate.",
    ),
    "section with no items": whole(
        edited(
            SMALL_FRAMEWORK,
            '    items:\n      - key: sign-up\n        number: "1"\n        title: Sign up\n',
            "    items: []\n",
        ),
        f"sections → 1st section → items (line {line_of(SMALL_FRAMEWORK, '    items:')}): this needs at least 1 item.",
    ),
    "key written twice": case(
        "slug: riverside-pledge",
        "slug: riverside-pledge\nslug: another",
        'Line {line}: "slug" is written twice in the same place. Keep one and delete the other.',
    ),
    "bad YAML syntax": case(
        "name: Employers",
        "name: Employers: big ones",
        "Line {line}, column 20: there is a colon the file did not expect. If the words have a colon in them, "
        "put all the words in quotes.",
    ),
    "tab for indenting": case(
        "    name: Employers",
        "\tname: Employers",
        "Line {line}, column 1: there is a tab here. Use spaces to indent lines, not tabs.",
    ),
    "two documents in one file": whole(
        SMALL_FRAMEWORK + "---\nslug: another\n",
        f"Line {SMALL_FRAMEWORK.count(chr(10)) + 1}, column 1: the file holds more than one document (a line with "
        "--- in the middle). Keep only one framework in each file.",
    ),
    "empty file": whole("", "The file is empty."),
    "only spaces": whole("   \n\n  ", "The file is empty."),
    "only comments": whole("# a framework will go here\n", "The file is empty: it has no framework in it."),
    "a list instead of a mapping": whole(
        "- format: included-framework/1\n- slug: riverside-pledge\n",
        'The file must be a set of named keys, starting with lines like "format: included-framework/1" and '
        '"slug: my-framework". This file holds a list instead.',
    ),
    "plain words instead of a mapping": whole(
        "Our framework has three promises.",
        'The file must be a set of named keys, starting with lines like "format: included-framework/1" and '
        '"slug: my-framework". This file holds text instead.',
    ),
    "sections as a mapping instead of a list": whole(
        SMALL_FRAMEWORK[: SMALL_FRAMEWORK.index("sections:")] + "sections:\n  first-steps:\n    key: first-steps\n",
        f"sections (line {line_of(SMALL_FRAMEWORK, 'sections:')}): this must be a list, but it is a set of named keys.",
    ),
    "script in the text is only text": whole(
        edited(SMALL_FRAMEWORK, "title: Sign up", "title: !!python/object/apply:os.system ['echo hacked']"),
        f"Line {line_of(SMALL_FRAMEWORK, 'title: Sign up')}, column 16: there is a ! that YAML reads as a tag. "
        "Put the words in quotes.",
    ),
    "YAML bomb": whole(
        YAML_BOMB,
        "Line 2, column 8: this uses a YAML alias (a name after *). Write the words out in full instead.",
    ),
    "very deep nesting": whole(
        "a: " + "[" * 5000 + "]" * 5000,
        "Line 1, column 23: this is nested more than 20 levels deep. A framework file never needs that.",
    ),
}


@pytest.mark.parametrize("name", list(MALFORMED), ids=list(MALFORMED))
def test_a_malformed_file_is_refused_with_every_problem_named_by_its_place(name):
    text, expected = MALFORMED[name]
    assert problems_loading(text) == expected


def test_the_small_framework_itself_loads():
    version = load_framework_file(SMALL_FRAMEWORK.encode()).version
    assert [item.number for item in version.items.order_by("section__position", "position")] == ["1", "1", "2"]


def test_a_scale_of_two_to_five_levels_loads():
    four = load_framework_file(edited(SMALL_FRAMEWORK, LAST_LEVEL, "").encode()).version
    assert [level["name"] for level in four.scale] == ["Not started", "Getting started", "Doing some", "Doing well"]
    assert four.highest_level["level"] == 4


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    expected = [
        "The file is bigger than 1 MB. A framework file is much smaller than that: check that you chose the right file."
    ]
    assert problems_loading(huge) == expected
    assert problems_loading(huge.read_bytes()) == expected


def test_bytes_that_are_not_utf8_are_refused_with_their_line():
    content = SMALL_FRAMEWORK.encode().replace(b"Two promises", b"Two \xe9promises")
    assert problems_loading(content) == [
        f"Line {line_of(SMALL_FRAMEWORK, 'Two promises')}: the file is not saved as UTF-8 text, so some letters "
        "cannot be read. Save the file as UTF-8 and try again."
    ]


def test_a_binary_file_is_refused_by_its_content():
    png_header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    assert problems_loading(png_header) == [
        "This is not a text file. A framework file is plain text, written in YAML and saved as UTF-8."
    ]


def test_a_file_saved_with_a_byte_order_mark_loads():
    version = load_framework_file(b"\xef\xbb\xbf" + SMALL_FRAMEWORK.encode()).version
    assert version.framework.slug == "riverside-pledge"


def test_words_that_look_like_html_are_kept_as_plain_words():
    text = edited(SMALL_FRAMEWORK, "title: Sign up", 'title: "<script>alert(1)</script>"')
    version = load_framework_file(text.encode()).version
    assert version.items.get(key="sign-up").title == "<script>alert(1)</script>"


def test_every_problem_in_a_file_is_listed_at_once():
    text = edited(SMALL_FRAMEWORK, "slug: riverside-pledge", "slug: Riverside Pledge")
    text = edited(text, "[employer]", "[shop]")
    text = edited(text, "title: Open your doors", "title:")
    assert [problem.split(" (line")[0] for problem in problems_loading(text)] == [
        "slug",
        "stakeholder_groups → 1st group → sectors → 1st sector",
        "sections → 2nd section → items → 2nd item → title",
    ]


def test_a_file_with_very_many_problems_lists_the_first_ones_and_says_how_many_more():
    bad_prompt = "\n          - group: all\n            kind: works\n            text: A question."
    text = SMALL_FRAMEWORK.rstrip("\n") + bad_prompt * (MAX_PROBLEMS_SHOWN + 10) + "\n"
    problems = problems_loading(text)
    assert len(problems) == MAX_PROBLEMS_SHOWN + 1
    assert problems[-1] == "There are 10 more problems. Fix the ones above, then try again."


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (103, "103rd"),
        (111, "111th"),
    ],
)
def test_places_are_counted_in_plain_ordinals(number, expected):
    assert ordinal(number) == expected


def test_a_file_saved_as_utf16_is_refused_with_what_to_do():
    assert problems_loading(SMALL_FRAMEWORK.encode("utf-16")) == [
        "The file is saved as UTF-16 text. Save it as UTF-8 and try again."
    ]


@pytest.mark.parametrize("escape", ["\\0", "\\x00", "\\u0000", "\\ud800"])
def test_an_escape_for_a_character_that_cannot_be_stored_is_refused_with_its_line(escape):
    text = edited(SMALL_FRAMEWORK, "name: Riverside Good Work Pledge", f'name: "Riverside{escape} Pledge"')

    assert problems_loading(text.encode()) == [
        f"Line {line_of(text, 'name: ')}: there is a character here that cannot be stored. It is written with a "
        "backslash, like \\0 or \\x00. Delete it and try again."
    ]
