"""Does a stretch of transcript sound like a name? Fuzzy spelling and phonetic codes.

Whisper hears "Ortega Ruiz" as "Ordegaris" and "Rueda" as "rode a": the letters differ, the
sounds do not. A window of words matches a name when its letters are close (rapidfuzz) or when
its letters are loosely close and its sound (Metaphone, via jellyfish) is very close. Spaces
are ignored on both sides, so a name split into ordinary words is still caught.
"""

import re
import unicodedata
from dataclasses import dataclass

import jellyfish
from rapidfuzz import fuzz

SPELLING_THRESHOLD = 85
SOUND_THRESHOLD = 85
LOOSE_SPELLING_THRESHOLD = 55


def letters(text):
    """Only the letters, folded: 'Ordegaris,' → 'ordegaris', 'rode a' → 'rodea'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[^a-z]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def sound(text):
    folded = letters(text)
    return jellyfish.metaphone(folded).replace(" ", "") if folded else ""


@dataclass(frozen=True)
class Target:
    """A name to listen for: its folded letters and sound, and the entity it belongs to."""

    text: str
    letters: str
    sound: str
    entity: str
    category: str

    @classmethod
    def of(cls, text, entity, category):
        return cls(text, letters(text), sound(text), entity, category)


def similarity(candidate, target):
    """0–100: how much `candidate` (raw text) reads or sounds like `target`; 0 if not at all."""
    candidate_letters = letters(candidate)
    if not candidate_letters or not target.letters:
        return 0
    if not 0.6 <= len(candidate_letters) / len(target.letters) <= 1.6:
        return 0
    spelling = fuzz.ratio(candidate_letters, target.letters)
    if len(target.letters) <= 4:
        # Short names ("Ruiz", "Ana") sound like too many words; only near-exact spelling counts.
        return spelling if spelling >= 90 else 0
    if spelling >= SPELLING_THRESHOLD:
        return spelling
    if spelling >= LOOSE_SPELLING_THRESHOLD and len(target.sound) >= 2:
        heard = sound(candidate)
        if heard and fuzz.ratio(heard, target.sound) >= SOUND_THRESHOLD:
            return min(spelling + 30, 99)
    return 0


def best_window(texts, start, target, max_words):
    """The best-scoring run of up to `max_words` texts from `start`: (score, length)."""
    best = (0, 0)
    for length in range(1, max_words + 1):
        if start + length > len(texts):
            break
        score = similarity("".join(texts[start : start + length]), target)
        if score > best[0]:
            best = (score, length)
    return best
