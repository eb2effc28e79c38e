"""Hostile input never breaks a page: no 500s, and no template code from anyone's input ever runs.

Every URL pattern is opened with GET, with bad strings in its slugs and ids and in its query string; every page with
a form is sent bad strings in its fields, as a signed-in person with the right to send it. It runs on SQLite and on
PostgreSQL (set DATABASE_URL), which refuses a NUL character anywhere in text.

Not every string in every field: each form gets each bad string in all its text fields at once (and in every field
at once), a NUL in each field on its own, and 1 MB of text once. That finds what a full cross product would, in a
fraction of the time.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlencode

from included.coproduction import services as coproduction_services
from tests.core.test_role_page_matrix import PAGES, PUBLIC, SIGNED_IN
from tests.core.test_role_post_matrix import POSTS, PostWorld
from tests.factories import UserFactory
from tests.frameworks.samples import SMALL_FRAMEWORK
from tests.helpers import read_download
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.django_db

NUL = "before\x00after"
TEMPLATE = "ran as: {{ 7*7 }} :end{% debug %}"
BAD = {
    "nul": NUL,
    "surrogate": "lone \ud800 half",
    "bidi": "right\u202eto left",
    "template": TEMPLATE,
    "sql": "' OR 1=1; --",
    "script": "<script>alert(1)</script>",
}
LONG = "a" * (1024 * 1024)
# What {{ 7*7 }} would become if someone's words were ever rendered as a template, and what {% debug %} prints.
# The signs hold spaces so that no random token on a page (a CSRF token, a CSP nonce) can ever match one by chance:
# a nonce that happened to hold "X49Y" once failed a run.
RAN_AS_TEMPLATE = ["ran as: 49 :end", "'csrf_token':", "&#x27;csrf_token&#x27;:"]
# At most this many fields get the 1 MB of text at once, so the request stays under DATA_UPLOAD_MAX_MEMORY_SIZE.
LONG_FIELDS = 4
QUERY_NAMES = ["page", "list", "next", "token", "setup", "sector", "q"]

# Patterns outside the matrices, and how to name something real in them.
PLACEHOLDERS = {
    "token": lambda w: w.take_part_token,
    "key": lambda w: "x",
    "uidb36": lambda w: "1",
    "app_label": lambda w: "auth",
    "url": lambda w: "nothing-here/",
    "object_id": lambda w: "1",
    "content_type_id": lambda w: "1",
}
ANONYMOUS_PAGES = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_from_key",
    "account_confirm_login_code",
    "coproduction:take_part",
    "invitations:accept",
    "invitations:claim",
}


def _patterns():
    """(name, [(route piece, is_regex)], view) for every URL pattern."""

    def walk(resolver, pieces, namespace):
        for pattern in resolver.url_patterns:
            piece = (str(pattern.pattern), type(pattern.pattern).__name__ == "RegexPattern")
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, [*pieces, piece], pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, [*pieces, piece], pattern.callback

    return list(walk(get_resolver(), [], None))


PATTERNS = _patterns()
ROUTE_PART = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _regex_groups(piece):
    """(start, end, name) of each named group in a regex, matching brackets by hand."""
    groups = []
    for match in re.finditer(r"\(\?P<(\w+)>", piece):
        depth, index = 0, match.start()
        while index < len(piece):
            depth += {"(": 1, ")": -1}.get(piece[index], 0) if piece[index - 1 : index] != "\\" else 0
            index += 1
            if depth == 0:
                break
        groups.append((match.start(), index, match.group(1)))
    return groups


def _parts(pieces):
    """Each URL argument in these pieces, with its converter ("regex" for a regex group)."""
    parts = {}
    for piece, is_regex in pieces:
        if is_regex:
            parts |= {name: "regex" for _, _, name in _regex_groups(piece)}
        else:
            parts |= {m["name"]: m["converter"] or "str" for m in ROUTE_PART.finditer(piece)}
    return parts


def _build(pieces, values):
    """The path for these pieces with these (already quoted) values."""
    path = ""
    for piece, is_regex in pieces:
        if is_regex:
            for start, end, name in reversed(_regex_groups(piece)):
                piece = piece[:start] + values[name] + piece[end:]
            path += piece.lstrip("^").rstrip("$")
        else:
            path += ROUTE_PART.sub(lambda m: values[m["name"]], piece)
    return "/" + path


class HostileWorld(PostWorld):
    """The POST matrix's world, with a staff account for the admin and links that work for take-part pages."""

    def __init__(self):
        super().__init__()
        self.users["staff"] = UserFactory(is_staff=True, is_superuser=True, with_two_step=True)
        self.users["anonymous"] = None
        _link, self.take_part_token = coproduction_services.create_contribution_link(
            self.activity, by=self.users["admin_a"]
        )
        self.invitation_token = InvitationFactory(partnership=self.partnership).token


