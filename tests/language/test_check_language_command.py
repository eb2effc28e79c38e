import textwrap
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from included.language.template_text import framework_text, template_text

LONG_SENTENCE = " ".join(["word"] * 30) + "."
EASY = "We help people find work. We listen first. We meet people where they are. " * 3


def run(*args):
    out = StringIO()
    call_command("check_language", *args, stdout=out)
    return out.getvalue()


def write(folder, name, content):
    path = Path(folder) / name
    path.write_text(textwrap.dedent(content), encoding="utf-8")
    return path


def test_template_syntax_is_blanked_without_moving_any_word():
    source = (
        '{% extends "base.html" %}{# a note #}\n{% comment %}We utilise\nstakeholders.{% endcomment %}'
        '<h1 class="{% if x %}big{% endif %}">Hello {{ user.name }}</h1>\n'
        "<p>{{ count }} suggestion{{ count|pluralize }}</p>{% verbatim %}{{ shown as is }}{% endverbatim %}"
    )
    text = template_text(source)
    assert len(text) == len(source)
    assert "utilise" not in text and "note" not in text and "extends" not in text
    words = " ".join(text.split())
    assert "Hello X" in words
    assert "<p>X suggestion </p>" in words
    assert "{{ shown as is }}" in text
    for offset, character in enumerate(source):
        if character == "\n":
            assert text[offset] == "\n"


def test_each_branch_of_an_if_is_checked_on_its_own():
    source = "<p>You {% if a %}sent it{% elif b %}kept it{% else %}lost it{% endif %} today.</p>"
    assert " ".join(template_text(source, branch="first").split()) == "<p>You sent it today.</p>"
    assert " ".join(template_text(source, branch="last").split()) == "<p>You lost it today.</p>"
    loop = "{% for x in items %}<li>{{ x }}</li>{% empty %}<li>Nothing yet.</li>{% endfor %}"
    assert "Nothing yet" not in template_text(loop, branch="first")
    assert "Nothing yet" in template_text(loop, branch="last")


def test_broken_template_syntax_does_not_stop_the_check():
    for source in [
        "{% if %}",
        "{{ unclosed",
        "Text {% with",
        "{# open",
        "}} %} #}",
        "{% endif %}{% else %}",
        "{{{{}}}}",
    ]:
        assert len(template_text(source)) == len(source)


def test_framework_text_keeps_each_line_number():
    source = (
        "name: A framework\nsections:\n  - key: one\n    title: The first step\n"
        "    summary: >-\n      Say what you\n      will do.\n"
    )
    prose = framework_text(source)
    assert prose.text == "A framework\n\nThe first step\n\nSay what you will do."
    assert prose.line_of(prose.text.index("Say")) == 5


def test_pages_that_meet_the_target_pass(tmp_path):
    write(tmp_path, "good.html", f'{{% extends "base.html" %}}{{% block content %}}<p>{EASY}</p>{{% endblock %}}')
    output = run(str(tmp_path))
    assert "All 1 pages meet the target." in output


def test_a_long_sentence_fails_with_its_line(tmp_path):
    write(tmp_path, "long.html", f"<h1>Title</h1>\n<p>{EASY}</p>\n<p>{LONG_SENTENCE}</p>\n")
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 1 pages miss the target"):
        call_command("check_language", str(tmp_path), stdout=out)
    assert "Miss: " in out.getvalue()
    assert "line 3: a sentence of 30 words (aim for 25 or fewer)" in out.getvalue()


def test_hard_words_fail_on_reading_age(tmp_path):
    hard = "Organisations facilitate sustainable collaboration between stakeholders. " * 6
    write(tmp_path, "hard.html", f"<p>{hard}</p>")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_language", str(tmp_path), stdout=out)
    assert "aim for 9 or under" in out.getvalue()


def test_a_short_page_is_judged_on_sentence_length_only(tmp_path):
    write(tmp_path, "button.html", "<button>Acknowledge</button>")
    assert "All 1 pages meet the target." in run(str(tmp_path))


def test_a_framework_file_with_a_long_sentence_fails_with_its_line(tmp_path):
    write(
        tmp_path,
        "framework.yaml",
        f"name: Test framework\ndescription: >-\n  {EASY}\nitems:\n  - summary: {LONG_SENTENCE}\n",
    )
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_language", str(tmp_path), stdout=out)
    assert "line 5: a sentence of 30 words" in out.getvalue()


def test_a_file_that_is_not_valid_yaml_is_reported(tmp_path):
    write(tmp_path, "broken.yaml", "name: [unclosed\n")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_language", str(tmp_path), stdout=out)
    assert "is not valid YAML" in out.getvalue()


def test_inclusive_language_fails_only_when_asked(tmp_path):
    write(tmp_path, "page.html", f"<p>{EASY} We welcome service users.</p>")
    assert "meet the target" in run(str(tmp_path))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_language", str(tmp_path), "--fail-on-inclusive", stdout=out)
    assert "“service users”" in out.getvalue()


def test_a_missing_path_is_a_clear_error():
    with pytest.raises(CommandError, match="There is no file or folder called nowhere.html"):
        run("nowhere.html")


def test_the_language_pages_themselves_meet_the_target():
    output = run(str(Path(settings.BASE_DIR) / "included" / "language" / "templates"), "-v", "2")
    assert "meet the target" in output
