"""The words a Django template shows, and the words in a framework file, ready to be checked.

Template syntax is blanked out letter for letter, so that every offset in the result is the same offset in the
file, and a flag can say which line it is on. Plain Python: no Django here.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

import yaml

# Django's own template syntax does not span lines, so neither do these patterns (see django.template.base.tag_re).
COMMENT_BLOCK = re.compile(r"{%\s*comment\b[^\n]*?%}.*?(?:{%\s*endcomment\s*%}|\Z)", re.DOTALL)
VERBATIM_TAG = re.compile(r"{%\s*(?:verbatim|endverbatim)\b[^\n]*?%}")
VERBATIM_BLOCK = re.compile(r"{%\s*verbatim\b[^\n]*?%}.*?(?:{%\s*endverbatim\b[^\n]*?%}|\Z)", re.DOTALL)
COMMENT = re.compile(r"{#[^\n]*?#}")
VARIABLE = re.compile(r"{{[^\n]*?}}")
TAG = re.compile(r"{%[^\n]*?%}")
# A template tag or variable that is never closed: blank it to the end of its line, as Django would show it.
UNCLOSED = re.compile(r"{[{%#][^\n]*")
# An opening brace whose tag does not close on its line can hide a real tag later on the same line; it is
# blanked first only when no closing brace follows it on that line.
UNCLOSED_IN_LINE = re.compile(r"{[{%#](?![^\n]*[}%#]})[^\n]*")
# What a variable becomes: one short word, as a name or a number usually is.
PLACEHOLDER = "X"


def template_text(source, *, branch="first"):
    """The template with its syntax blanked out: comments and tags vanish, and variables become one short word
    (or nothing, straight after a word, where they are usually an ending like "{{ count|pluralize }}").

    Only one branch of each {% if %} / {% elif %} / {% else %} (and each {% for %} / {% empty %}) is kept, as a
    page shows only one: the first branch, or with branch="last" the last one (nothing, for an "if" with no
    "else"). Checking both ways checks every word at least once, without joining alternatives into one sentence.
    """
    keep = [(match.start(), match.end()) for match in VERBATIM_BLOCK.finditer(source)]
    text = COMMENT_BLOCK.sub(_blank, source)
    text = _outside(text, keep, COMMENT, _blank)
    text = _outside(text, keep, UNCLOSED_IN_LINE, _blank)
    text = _one_branch(text, keep, branch)
    text = _outside(text, keep, VARIABLE, lambda match: _placeholder(match, text))
    text = _outside(text, keep, TAG, _blank)
    text = _outside(text, keep, UNCLOSED, _blank)
    text = VERBATIM_TAG.sub(_blank, text)
    return text


BRANCHING = re.compile(r"{%\s*(if|elif|else|endif|for|empty|endfor)\b[^\n]*?%}")
OPENS = {"if": "endif", "for": "endfor"}
SPLITS = {"elif": "if", "else": "if", "empty": "for"}


def _one_branch(text, keep, branch):
    """Blank every branch of each if-block and for-block but the one chosen."""
    blanks = []
    stack = []
    for match in BRANCHING.finditer(text):
        if any(start <= match.start() < end for start, end in keep):
            continue
        word = match.group(1)
        if word in OPENS:
            stack.append({"kind": word, "bounds": [match.end()], "starts": [match.start()]})
        elif word in SPLITS:
            if stack and stack[-1]["kind"] == SPLITS[word]:
                stack[-1]["bounds"].append(match.start())
                stack[-1]["bounds"].append(match.end())
        elif stack and OPENS[stack[-1]["kind"]] == word:
            block = stack.pop()
            bounds = [*block["bounds"], match.start()]
            branches = list(zip(bounds[0::2], bounds[1::2], strict=False))
            # With no {% else %}, the last way through shows nothing of the block.
            last = branches[-1] if len(branches) > 1 else None
            chosen = branches[0] if branch == "first" else last
            blanks.extend(span for span in branches if span != chosen)
    if not blanks:
        return text
    characters = list(text)
    for start, end in blanks:
        for position in range(start, end):
            if characters[position] != "\n":
                characters[position] = " "
    return "".join(characters)


def _outside(text, keep, pattern, replace):
    if not keep:
        return pattern.sub(replace, text)

    def replace_outside(match):
        if any(start <= match.start() < end for start, end in keep):
            return match.group()
        return replace(match)

    return pattern.sub(replace_outside, text)


def _blank(match):
    return "".join(character if character == "\n" else " " for character in match.group())


def _placeholder(match, text):
    if match.start() > 0 and text[match.start() - 1].isalnum():
        return _blank(match)
    return PLACEHOLDER + " " * (len(match.group()) - len(PLACEHOLDER))


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


@dataclass
class FrameworkText:
    """Every piece of prose in a framework file, joined with blank lines, and where each piece came from."""

    text: str
    starts: list
    lines: list

    def line_of(self, offset):
        index = max(0, bisect_right(self.starts, offset) - 1)
        return self.lines[index] + self.text.count("\n", self.starts[index], offset)


def framework_text(source):
    """The prose of a framework YAML file: every string with a space in it, with its line in the file.
    Keys, slugs and web addresses have no spaces, so they are left out."""
    root = yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    pieces = []
    _collect(root, pieces)
    text_parts = []
    starts = []
    lines = []
    position = 0
    for line, value in pieces:
        starts.append(position)
        lines.append(line)
        text_parts.append(value)
        position += len(value) + 2
    return FrameworkText(text="\n\n".join(text_parts), starts=starts, lines=lines)


def _collect(node, pieces):
    if node is None:
        return
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if node.tag.endswith(":str") and " " in value.strip() and any(character.isalpha() for character in value):
            pieces.append((node.start_mark.line + 1, value.strip()))
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _collect(child, pieces)
    elif isinstance(node, yaml.MappingNode):
        for _key, child in node.value:
            _collect(child, pieces)