def _real_values(world, name, parts):
    builder = (PAGES.get(name) or POSTS.get(name) or (None, None))[1]
    values = {key: str(value) for key, value in (builder(world) if builder else {}).items()}
    if name == "invitations:accept":
        values["token"] = world.invitation_token
    for part in parts:
        values.setdefault(part, str(PLACEHOLDERS.get(part, lambda w: "x")(world)))
    return {key: quote(value, safe="") for key, value in values.items()}


def _role(name):
    """Who opens a page: someone with the right to it, so that the page does its work."""
    who = (PAGES.get(name) or POSTS.get(name) or (None,))[0]
    if name and name.startswith(("admin:", "www:host_")):
        return "staff"  # a superuser: the admin's staff, and the host who starts partnerships
    if name in ANONYMOUS_PAGES:
        return "anonymous"
    if who in (PUBLIC, None, SIGNED_IN):
        return "coordinator" if who == PUBLIC else "member_a"
    return sorted(who)[0]


def _client(world, role):
    client = Client(raise_request_exception=False)
    if world.users.get(role) is not None:
        client.force_login(world.users[role])
    return client


def _encoded(value):
    """Bytes for a form, as a browser would send them: a lone surrogate is sent as its (invalid) UTF-8 bytes."""
    return value.encode("utf-8", "surrogatepass")


def _problems_with(response, label):
    content = read_download(response) if hasattr(response, "streaming_content") else response.content
    text = content.decode("utf-8", "replace")
    problems = []
    if response.status_code >= 500:
        problems.append(f"{label}: {response.status_code}")
    for sign in RAN_AS_TEMPLATE:
        if sign in text:
            problems.append(f"{label}: rendered {sign!r}, so input ran as a template")
    return problems


# Forms on a page ---------------------------------------------------------------------------------------------------


