"""Check the words Included itself shows: every template, and every framework file.

A page misses the target if its reading age is above 9 (once it has enough words to judge) or if any sentence
is longer than 25 words. The command lists each miss with its line, and exits with an error if there is one,
so CI fails until the words are fixed.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from included.language.checking import SENTENCE_WORD_LIMIT, TARGET_READING_AGE, FlagKind, check_text
from included.language.template_text import framework_text, line_of, template_text

TEMPLATE_SUFFIXES = {".html", ".txt"}


class Command(BaseCommand):
    help = "Check that Included's own templates and framework files meet the reading age and sentence targets."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            help="Templates, framework files or folders to check. By default, all of Included's.",
        )
        parser.add_argument("--reading-age", type=int, default=TARGET_READING_AGE, help="The highest reading age.")
        parser.add_argument(
            "--sentence-words", type=int, default=SENTENCE_WORD_LIMIT, help="The most words in one sentence."
        )
        parser.add_argument(
            "--fail-on-inclusive",
            action="store_true",
            help="Also fail when a page uses words from the inclusive-language list.",
        )

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR)
        pages = list(self._pages(root, options["paths"]))
        misses = 0
        for path in pages:
            problems, summary = self._check(path, options)
            name = _shown_name(path, root)
            if problems:
                misses += 1
                self.stdout.write(self.style.ERROR(f"Miss: {name} ({summary})"))
                for problem in problems:
                    self.stdout.write(f"  {problem}")
            elif options["verbosity"] >= 2:
                self.stdout.write(f"OK: {name} ({summary})")
        if misses:
            raise CommandError(
                f"{misses} of {len(pages)} pages miss the target: reading age {options['reading_age']} or under, "
                f"sentences of {options['sentence_words']} words or fewer."
            )
        self.stdout.write(self.style.SUCCESS(f"All {len(pages)} pages meet the target."))

    def _pages(self, root, paths):
        if paths:
            for given in paths:
                path = Path(given)
                if not path.exists():
                    raise CommandError(f"There is no file or folder called {given}.")
                if path.is_dir():
                    yield from sorted(p for p in path.rglob("*") if _is_checkable(p))
                else:
                    yield path
            return
        included = root / "included"
        yield from sorted(
            path
            for path in included.rglob("*")
            if _is_checkable(path) and "templates" in path.relative_to(included).parts
        )
        yield from sorted((included / "frameworks" / "data").glob("*.yaml"))

    def _check(self, path, options):
        """Problems with one page, and a one-line summary of its scores."""
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            return [f"could not be read: {error}"], "unreadable"
        if path.suffix in {".yaml", ".yml"}:
            try:
                prose = framework_text(source)
            except yaml.YAMLError as error:
                return [f"is not valid YAML: {error}"], "unreadable"
            versions = [(prose.text, prose.line_of)]
        else:
            # Blanking keeps every offset, so lines are counted in the file as it is.
            versions = [
                (template_text(source, branch=branch), lambda offset: line_of(source, offset))
                for branch in ("first", "last")
            ]
        problems = {}
        checked = [(check_text(text), text, where) for text, where in versions]
        busiest = max(checked, key=lambda item: item[0].scores.words)[0]
        if not busiest.scores.words:
            return [], "no words"
        ages = [report.scores.reading_age_years for report, _, _ in checked if report.enough_words_for_scores]
        longest = max(report.scores.longest_sentence_words for report, _, _ in checked)
        if ages:
            summary = f"reading age {max(ages)}, longest sentence {longest} words"
            if max(ages) > options["reading_age"]:
                problems["age"] = (
                    f"reading age {max(ages)}: aim for {options['reading_age']} or under. "
                    "Use shorter sentences and shorter, everyday words."
                )
        else:
            summary = (
                f"{busiest.scores.words} words, too few to judge the reading age, longest sentence {longest} words"
            )
        longest_at = {}
        for report, text, where in checked:
            for sentence in report.sentences:
                if sentence.words > options["sentence_words"]:
                    line = where(sentence.start)
                    if longest_at.get(line, 0) >= sentence.words:
                        continue
                    longest_at[line] = sentence.words
                    words = " ".join(text[sentence.start : sentence.end].split())
                    problems[("sentence", line)] = (
                        f"line {line}: a sentence of {sentence.words} words "
                        f"(aim for {options['sentence_words']} or fewer): “{_shortened(words)}”"
                    )
            if options["fail_on_inclusive"]:
                for flag in report.flags_of(FlagKind.INCLUSIVE_LANGUAGE):
                    line = where(flag.start)
                    problems.setdefault(
                        ("inclusive", line, flag.key), f"line {line}: “{flag.text}”: {flag.suggestion}. {flag.why}"
                    )
        return list(problems.values()), summary


def _is_checkable(path):
    return path.is_file() and (path.suffix in TEMPLATE_SUFFIXES or path.suffix in {".yaml", ".yml"})


def _shown_name(path, root):
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _shortened(words, limit=90):
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
