"""Suggest what to redact, recall first: a missed name can cost a narrator far more than an
extra click costs an editor.

Four detectors read the transcript's words (each with its time):
- numbers: any run of 7+ digits, however Whisper wrote it (run together, in words, English or
  Spanish, with stray words), and shorter runs after words like "phone" or "passport";
- emails, written or spoken ("juan arroba gmail punto com");
- dates of birth after words like "born" or "nací", and street addresses;
- the interview's own gazetteer (the narrator's legal name, the other names and places the
  reporter listed) matched fuzzily and phonetically (`matching.py`);
- capitalised words in mid-sentence, a stand-in for named-entity recognition: no offline NER
  model fits here (see docs/redaction.md).
Suggestions are aids. A person still reads and listens: Whisper also mishears and hallucinates.
"""

from dataclasses import dataclass

import numpy as np

from .matching import Target, letters, similarity_matrix
from .models import Category
from .numbers import fold, spoken_digits

# Raise whenever a detector changes what it finds: every review then asks for a new run.
DETECTOR_VERSION = 1

SUSPECT_DIGITS = 7
PHONE_WORDS = {"phone", "telephone", "cell", "number", "call", "telefono", "celular", "cel", "tel",
               "numero", "llamar", "llame", "whatsapp", "movil"}  # fmt: skip
ID_WORDS = {"a", "alien", "registration", "passport", "pasaporte", "id", "identificacion",
            "license", "licencia", "social", "seguro", "curp", "dni", "ine", "case", "caso",
            "expediente", "file", "matricula", "consular"}  # fmt: skip
BIRTH_WORDS = {"born", "birth", "birthday", "nacimiento", "naci", "nacio", "nacida", "nacido",
               "cumpleanos", "dob"}  # fmt: skip
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "enero", "febrero", "marzo", "abril", "mayo",
          "junio", "julio", "agosto", "septiembre", "setiembre", "octubre", "noviembre",
          "diciembre"}  # fmt: skip
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane",
                "drive", "apartment", "apt", "calle", "avenida", "av", "colonia", "col",
                "carretera", "camino", "callejon", "privada", "barrio", "departamento", "depto",
                "manzana", "lote"}  # fmt: skip
COMMON_SHORT_WORDS = {"is", "es", "my", "mi", "el", "la", "de", "en", "in", "on", "it", "to",
                      "y", "me", "se", "su", "tu", "lo", "no", "un", "at", "of", "or", "so",
                      "we"}  # fmt: skip
AT_WORDS = {"at", "arroba", "@"}
DOT_WORDS = {"dot", "punto", "."}
NAME_LINKS = {"de", "del", "la", "las", "los", "y", "van", "von", "da", "dos"}
PLACE_PREPOSITIONS = {"in", "from", "to", "at", "near", "en", "desde", "hacia", "cerca"}
# Capitalised for reasons other than being a name.
NOT_NAMES = MONTHS | {
    "i", "im", "ive", "ill", "id", "god", "dios", "mr", "mrs", "ms", "dr", "don", "dona", "senor",
    "senora", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "english",
    "spanish", "ingles", "espanol", "ok", "okay", "usted", "ustedes", "mexico", "estados",
    "unidos", "united", "states", "america", "american", "ice", "la", "el", "los", "las", "de",
}  # fmt: skip
SENTENCE_ENDS = (".", "?", "!", "…", ":")


@dataclass
class Word:
    index: int
    start: float
    end: float
    text: str
    probability: float | None

    @property
    def folded(self):
        return fold(self.text)


@dataclass
class Suggestion:
    first: int
    last: int
    category: str
    source: str
    reason: str
    entity: str = ""
    digit_count: int = 0

    def text(self, words):
        return "".join(word.text for word in words[self.first : self.last + 1]).strip()

    def start(self, words):
        return words[self.first].start

    def end(self, words):
        return words[self.last].end


def transcript_words(segments):
    """Flatten segments (position order) into words; a segment with no word timings counts as
    one word spanning the segment, so its text is still read by every detector."""
    words = []
    for segment in segments:
        items = segment.words or [[segment.start, segment.end, f" {segment.text}", None]]
        for start, end, text, probability in items:
            # Engines store words stripped; a leading space keeps joined stretches readable.
            words.append(
                Word(len(words), float(start), float(end), f" {text.strip()}", probability)
            )
    return words