class _Forms(HTMLParser):
    """Each form on a page: its method, its action and its fields, with the values the page gave them."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"), "fields": []}
            )
            return
        if not self.forms or "name" not in attrs and tag != "option":
            return
        fields = self.forms[-1]["fields"]
        if tag == "button" or tag == "input" and (attrs.get("type") or "").lower() in ("submit", "image"):
            # The button a person presses is sent too, and views act on which one it was.
            if (attrs.get("type") or "submit").lower() == "submit" or tag == "input":
                fields.append(
                    {"name": attrs["name"], "kind": "submit", "value": attrs.get("value") or "", "numeric": False}
                )
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("button", "reset"):
                return
            fields.append(
                {
                    "name": attrs["name"],
                    "kind": kind,
                    "value": attrs.get("value") or "",
                    "checked": "checked" in attrs,
                    "numeric": attrs.get("inputmode") == "numeric" or kind == "number",
                }
            )
        elif tag == "textarea":
            self._textarea = {"name": attrs["name"], "kind": "textarea", "value": "", "numeric": False}
            fields.append(self._textarea)
        elif tag == "select":
            self._select = {"name": attrs["name"], "kind": "select", "value": "", "options": [], "numeric": False}
            self._select["multiple"] = "multiple" in attrs
            fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select["options"].append(value)
            if "selected" in attrs:
                self._select["value"] = value

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data


def _post_form(html, path):
    """The fields of the first form on the page that posts back to it (or anywhere, if none does)."""
    parser = _Forms()
    parser.feed(html)
    posting = [form for form in parser.forms if form["method"] == "post"]
    own = [form for form in posting if not form["action"] or form["action"].split("?")[0] == path]
    chosen = (own or posting or [{"fields": []}])[0]
    return chosen["fields"]


def _get_forms(html):
    parser = _Forms()
    parser.feed(html)
    return [field["name"] for form in parser.forms if form["method"] == "get" for field in form["fields"]]


TEXT_KINDS = {"text", "textarea", "search"}
DATE_PARTS = {"0": "1", "1": "1", "2": "2026"}
# Values that fields with a shape accept, so that a form with bad words in its free text can still be saved.
SHAPED = {
    "email": "someone@example.org",
    "url": "https://example.org/",
    "tel": "01234 567890",
    "password": "a long and private passphrase",
}


def _valid(field):
    """A value the page would accept for a field that is not free text: what it had, or the first choice."""
    if field["kind"] == "select":
        return field["value"] or next((option for option in field["options"] if option), "")
    if field["kind"] in ("radio", "checkbox"):
        return field["value"] or "on"
    if field["numeric"] and not field["value"]:
        return DATE_PARTS.get(field["name"].rsplit("_", 1)[-1], "1")
    return field["value"] or SHAPED.get(field["kind"], "")


def _plain(field):
    """Ordinary words for a free-text field: a web address where the field asks for links."""
    return (
        "https://example.org/" if re.search("link|url|website", field["name"]) else "Plain words that say what we did."
    )


def _form_data(fields, text_value, other_value=None):
    """Form data with `text_value` in each free-text field (ordinary words if None). `other_value`, if given, goes in
    every other field too; otherwise they get values the page accepts, so that the form can get as far as saving."""
    chosen_radio = {}
    for field in fields:
        if field["kind"] == "radio" and (field["checked"] or field["name"] not in chosen_radio):
            chosen_radio[field["name"]] = field
    data = {}
    for field in fields:
        name = field["name"]
        if field["kind"] == "file":
            continue
        if field["kind"] in TEXT_KINDS and not field["numeric"]:
            value = _encoded(_plain(field)) if text_value is None else text_value
        elif other_value is not None:
            value = other_value
        elif _left_out(field, chosen_radio):
            continue
        else:
            value = _encoded(_valid(field))
        data.setdefault(name, []).append(value)
    return data


def _left_out(field, chosen_radio):
    """A radio button not chosen: a browser sends nothing for it. Every box is ticked, as some must be to save."""
    return field["kind"] == "radio" and chosen_radio[field["name"]] is not field


def _files(fields, content, name="evidence.txt"):
    # A file's name goes in a header, which the test client writes as UTF-8: a lone surrogate becomes "?".
    name = name.encode("utf-8", "replace").decode()
    return {
        field["name"]: SimpleUploadedFile(name, content, content_type="text/plain")
        for field in fields
        if field["kind"] == "file"
    }


# The tests -------------------------------------------------------------------------------------------------------


def _pattern_id(entry):
    name, pieces, _view = entry
    return name if name and not name.endswith(":None") else "".join(piece for piece, _ in pieces)


@pytest.mark.parametrize("entry", PATTERNS, ids=[_pattern_id(entry) for entry in PATTERNS])
def test_bad_strings_in_urls_never_break_a_page(entry):
    name, pieces, _view = entry
    world = HostileWorld()
    client = _client(world, _role(name))
    parts = _parts(pieces)
    values = _real_values(world, name, parts)
    url = _build(pieces, values)
    problems = []

    response = client.get(url)
    problems += _problems_with(response, url)
    names = QUERY_NAMES
    if response.status_code == 200 and not response.streaming:
        names = names + _get_forms(response.content.decode("utf-8", "replace"))
    for label, bad in BAD.items():
        query = urlencode({name: _encoded(bad) for name in names})
        problems += _problems_with(client.get(f"{url}?{query}"), f"{label} in the query of {url}")
    for part, converter in parts.items():
        # Slugs and numbers never match bad strings, so those reach only the "page not found" page.
        strings = BAD if converter in ("str", "path", "regex") else {"nul": NUL, "template": TEMPLATE}
        if converter in ("str", "path", "regex"):
            strings = strings | {"long": LONG}
        for label, bad in strings.items():
            hostile = _build(pieces, values | {part: quote(_encoded(bad), safe="")})
            problems += _problems_with(client.get(hostile), f"{label} as <{part}> of {url}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("entry", PATTERNS, ids=[_pattern_id(entry) for entry in PATTERNS])
def test_bad_strings_in_form_fields_never_break_a_page(entry):
    name, pieces, _view = entry
    world = HostileWorld()
    role = _role(name)
    client = _client(world, role)
    parts = _parts(pieces)
    path = _build(pieces, _real_values(world, name, parts))
    extras = POSTS[name][2] if name in POSTS and len(POSTS[name]) > 2 else {}
    url = path + (extras["query"](world, world.users.get(role)) if "query" in extras else "")
    page = client.get(url)
    if page.streaming:
        read_download(page)
    if page.status_code != 200 and name not in POSTS:
        return
    html = page.content.decode("utf-8", "replace") if page.status_code == 200 and not page.streaming else ""
    fields = _post_form(html, path)
    if not fields and name not in POSTS:
        return
    if not fields:
        fields = [{"name": key, "kind": "text", "value": "", "numeric": False} for key in extras.get("data", {"x": ""})]
    problems = []

    def send(label, data, files=None):
        response = client.post(url, {**data, **(files or {})})
        problems.extend(_problems_with(response, f"{label} sent to {url}"))
        return response

    for label, bad in BAD.items():
        content = _encoded(bad)
        send(f"{label} in every text field", _form_data(fields, content), _files(fields, content))
        send(f"{label} in every field", _form_data(fields, content, content), _files(fields, content, bad + ".txt"))
    # A NUL in one field, with ordinary values in the rest, so that the form gets as far as it can with it.
    names = list(dict.fromkeys(field["name"] for field in fields if field["name"] != "csrfmiddlewaretoken"))
    for field_name in names:
        field = next(field for field in fields if field["name"] == field_name)
        baseline = _form_data(fields, None)
        if field["kind"] == "file":
            response = send(f"NUL in the name of {field_name}", baseline, _files(fields, b"Plan.", NUL + ".txt"))
        else:
            response = send(
                f"NUL in {field_name} alone", baseline | {field_name: [_encoded(NUL)]}, _files(fields, b"Plan.")
            )
        if response.status_code in (301, 302, 303) and html:
            # Something was saved: the page's form now holds new values (a version number, say).
            fields = _post_form(client.get(url).content.decode("utf-8", "replace"), path) or fields
    long_fields = [f["name"] for f in fields if f["kind"] in TEXT_KINDS and not f["numeric"]][:LONG_FIELDS]
    send("1 MB of text", _form_data(fields, None) | {field: [LONG.encode()] for field in long_fields})
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("label", list(BAD))
def test_bad_strings_sent_to_the_words_checker_as_json_never_break_it(label):
    """JSON can carry what a form cannot: a lone surrogate arrives as itself."""
    world = HostileWorld()
    client = _client(world, "member_a")
    bad = BAD[label]
    body = {"text": bad, "render": "advice", "return_to": bad, "easy_read": False}
    problems = []

    for url in (reverse("language:api"), reverse("language:api", kwargs=world.p)):
        for payload in (body, body | {"render": bad}, body | {"advice": bad}, {bad: bad}):
            response = client.post(url, json.dumps(payload), content_type="application/json")
            problems += _problems_with(response, f"{label} in {sorted(payload)} sent to {url}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("escape", ["\\0", "\\x00", "\\u0000", "\\ud800"])
def test_a_framework_file_with_escaped_nul_is_refused_with_a_clear_message(escape):
    """YAML turns "\\0" in double quotes into a NUL character, which no database should be sent."""
    world = HostileWorld()
    client = _client(world, "coordinator")
    url = reverse("frameworks:upload", kwargs=world.p)
    text = re.sub(r"^name: .*$", lambda _: f'name: "Bad{escape}name"', SMALL_FRAMEWORK, count=1, flags=re.M)
    assert text != SMALL_FRAMEWORK

    response = client.post(url, {"file": SimpleUploadedFile("framework.yaml", text.encode(), "application/yaml")})

    assert response.status_code == 200
    assert "cannot be stored" in response.content.decode()


def test_the_audits_address_with_a_nul_in_it_is_a_page_not_found():
    world = HostileWorld()
    client = _client(world, "coordinator")

    path = client.get(f"/p/{world.partnership.slug}/frameworks/emif/%00/")
    query = client.get(reverse("assessments:register", kwargs=world.p) + "?page=1%00")

    assert path.status_code == 404
    assert "Page not found" in path.content.decode()
    assert query.status_code == 400
    assert "Something is wrong with the web address" in query.content.decode()


def test_an_admin_action_sent_with_made_up_ids_is_refused_with_a_message():
    world = HostileWorld()
    client = _client(world, "staff")
    url = reverse("admin:coproduction_reallivingwagerate_changelist")

    response = client.post(url, {"action": "delete_selected", "_selected_action": ["1", "two"]}, follow=True)

    assert response.status_code == 200
    assert "Choose items from the list, then try again." in response.content.decode()
