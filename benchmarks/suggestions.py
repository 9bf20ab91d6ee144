"""Precision and recall of the redaction suggestions on hand-labelled fixtures.

Each fixture is a sentence as Whisper writes it (mangled names and numbers included) with the
identifiers a careful editor would redact. A labelled identifier counts as found when a
suggestion covers any of its words; a suggestion is a false alarm when it covers none.
Baseline: exact, case-insensitive matching of the gazetteer and a plain 7+-digit regex, which
is what a detector built for clean text does.

Then the time to suggest over a two-hour interview (20,000 words), without and with where a voice
detector heard speech (suggestions reach over it; speech with no words is suggested), and to
look for 100 redacted terms in it (what the review does on every redaction page), against
scoring each window and term one by one in Python, the way a first version did.

Run: .venv/bin/python benchmarks/suggestions.py
"""

import os
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.test")

import django  # noqa: E402
import jellyfish  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

django.setup()

from archive.redaction.detect import GazetteerEntry, Word, suggest, term_matches  # noqa: E402
from archive.redaction.matching import Target, letters  # noqa: E402

GAZETTEER = [
    GazetteerEntry("Daniel Ortega Ruiz", "person"),
    GazetteerEntry("Marisol Rueda", "person"),
    GazetteerEntry("Julio Castillo", "person"),
    GazetteerEntry("San Pedro Sula", "place"),
    GazetteerEntry("Fresno", "place"),
]
# (sentence, [identifiers]): identifiers are exact substrings of the sentence.
FIXTURES = [
    ("My name is Daniel Ordegaris and I work here.", ["Daniel Ordegaris"]),
    ("I live with my wife Marisol rode a in town.", ["Marisol rode a"]),
    ("The paper said 20987654 and nothing else.", ["20987654"]),
    ("They gave me Ah 5551234567 to call.", ["5551234567"]),
    ("My A number is A 2 0 9 8 7 6 5 4 3.", ["2 0 9 8 7 6 5 4 3"]),
    ("Call five five five, one two three, four five six seven.", ["five five five"]),
    ("Mi número es cinco cinco cinco, uno dos tres cuatro cinco seis siete.", ["cinco cinco"]),
    ("Era el 7 -1 -4, 5 -5 -5 -0 -1 -9emos, y nada más.", ["7 -1 -4,"]),
    ("My email is juan at gmail dot com okay.", ["juan at gmail dot com"]),
    ("Escríbame a juan arroba gmail punto com por favor.", ["juan arroba gmail"]),
    ("I was born on March 3, 1985 in a small town.", ["March 3, 1985"]),
    ("We lived at 1420 Elm Street near the church.", ["1420 Elm Street"]),
    ("Vivimos en San Pedro Sula muchos años.", ["San Pedro Sula"]),
    ("Then agent Johnson told me to sign.", ["Johnson"]),
    ("Un día pararon a mi hermano Julio en la carretera.", ["Julio"]),
    ("Mi hermano Julio Castiyo no volvió.", ["Julio Castiyo"]),
    ("I have lived in Fresno, California, for twelve years.", ["Fresno"]),
    ("They stopped me outside the hardware store in March.", []),
    ("Nunca llamamos. Por eso quiero contar lo que pasó.", []),
    ("I waited 12 years and 3 months for an answer.", []),
    ("We decided to tell our story instead.", []),
    ("El oficial me dijo que firmara el papel.", []),
]


def words(text):
    return [Word(i, i * 0.4, i * 0.4 + 0.3, f" {t}", 0.9) for i, t in enumerate(text.split())]


def word_range(text, phrase):
    start = text.index(phrase)
    first = len(text[:start].split())
    return first, first + len(phrase.split()) - 1


def ours(text):
    return [(s.first, s.last) for s in suggest(words(text), GAZETTEER)]