def number_suggestions(words):
    tokens = [word.folded for word in words]
    digits = spoken_digits(tokens)
    found = []
    index = 0
    while index < len(words):
        if not digits[index]:
            index += 1
            continue
        last = index
        while last + 1 < len(words) and digits[last + 1] is not None:
            last += 1
        while not digits[last]:
            last -= 1
        run = "".join(digits[index : last + 1])
        context = set(tokens[max(0, index - 4) : index])
        first = index
        stray = words[index - 1].folded if index else ""
        if stray and len(letters(stray)) <= 2 and stray not in COMMON_SHORT_WORDS:
            first = index - 1  # the "A" of an A-number, or a stray word Whisper put before digits
        if len(run) >= SUSPECT_DIGITS or (len(run) >= 4 and context & (PHONE_WORDS | ID_WORDS)):
            found.append(
                Suggestion(
                    first,
                    last,
                    number_category(run, context, tokens[first]),
                    "numbers",
                    f"{len(run)} digits",
                    digit_count=len(run),
                )
            )
        index = last + 1
    return found


def number_category(run, context, first_word):
    if first_word == "a" or context & (ID_WORDS - {"a"}):
        return Category.ID_NUMBER
    if context & PHONE_WORDS or len(run) in (7, 10, 11, 12, 13):
        return Category.PHONE
    return Category.ID_NUMBER


def long_numbers(words):
    """Runs of 7+ digits, however written: never benign in a testimony."""
    return [s for s in number_suggestions(words) if s.digit_count >= SUSPECT_DIGITS]


def email_suggestions(words):
    tokens = [word.folded for word in words]
    found = []
    for index, token in enumerate(tokens):
        if "@" in token and len(token) > 1:
            found.append(Suggestion(index, index, Category.EMAIL, "email", "written address"))
            continue
        if token not in AT_WORDS or index == 0:
            continue
        for offset in range(2, 5):
            dot = index + offset
            if dot >= len(tokens):
                break
            if tokens[dot] in DOT_WORDS and dot + 1 < len(tokens):
                found.append(
                    Suggestion(index - 1, dot + 1, Category.EMAIL, "email", "spoken address")
                )
                break
            if "." in tokens[dot - 1].strip("."):  # "gmail.com" as one word
                found.append(
                    Suggestion(index - 1, dot - 1, Category.EMAIL, "email", "spoken address")
                )
                break
    return found


def birth_date_suggestions(words):
    tokens = [word.folded for word in words]
    digits = spoken_digits(tokens)
    found = []
    for index, token in enumerate(tokens):
        if token not in BIRTH_WORDS:
            continue
        window = range(index + 1, min(len(tokens), index + 14))
        dated = [i for i in window if tokens[i] in MONTHS or digits[i]]
        has_year = any(
            len("".join(digits[i] or "" for i in dated[j : j + 3])) == 4 for j in range(len(dated))
        )
        if dated and (has_year or any(tokens[i] in MONTHS for i in dated)):
            found.append(
                Suggestion(dated[0], dated[-1], Category.DATE_OF_BIRTH, "dates", f"after “{token}”")
            )
    return found


def _is_address_part(words, tokens, digits, index):
    return bool(digits[index]) or tokens[index] in NAME_LINKS or _looks_like_name(words, index)


def _ends_sentence(word):
    return word.text.strip().endswith(SENTENCE_ENDS)


def address_suggestions(words):
    """A street word with a number or a name beside it, within one sentence."""
    tokens = [word.folded for word in words]
    digits = spoken_digits(tokens)
    found = []
    for index, token in enumerate(tokens):
        if token not in STREET_WORDS:
            continue
        first = last = index
        while (
            first > 0
            and index - first < 4
            and not _ends_sentence(words[first - 1])
            and _is_address_part(words, tokens, digits, first - 1)
        ):
            first -= 1
        while (
            last + 1 < len(words)
            and last - index < 5
            and not _ends_sentence(words[last])
            and _is_address_part(words, tokens, digits, last + 1)
        ):
            last += 1
        named = any(
            digits[i] or (i != index and tokens[i] not in NAME_LINKS)
            for i in range(first, last + 1)
        )
        if named:
            found.append(Suggestion(first, last, Category.ADDRESS, "address", f"near “{token}”"))
    return found


@dataclass(frozen=True)
class GazetteerEntry:
    text: str
    category: str


def interview_gazetteer(interview):
    """The names and places this interview's private record lists."""
    entries = [GazetteerEntry(interview.narrator_legal_name, Category.PERSON)]
    entries += [GazetteerEntry(name, Category.PERSON) for name in interview.other_names]
    entries += [GazetteerEntry(place, Category.PLACE) for place in interview.places]
    if interview.interview_place:
        entries.append(GazetteerEntry(interview.interview_place, Category.PLACE))
    return [entry for entry in entries if letters(entry.text)]


