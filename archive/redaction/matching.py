"""Does a stretch of transcript sound like a name? Fuzzy spelling and phonetic codes.

Whisper hears "Ortega Ruiz" as "Ordegaris" and "Rueda" as "rode a": the letters differ, the
sounds do not. A window of words matches a name when its letters are close (rapidfuzz), when
its letters are loosely close and its sound (Metaphone, via jellyfish) is very close, or when
both are fairly close at once. Spaces are ignored on both sides, so a name split into ordinary
words is still caught. The suggestions and every leak check (the published text's labels, the
listening check, the publication check) share this one measure.
"""

import re
import unicodedata
from dataclasses import dataclass

import jellyfish
import numpy as np
from rapidfuzz import fuzz, process

SPELLING_THRESHOLD = 85
SOUND_THRESHOLD = 85
LOOSE_SPELLING_THRESHOLD = 55
# Close in both at once: "ánselmoquili" for "Anselmo Urquidi" (85 % and 80 %), "esta mante"
# for "Bustamante" (84 % and 83 %), each just short of one threshold alone.
NEAR_SPELLING_THRESHOLD = 80
NEAR_SOUND_THRESHOLD = 75
# Letters heard against the name's: a stretch much shorter or longer is another thing said.
COMPARABLE_LENGTH = (0.6, 1.6)


def letters(text):
    """Only the letters, folded: 'Ordegaris,' → 'ordegaris', 'rode a' → 'rodea'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[^a-z]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def sound(text):
    return _sound_of_letters(letters(text))


def _sound_of_letters(folded):
    """Metaphone, with "b" and "p" as one sound: Metaphone already joins d/t, g/k, v/f and z/s,
    and Whisper confuses the last voiced pair as readily ("post-amante" for "Bustamante")."""
    return jellyfish.metaphone(folded).replace(" ", "").replace("B", "P") if folded else ""


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


def similarity_matrix(candidates, targets, by_sound=True):
    """0–100 for each (candidate text, target): how much the candidate reads or sounds like the
    target; 0 if not at all. Computed in bulk (rapidfuzz's cdist) because a long transcript
    has tens of thousands of candidate windows. Without `by_sound`, only spelling counts: for
    text people wrote, where a sound-alike ("vida en el" for "Daniel") is a false alarm."""
    heard_letters = [letters(candidate) for candidate in candidates]
    heard_sounds = [_sound_of_letters(h) for h in heard_letters]
    target_letters = [target.letters for target in targets]
    spelling = process.cdist(heard_letters, target_letters, scorer=fuzz.ratio, dtype=np.float32)
    sounding = process.cdist(
        heard_sounds, [t.sound for t in targets], scorer=fuzz.ratio, dtype=np.float32
    )
    heard_length = np.array([len(h) for h in heard_letters], dtype=np.float32)[:, None]
    target_length = np.array([len(t) for t in target_letters], dtype=np.float32)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = heard_length / target_length
    comparable = (
        (heard_length > 0)
        & (target_length > 0)
        & (ratio >= COMPARABLE_LENGTH[0])
        & (ratio <= COMPARABLE_LENGTH[1])
    )
    # Short names ("Ruiz", "Ana") sound like too many words; only near-exact spelling counts.
    short = target_length <= 4
    by_spelling = np.where(short, spelling >= 90, spelling >= SPELLING_THRESHOLD)
    target_sound_length = np.array([len(t.sound) for t in targets])[None, :]
    heard_sound = np.array([bool(h) for h in heard_sounds])[:, None]
    sound_counts = by_sound & ~short & (target_sound_length >= 2) & heard_sound
    sounds_alike = (
        sound_counts & (spelling >= LOOSE_SPELLING_THRESHOLD) & (sounding >= SOUND_THRESHOLD)
    ) | (sound_counts & (spelling >= NEAR_SPELLING_THRESHOLD) & (sounding >= NEAR_SOUND_THRESHOLD))
    score = np.where(
        by_spelling, spelling, np.where(sounds_alike, np.minimum(spelling + 30, 99), 0)
    )
    return np.where(comparable, score, 0).astype(np.float32)


def resemblance(candidates, target):
    """0–100 for each candidate: the mean of how close its letters and its sound are to
    `target`'s, with no threshold. For ranking guesses where a name must be, never for deciding
    that a name was said."""
    heard_letters = [letters(candidate) for candidate in candidates]
    heard_sounds = [_sound_of_letters(h) for h in heard_letters]
    spelling = process.cdist(heard_letters, [target.letters], scorer=fuzz.ratio, dtype=np.float32)
    sounding = process.cdist(heard_sounds, [target.sound], scorer=fuzz.ratio, dtype=np.float32)
    return ((spelling + sounding) / 2)[:, 0]