def baseline(text):
    found = []
    tokens = text.split()
    for entry in GAZETTEER:
        for part in entry.text.split():
            found += [(i, i) for i, t in enumerate(tokens) if t.strip(".,").lower() == part.lower()]
    found += [(i, i) for i, t in enumerate(tokens) if re.fullmatch(r"\D*\d{7,}\D*", t)]
    return found


def overlap(a, b):
    return a[0] <= b[1] and b[0] <= a[1]


def score(detector):
    hits = labelled = true_alarms = alarms = 0
    for text, identifiers in FIXTURES:
        found = detector(text)
        alarms += len(found)
        ranges = [word_range(text, phrase) for phrase in identifiers]
        labelled += len(ranges)
        hits += sum(any(overlap(span, label) for span in found) for label in ranges)
        true_alarms += sum(any(overlap(span, label) for label in ranges) for span in found)
    return hits / labelled, (true_alarms / alarms if alarms else 1.0)


def long_interview(count=20_000):
    random.seed(7)  # a fixed, reproducible pseudo-transcript
    vocabulary = " ".join(text for text, _ in FIXTURES).split()
    picks = [random.choice(vocabulary) for _ in range(count)]  # noqa: S311
    return [Word(i, i * 0.36, i * 0.36 + 0.3, f" {word}", 0.9) for i, word in enumerate(picks)]


def voice_stretches(words, sentence=12):
    """Where a voice detector would hear speech: a stretch over each run of `sentence` words,
    running on 0.2 s past the last, as speech goes on past Whisper's timings."""
    return [
        [words[i].start, words[min(i + sentence, len(words)) - 1].end + 0.2]
        for i in range(0, len(words), sentence)
    ]


def scalar_score(candidate, target):
    """The first version's per-pair score: same rules, one rapidfuzz/jellyfish call at a time."""
    heard = letters(candidate)
    if not heard or not 0.6 <= len(heard) / len(target.letters) <= 1.6:
        return 0
    spelling = fuzz.ratio(heard, target.letters)
    if len(target.letters) <= 4:
        return spelling if spelling >= 90 else 0
    if spelling >= 85:
        return spelling
    if spelling >= 55 and fuzz.ratio(jellyfish.metaphone(heard), target.sound) >= 85:
        return min(spelling + 30, 99)
    return 0


def one_by_one(words, targets):
    """The baseline: every window against every target, a call each."""
    hits = 0
    for target in targets:
        longest = len(target.text.split()) + 2
        for start in range(len(words)):
            for length in range(1, longest + 1):
                window = "".join(w.text for w in words[start : start + length])
                hits += scalar_score(window, target) > 0
    return hits


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


if __name__ == "__main__":
    recall, precision = score(ours)
    base_recall, base_precision = score(baseline)
    print(f"fixtures: {len(FIXTURES)} sentences, {sum(len(i) for _, i in FIXTURES)} identifiers")
    print(f"ours:     recall {recall:.2f}  precision {precision:.2f}")
    print(f"baseline: recall {base_recall:.2f}  precision {base_precision:.2f}")
    print(f"recall ratio ours/baseline: {recall / base_recall:.1f}x")

    words = long_interview()
    terms = [
        Target.of(f"Person {chr(65 + i % 26)}{i} Apellido{i}", str(i), "person") for i in range(100)
    ]
    suggest_seconds = timed(suggest, words, GAZETTEER)
    speech = voice_stretches(words)
    with_speech_seconds = timed(suggest, words, GAZETTEER, speech)
    ours_seconds = timed(term_matches, words, terms)
    baseline_seconds = timed(one_by_one, words, terms)
    print(f"suggest over {len(words)} words: {suggest_seconds:.2f} s")
    print(
        f"suggest over {len(words)} words with {len(speech)} stretches of speech: "
        f"{with_speech_seconds:.2f} s"
    )
    print(
        f"100 redacted terms over {len(words)} words: ours {ours_seconds:.2f} s, "
        f"one by one {baseline_seconds:.1f} s, "
        f"{baseline_seconds / ours_seconds:.0f}x"
    )
