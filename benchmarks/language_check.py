"""How long the word checker takes on a 10,000-word document, beside textstat's own functions on the same text.

Run from the repository root:

    .venv/bin/python benchmarks/language_check.py            # 10,000 words, 20 runs each
    .venv/bin/python benchmarks/language_check.py --words 50000 --runs 5

It prints the time per check and the figures both give, and exits with an error if the full check (scores and
every flag) takes 100 ms or more, or if any hostile text (built to make a checker slow) takes 2 s or more. See
benchmarks/README.md.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from included.language.checking import check_text, default_lexicon  # noqa: E402 - after the path is set

TARGET_MS = 100
# Texts built to make a checker slow (long runs of one character, deep nesting). Each must be checked within this.
HOSTILE_TARGET_MS = 2000
HOSTILE_TEXTS = {
    "50,000 open brackets": "(" * 50_000,
    "200,000 letters, no spaces": "a" * 200_000,
    "100,000 dashes": "-" * 100_000,
    "20,000 hyphenated words": "word- " * 20_000,
    "100,000 new lines": "\n" * 100_000,
    "50,000 full stops": ". " * 50_000,
    "20,000 abbreviations": "e.g. " * 20_000,
    "50,000 emoji": "\U0001f600" * 50_000,
    "20,000 email addresses": "a@b.co " * 20_000,
    "30,000 web address starts": "www." * 30_000,
}

# Sentences like the ones people write on Included: plain ones, and ones with jargon, labels, passive verbs,
# abbreviations and long sentences, so that every kind of flag is found.
SENTENCES = [
    "We help people find good work near where they live.",
    "Our team meets people where they are and listens first.",
    "We will utilise our stakeholders to facilitate better outcomes going forward.",
    "In order to reach people who are hard to reach, we will leverage our networks.",
    "The form was sent to the DWP by the council last week.",
    "Service users and vulnerable people are welcome at every session we run.",
    "Each employer says what inclusion means for them, in their own words.",
    "People with lived experience review what organisations say, and challenge it.",
    "The partnership was set up in 2018 by local councils, employers and charities.",
    "Applications will be reviewed by the panel and decisions will be communicated in due course.",
    "We track our KPIs every quarter and share them with the board.",
    "Small employers have little time, so forms are short and drafts are saved.",
    "Nobody is pushed into work: goals are the person's own, in small steps.",
    "Notwithstanding the aforementioned considerations, the committee subsequently endeavoured to expedite "
    "implementation of the recommendations in accordance with the overarching strategic objectives.",
    "Voluntary, community and social enterprises (VCSEs) run most of the local projects.",
    "The VCSE sector knows the area well and is trusted by the people it works with.",
    "Young people who are NEETs are supported by the programme through mentoring and training.",
    "Care, trust and safety matter as much as the number of jobs.",
    "It is important to ensure that sufficient resources are made available prior to the commencement of "
    "the programme, and that all partners are consulted on a regular basis throughout its duration.",
    "Tell us what you think, and we will tell you what we did about it.",
]


def make_document(words, seed=2026):
    chooser = random.Random(seed)
    sentences = []
    count = 0
    while count < words:
        sentence = chooser.choice(SENTENCES)
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[start : start + 5]) for start in range(0, len(sentences), 5)]
    return "\n\n".join(paragraphs)


def time_runs(function, text, runs, label):
    """Milliseconds per run. Each run gets a slightly different text, so no cache keyed on the text can help."""
    timings = []
    for run in range(runs):
        varied = f"{text}\n\n{label} run {run}."
        started = time.perf_counter()
        function(varied)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def textstat_offline():
    """textstat, made to work with no network: it asks nltk to download the CMU pronouncing dictionary the first
    time it counts syllables. Without it, textstat falls back to pyphen's hyphenation, which is what we use."""
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = lambda lang: {}
    return textstat


def textstat_scores(textstat, text):
    return {
        "words": textstat.lexicon_count(text),
        "sentences": textstat.sentence_count(text),
        "syllables": textstat.syllable_count(text),
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
        "smog": textstat.smog_index(text),
    }


def describe(name, timings):
    return (
        f"{name:<46} median {statistics.median(timings):7.1f} ms   "
        f"fastest {min(timings):7.1f} ms   slowest {max(timings):7.1f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-textstat", action="store_true", help="Time only Included's checker.")
    options = parser.parse_args()

    text = make_document(options.words)
    started = time.perf_counter()
    default_lexicon()
    loading_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    report = check_text(text)
    first_ms = (time.perf_counter() - started) * 1000
    ours = time_runs(check_text, text, options.runs, "Check")

    print(f"A document of {report.scores.words:,} words in {report.scores.sentences:,} sentences.")
    print(f"Reading Included's word lists once per process: {loading_ms:.1f} ms.")
    print(f"First check in the process (its word caches are empty): {first_ms:.1f} ms.")
    print()
    print(describe("Included check_text (all scores and flags)", ours))

    figures = {
        "words": report.scores.words,
        "sentences": report.scores.sentences,
        "syllables": report.scores.syllables,
        "flesch_reading_ease": report.scores.flesch_reading_ease,
        "flesch_kincaid_grade": report.scores.flesch_kincaid_grade,
        "smog": report.scores.smog,
    }
    if not options.no_textstat:
        textstat = textstat_offline()
        scores = time_runs(lambda varied: textstat_scores(textstat, varied), text, options.runs, "Scores")
        ease = time_runs(textstat.flesch_reading_ease, text, options.runs, "Ease")
        print(describe("textstat: six scores, no flags", scores))
        print(describe("textstat: Flesch reading ease alone", ease))
        theirs = textstat_scores(textstat, text)
        print()
        print(f"{'Figure':<22}{'Included':>12}{'textstat':>12}")
        for name, value in figures.items():
            print(f"{name:<22}{value:>12.2f}{theirs[name]:>12.2f}")
        print(
            "\nThe figures differ where the counting differs: textstat ignores sentences of two words or fewer,\n"
            "and counts syllables from hyphenation points, which undercounts words like 'people' and 'area'."
        )

    flags = {}
    for flag in report.flags:
        flags[flag.label] = flags.get(flag.label, 0) + 1
    print("\nFlags found: " + ", ".join(f"{label} {count:,}" for label, count in sorted(flags.items())))

    slow = []
    print("\nHostile texts, checked once each:")
    for name, hostile in HOSTILE_TEXTS.items():
        started = time.perf_counter()
        check_text(hostile)
        taken_ms = (time.perf_counter() - started) * 1000
        print(f"  {name:<28}{taken_ms:9.1f} ms")
        if taken_ms >= HOSTILE_TARGET_MS:
            slow.append(name)
    if slow:
        print(f"\nToo slow on hostile texts ({', '.join(slow)}): the target is under {HOSTILE_TARGET_MS} ms each.")
        return 1

    median = statistics.median(ours)
    if median >= TARGET_MS:
        print(f"\nToo slow: the median check took {median:.1f} ms. The target is under {TARGET_MS} ms.")
        return 1
    print(f"\nOn target: the median check took {median:.1f} ms, under {TARGET_MS} ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