def gazetteer_targets(entries):
    """Each entry whole, and each part of a multi-word name on its own ("Ortega" alone is
    still the narrator), all sharing the entity of the whole name. After a comma comes a wider
    region ("Fresno, California"), which identifies nobody on its own."""
    targets = []
    for entry in entries:
        targets.append(Target.of(entry.text, entry.text, entry.category))
        specific = entry.text.split(",")[0]
        parts = [part for part in specific.replace("-", " ").split() if len(letters(part)) >= 3]
        if len(parts) > 1:
            for part in parts:
                if part.lower() not in NAME_LINKS:
                    targets.append(Target.of(part, entry.text, entry.category))
    return targets


WINDOW_CHUNK = 2000  # starting words scored at once: bounds memory on long transcripts


def term_matches(words, targets, by_sound=True):
    """Every stretch of `words` that reads or sounds like one of `targets`:
    (first, last, target, score), non-overlapping for each target. A stretch is up to two
    words longer than the target, since Whisper splits names into ordinary words."""
    targets = list(targets)
    if not words or not targets:
        return []
    texts = [word.text for word in words]
    longest = max(len(target.text.split()) for target in targets) + 2
    allowed = np.array([[length <= len(t.text.split()) + 2 for t in targets]
                        for length in range(1, longest + 1)])  # fmt: skip
    best = np.zeros((len(words), len(targets)), dtype=np.float32)
    best_length = np.zeros((len(words), len(targets)), dtype=np.int16)
    for chunk in range(0, len(words), WINDOW_CHUNK):
        starts = range(chunk, min(chunk + WINDOW_CHUNK, len(words)))
        windows = [
            "".join(texts[start : start + length])
            for start in starts
            for length in range(1, longest + 1)
        ]
        scores = similarity_matrix(windows, targets, by_sound).reshape(
            len(starts), longest, len(targets)
        )
        for start in starts:
            if start + longest > len(words):  # windows running past the end are not real
                scores[start - chunk, len(words) - start :, :] = 0
        scores *= allowed[None, :, :]
        best[starts.start : starts.stop] = scores.max(axis=1)
        best_length[starts.start : starts.stop] = scores.argmax(axis=1) + 1
    found = []
    for column, target in enumerate(targets):
        free_from = 0
        for start in np.nonzero(best[:, column])[0]:
            score = best[start, column]
            if start < free_from:
                continue
            if start + 1 < len(words) and best[start + 1, column] >= score:
                continue  # the match starts later: do not take this word along
            length = int(best_length[start, column])
            found.append((int(start), int(start) + length - 1, target, float(score)))
            free_from = start + length
    return sorted(found, key=lambda match: match[0])


def gazetteer_suggestions(words, entries):
    return [
        Suggestion(
            first,
            last,
            target.category,
            "gazetteer",
            f"sounds like “{target.text}” ({round(score)}%)",
            entity=target.entity,
        )
        for first, last, target, score in term_matches(words, gazetteer_targets(entries))
    ]


def capitalised_suggestions(words):
    found = []
    index = 0
    while index < len(words):
        if not _looks_like_name(words, index):
            index += 1
            continue
        last = index
        while last + 1 < len(words) and (
            _looks_like_name(words, last + 1)
            or (
                words[last + 1].folded in NAME_LINKS
                and last + 2 < len(words)
                and _looks_like_name(words, last + 2)
            )
        ):
            last += 1
        before = words[index - 1].folded if index else ""
        category = Category.PLACE if before in PLACE_PREPOSITIONS else Category.PERSON
        found.append(Suggestion(index, last, category, "capitalised", "capitalised mid-sentence"))
        index = last + 1
    return found


def _looks_like_name(words, index):
    text = words[index].text.strip().strip("\"'¿¡(")
    if not text[:1].isupper() or len(letters(text)) < 2 or words[index].folded in NOT_NAMES:
        return False
    if index == 0:
        return False
    previous = words[index - 1].text.strip()
    return bool(previous) and not previous.endswith(SENTENCE_ENDS)


# Where suggestions overlap, the more specific detector names the category.
PRIORITY = ["numbers", "email", "dates", "gazetteer", "address", "capitalised"]


def suggest(words, gazetteer=()):
    """All suggestions over `words`, overlaps merged, in transcript order."""
    found = (
        number_suggestions(words)
        + email_suggestions(words)
        + birth_date_suggestions(words)
        + gazetteer_suggestions(words, gazetteer)
        + address_suggestions(words)
        + capitalised_suggestions(words)
    )
    found.sort(key=lambda s: (PRIORITY.index(s.source), s.first - s.last))
    kept = []
    for suggestion in found:
        overlapping = [s for s in kept if s.first <= suggestion.last and suggestion.first <= s.last]
        if not overlapping:
            kept.append(suggestion)
            continue
        # Widen the kept suggestion so the union is covered; its category stands.
        keeper = overlapping[0]
        keeper.first = min(keeper.first, suggestion.first)
        keeper.last = max(keeper.last, suggestion.last)
    return sorted(kept, key=lambda s: s.first)
