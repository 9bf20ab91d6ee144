"""Precision and recall of the redaction suggestions on hand-labelled fixtures.

Each fixture is a sentence as Whisper writes it (mangled names and numbers included) with the
identifiers a careful editor would redact. A labelled identifier counts as found when a
suggestion covers any of its words; a suggestion is a false alarm when it covers none.
Baseline: exact, case-insensitive matching of the gazetteer and a plain 7+-digit regex, which
is what a detector built for clean text does.

Run: .venv/bin/python benchmarks/suggestions.py
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.test")

import django  # noqa: E402

django.setup()

from archive.redaction.detect import GazetteerEntry, Word, suggest  # noqa: E402

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


if __name__ == "__main__":
    recall, precision = score(ours)
    base_recall, base_precision = score(baseline)
    print(f"fixtures: {len(FIXTURES)} sentences, {sum(len(i) for _, i in FIXTURES)} identifiers")
    print(f"ours:     recall {recall:.2f}  precision {precision:.2f}")
    print(f"baseline: recall {base_recall:.2f}  precision {base_precision:.2f}")
    print(f"recall ratio ours/baseline: {recall / base_recall:.1f}x")
