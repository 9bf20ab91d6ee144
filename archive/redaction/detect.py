"""Suggest what to redact, recall first: a missed name can cost a narrator far more than an
extra click costs an editor.

The detectors read the transcript's words (each with its time):
- numbers: any run of 7+ digits, however Whisper wrote it (run together, in words, English or
  Spanish, with stray words), and shorter runs after words like "phone" or "passport";
- e-mails, written or spoken ("juan arroba gmail punto com"), and spoken ones found from their
  end ("punto com", "dot org", a provider's name) so that a misheard "arroba" hides nothing;
- dates: every full date (day, month, year, in words or digits), as a date of birth near a
  birth cue and otherwise as a date for the editor to decide; partial dates after "born" or
  "nací"; street addresses;
- the interview's own gazetteer (the narrator's legal name, the other names and places the
  reporter listed) matched fuzzily and phonetically (`matching.py`); for a listed person
  matched nowhere, the stretch Whisper doubted that most resembles the name;
- the words after a role or naming cue ("mi abogada", "el agente", "se llama", "my lawyer",
  "named"), as a person even in lower case: someone the reporter did not list;
- capitalised words in mid-sentence, a stand-in for named-entity recognition: no offline NER
  model fits here (see docs/redaction.md);
- where those found nothing, two fallbacks: the rest of the sentence after a cue that a
  person's own identifier follows ("mi correo es", or "my", a word Whisper guessed and "is"
  before a number), and words Whisper was unsure of.
Suggestions are aids. A person still reads and listens: Whisper also mishears and hallucinates.
"""

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .matching import COMPARABLE_LENGTH, Target, letters, resemblance, similarity_matrix
from .models import Category
from .numbers import (
    HUNDREDS,
    JOINERS,
    TEENS,
    TENS,
    YEAR_DIGITS,
    fold,
    misspelt_unit,
    number_below_hundred,
    spoken_digits,
    spoken_year,
    word_digits,
)

# Raise whenever a detector changes what it finds: every review then asks for a new run.
DETECTOR_VERSION = 83

SUSPECT_DIGITS = 7
HOUSE_NUMBER_DIGITS = 5
HOUSE_NUMBER_WORDS = {"numero", "numeros", "number", "num"}
PHONE_WORDS = {"phone", "telephone", "cell", "number", "call", "telefono", "celular", "cel", "tel",
               "numero", "llamar", "llame", "whatsapp", "movil"}  # fmt: skip
ID_WORDS = {"a", "alien", "registration", "passport", "pasaporte", "id", "identificacion",
            "identificaciones", "license", "licencia", "social", "seguro", "curp", "dni", "ine",
            "case", "caso", "casos", "expediente", "file", "matricula", "consular"}  # fmt: skip
BIRTH_WORDS = {"born", "birth", "birthday", "nacimiento", "naci", "nacio", "nacida", "nacido",
               "cumpleanos", "dob"}  # fmt: skip
DATE_WORDS = {"date", "fecha"}
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

NUMERIC_DATE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-](\d{2}|\d{4})$")
# "-26": Whisper writes digits it heard one by one with a dash before each
DAY_NUMBER = re.compile(r"^-?(\d{1,2})(st|nd|rd|th|o)?$")
ORDINAL_DAYS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "thirtieth", "primero",
}  # fmt: skip
DATE_FILLERS = {"de", "del", "of", "the", "el", "on"}
# Said before a person's name: a role in the narrator's story, a title, or "is called".
ROLE_CUES = {
    "abogado", "abogada", "lawyer", "attorney", "agente", "agent", "oficial", "officer",
    "vecino", "vecina", "neighbor", "neighbour", "licenciado", "licenciada", "jefe", "jefa",
    "boss", "patron", "patrona", "esposo", "esposa", "husband", "wife", "hermano", "hermana",
    "brother", "sister", "amigo", "amiga", "friend", "primo", "prima", "cousin", "tio", "tia",
    "uncle", "aunt", "cunado", "cunada", "suegro", "suegra", "hijo", "hija", "son", "daughter",
    "compadre", "comadre", "coyote", "sargento", "sergeant", "detective", "juez", "jueza",
    "judge", "doctor", "doctora", "dr", "mr", "mrs", "ms", "miss", "don", "dona", "senor",
    "senora", "named", "called", "llamado", "llamada", "llamo", "llama", "llamaba", "nombre",
    "name",
}  # fmt: skip
# Words that end the name after a cue: function words and common verbs, in both languages.
NOT_NAME_WORDS = {
    "que", "quien", "y", "e", "o", "u", "pero", "porque", "cuando", "donde", "como", "con", "sin",
    "por", "para", "en", "de", "del", "al", "a", "la", "el", "los", "las", "lo", "le", "les",
    "me", "te", "se", "nos", "mi", "mis", "tu", "su", "sus", "un", "una", "unos", "unas", "no",
    "si", "ya", "muy", "mas", "tambien", "siempre", "nunca", "ahi", "alli", "aqui", "entonces",
    "luego", "despues", "antes", "todo", "todos", "nada", "algo", "fue", "era", "es", "son",
    "estaba", "esta", "estaban", "estuvo", "tenia", "tiene", "tuvo", "habia", "hay", "ha", "han",
    "dijo", "decia", "dice", "vino", "llego", "vivia", "vive", "trabajaba", "trabaja", "queria",
    "iba", "va", "fueron", "eran", "hizo", "hace", "sabia", "sabe", "puede", "podia", "otra",
    "otro", "este", "ese", "esa", "aquel", "aquella", "the", "an", "and", "or", "but", "who",
    "whom", "that", "which", "when", "where", "was", "is", "were", "are", "had", "has", "have",
    "did", "does", "do", "said", "says", "told", "tells", "came", "went", "lived", "lives",
    "worked", "works", "knew", "knows", "could", "would", "will", "can", "us", "him", "her",
    "them", "my", "his", "our", "their", "your", "it", "he", "she", "they", "we", "i", "you",
    "not", "also", "always", "never", "then", "too", "very", "just", "in", "on", "at", "to",
    "from", "with", "for", "of", "by", "about", "after", "before", "again", "there", "here",
    "so", "because", "if", "up", "out", "down",
}  # fmt: skip
# Endings of verbs and adverbs, which follow a role word far more often than a name does:
# "my brother waited", "mi hermano trabajando".
NOT_NAME_ENDINGS = ("ed", "ing", "ly", "aba", "aban", "ando", "iendo")
# "… is" before the name: "my name is", "su nombre es", "se llama".
NAMING_LINKS = {"is", "was", "es", "era"}
DOMAIN_ENDINGS = {
    "com", "org", "net", "edu", "gov", "info", "io", "mx", "es", "co", "us", "ar", "cl", "pe",
    "gt", "sv", "hn", "ni", "cr", "pa", "cu", "do", "ve", "ec", "bo", "py", "uy", "br", "uk", "ca",
}  # fmt: skip
MAIL_PROVIDERS = {"gmail", "hotmail", "yahoo", "outlook", "icloud", "protonmail", "aol"}
# What is left of a provider's name when Whisper hears only its end: "look not come".
PROVIDER_TAILS = {provider[-4:] for provider in MAIL_PROVIDERS if len(provider) > 4}
ADDRESS_JOINERS = DOT_WORDS | {"guion", "dash", "underscore", "-", "_"}


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

    @property
    def middle(self):
        return (self.start + self.end) / 2


@dataclass
class Suggestion:
    first: int
    last: int
    category: str
    source: str
    reason: str
    entity: str = ""
    digit_count: int = 0
    heard: tuple = ()  # (start, end) of speech with no words: first and last are unused
    reach: tuple = ()  # (start, end) where the voice runs on past its words' timings

    def text(self, words):
        if self.heard:
            return ""
        return "".join(word.text for word in words[self.first : self.last + 1]).strip()

    def start(self, words):
        return (self.heard or self.reach or (words[self.first].start,))[0]

    def end(self, words):
        return (self.heard or self.reach or (None, words[self.last].end))[1]

    def said(self, words):
        """(start, end) of its words, or of the speech with no words, without its reach."""
        return self.heard or (words[self.first].start, words[self.last].end)


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


BRIDGE_WORDS = 6  # short made-up words Whisper may put inside a number read digit by digit
# How far back in its sentence a number's cue may stand: "el número me caso en la carta de él,
# se lo sincronuevemos nueve, cinco…", the cue ten words back where Whisper added some
NUMBER_CUE_WORDS = 10


def _digit_runs(words, digits, within_sentence=False):
    """(first, last) of each run of number words, a run's last word being a digit."""
    runs = []
    index = 0
    while index < len(words):
        if not digits[index]:
            index += 1
            continue
        last = _run_end(words, digits, index, within_sentence)
        runs.append((index, last))
        index = last + 1
    return runs


def _run_end(words, digits, first, within_sentence):
    """The last digit word of the run of number words from words[first], itself a digit."""
    last = first
    while (
        last + 1 < len(words)
        and digits[last + 1] is not None
        and not (within_sentence and _ends_sentence(words[last]))
    ):
        last += 1
    while not digits[last]:
        last -= 1
    return last


DOUBTED_GAP_WORDS = 2
SPELT_GAP_WORDS = 3


def _bridged(words, digits, runs, cue_tokens):
    """Runs joined across a few short non-number words ("seis tres uno uno no sé o sé seis")
    after a run of four digits or more, or of three that makes 7 digits with the run after the
    gap: Whisper fills digits it misheard with short words, and the end of the number would
    otherwise be left readable. After a number cue in the sentence, runs join across one or two
    words Whisper misheard (`_misheard_words_after_a_cue`)."""

    def number(run):
        return "".join(d or "" for d in digits[run[0] : run[1] + 1])

    def read_one_by_one(first, last):
        """Each word one digit, or a zero and one ("06"): nobody says a number that way but
        digit by digit, which Whisper writes together now and then."""
        said = (digits[i] for i in range(first, last + 1) if digits[i])
        return all(len(each) == 1 or len(each) == 2 and each[0] == "0" for each in said)

    def said_as_year(run):
        """ "1986 o 1987" are years; "uno ocho tres nueve", digits read one by one, is none."""
        return bool(YEAR_DIGITS.match(number(run))) and not read_one_by_one(*run)

    joined = []
    for run in runs:
        if joined:
            previous = joined[-1]
            gap = words[previous[1] + 1 : run[0]]
            before, after = number(previous), number(run)
            one_by_one = read_one_by_one(previous[0], run[1])
            if (
                not any(_ends_sentence(word) for word in words[previous[1] : run[0]])
                and not (said_as_year(previous) or said_as_year(run))
                and (
                    _short_words_inside(gap, before, after)
                    # "Ocho los seis, seis, cero los cinco, uno, cuatro": one short word for each
                    # digit Whisper lost of a number read one by one, cue or none
                    or (one_by_one and len(gap) == 1 and _heard_short_words(gap))
                    or _misheard_words_after_a_cue(
                        words, cue_tokens, gap, previous[0], before, after, one_by_one
                    )
                )
            ):
                joined[-1] = (previous[0], run[1])
                continue
        joined.append(run)
    return joined


def _short_words_inside(gap, before, after):
    return (
        len(gap) <= BRIDGE_WORDS
        and all(len(letters(word.folded)) <= 3 for word in gap)
        and len(before) < SUSPECT_DIGITS
        # "los 5, 3, 4, los 3, 7, 9, 1, 4": fewer digits are enough before the gap where the
        # whole makes a phone's or an ID's length
        and (len(before) >= 4 or len(before) == 3 and len(before + after) >= SUSPECT_DIGITS)
    )


def _misheard_words_after_a_cue(words, cue_tokens, gap, first, before, after, one_by_one=False):
    """One or two words between digits announced by a number cue: words Whisper doubted ("tres
    unos siete mostres uno uno"), or short words between groups of three digits or more ("los
    161, los 148, los 141", "los" for "dos"); up to three short or doubted words between digits
    read one by one (`one_by_one`: "era el uno, no sé, o seis, cuatro, ocho, no sé, cuatro", "no
    sé" for "dos"; "4 nos nos quedó 5, 4, 4"), or up to six short words Whisper wrote ("1 ,5 nos
    nos se o uno tres", "se o" for "cero"). Only in a transcript."""
    cues = set(cue_tokens[_sentence_start(words, first, NUMBER_CUE_WORDS) : first])
    if not cues & (PHONE_WORDS | ID_WORDS) - {"a"}:
        return False
    if one_by_one and len(gap) <= BRIDGE_WORDS and _heard_short_words(gap):
        return True
    if len(gap) > SPELT_GAP_WORDS:
        return False
    if one_by_one and all(_misheard_digit_word(word) for word in gap):
        return True
    if _heard_short_words(gap) and min(len(before), len(after)) >= 3 and len(gap) <= 2:
        return True
    return (
        len(gap) <= DOUBTED_GAP_WORDS
        and any(_not_sure(word) for word in gap)
        and all(_not_sure(word) or word.folded in JOINERS for word in gap)
    )


def _misheard_digit_word(word):
    """A word Whisper wrote between digits read one by one that may be one it misheard: short,
    doubted ("4 nos nos quedó 5, 4, 4", "quedó" for "cero"), or a unit word a letter off ("no
    es siete, pero seis, cinco", "pero" for "cero"), and no cue of another identifier ("… six
    eight nine My address is three thousand…")."""
    return (
        word.probability is not None
        and (_short_word(word.folded) or _not_sure(word) or misspelt_unit(word.folded))
        and word.folded not in OWN_IDENTIFIERS
    )


def _heard_short_words(gap):
    """Words of three letters at most that Whisper wrote (an editor's words have no
    probability)."""
    return all(word.probability is not None and _short_word(word.folded) for word in gap)


def number_suggestions(words):
    tokens = [word.folded for word in words]
    cue_tokens = _number_cues_as_said(words, tokens)
    digits = _misspelt_units_announced(words, tokens, spoken_digits(tokens), cue_tokens)
    found = []
    for index, last in _bridged(words, digits, _digit_runs(words, digits), cue_tokens):
        run = "".join(d or "" for d in digits[index : last + 1])
        if index == last and NUMERIC_DATE.match(tokens[index]):
            continue  # "15/03/1987" is a date: the dates detector names it
        # A cue word just before the digits, or further back in the same sentence ("el
        # número de caso en la carta era el …"); "a" counts only close by, it is too common.
        # Whisper's "…" is where the reader paused: "el número me caso en la carta del... pero
        # 3, 4, 5, 1, 1, 6."
        cue_from = _sentence_start(words, index, NUMBER_CUE_WORDS, through_trailing_off=True)
        context = set(cue_tokens[max(0, index - 4) : index]) | (
            set(cue_tokens[cue_from:index]) - {"a"}
        )
        first = index
        stray = words[index - 1].folded if index else ""
        if stray and len(letters(stray)) <= 2 and stray not in COMMON_SHORT_WORDS:
            first = index - 1  # the "A" of an A-number, or a stray word Whisper put before digits
        announced = context & (PHONE_WORDS | ID_WORDS) or _announced_past_a_guessed_stop(
            words, cue_tokens, digits, cue_from
        )
        if announced == {"casos"} and YEAR_DIGITS.match(run):
            announced = set()  # "los casos de 2019": Spanish counts cases, and dates them
        end = _fragment_after(words, digits, last)
        if announced and len(run) >= 3 and (tail := _short_words_to_its_end(words, last)):
            end = tail
        if len(run) >= SUSPECT_DIGITS or (len(run) >= 4 or end > last) and announced:
            found.append(
                Suggestion(
                    first,
                    end,
                    number_category(run, context, tokens[first], stray),
                    "numbers",
                    f"{len(run)} digits",
                    digit_count=len(run),
                )
            )
    return found


# The word a number cue Whisper glued stands for, as the digits' context reads it
NUMBER_CUE_AS_SAID = {Category.PHONE: "telefono", Category.ID_NUMBER: "identificacion"}


def _number_cues_as_said(words, tokens):
    """`tokens`, with a phone or ID cue Whisper glued into one word ("Me puede llamarral, nueve
    cinco…" for "llamar al") written as the cue it is, so the digits after it are announced as
    after the cue itself. A cue heard as two words is too loose for that ("la calle" is near
    enough "celular")."""
    cue_tokens = list(tokens)
    for index, category in _glued_cues(words, tokens).items():
        if category in NUMBER_CUE_AS_SAID:
            cue_tokens[index] = NUMBER_CUE_AS_SAID[category]
    return cue_tokens


def _misspelt_units_announced(words, tokens, digits, cue_tokens):
    """`digits`, with each unit word Whisper wrote a letter off ("cuato", "pero" for "cero")
    read as its digit where it is announced (a phone or ID cue came before it in its sentence,
    or an announced digit one or two words before it) and a digit read alone stands within two
    words of it: "El nume me caso en la carta de él, pero vos nueve siete, vos cuato, vos
    cuato." for "El número de caso en la carta era el 0 2 9 7 2 4 2 4". Without the cue, or
    among numbers not read digit by digit, "pero" is "pero"."""
    digits = list(digits)
    announced = set()
    for index, token in enumerate(tokens):
        near = range(max(0, index - 2), min(len(words), index + 3))
        misspelt = (
            digits[index] is None
            and words[index].probability is not None
            and any(digits[i] and len(digits[i]) == 1 for i in near)
            and misspelt_unit(token)
        )
        if digits[index] is None and not misspelt:
            continue
        cue_from = _sentence_start(words, index, NUMBER_CUE_WORDS)
        if set(cue_tokens[cue_from:index]) & (PHONE_WORDS | ID_WORDS) - {"a"} or any(
            before in announced for before in range(max(cue_from, index - 2), index)
        ):
            if misspelt:
                digits[index] = misspelt
            announced.add(index)
    return digits


FRAGMENT_WORDS = 3
MISHEARD_TAIL_WORDS = 8


def _short_words_to_its_end(words, last):
    """ "el número de caso era tres más nueve uno, no sé o sé o sé o." for "3 2 9 1 8 2 0 0":
    two or more short words Whisper wrote from a number's last digit to the end of its sentence
    are the digits it misheard ("no sé" for "dos", "sé o" for "cero"); the index of the last
    one, else None."""
    if _ends_sentence(words[last]) or last + 1 == len(words):
        return None
    end = last + 1
    while end < min(len(words) - 1, last + MISHEARD_TAIL_WORDS) and not _ends_sentence(words[end]):
        end += 1
    tail = words[last + 1 : end + 1]
    if (
        (_ends_sentence(words[end]) or end == len(words) - 1)
        and len(tail) >= 2
        # "se lo siete pocho tres uno, no so so so se lo nueve.": a digit it heard among them
        and _heard_short_words([word for word in tail if len(word_digits(word.folded) or "") != 1])
    ):
        return end
    return None


def _fragment_after(words, digits, last):
    """Where a number ends a sentence and the next "sentence" starts with a clause of three
    words at most with digits in it ("del 1 .3 .9 .5. Nos 4 .1."; "May 2786. I'm free one,"
    for "2786931"), Whisper's full stop fell inside the number: its end is the fragment's end.
    Otherwise `last`."""
    if not _ends_sentence(words[last]):
        return last
    end = last + 1
    while end < len(words) and end - last <= FRAGMENT_WORDS and not _ends_clause(words[end]):
        end += 1
    if end < len(words) and end - last <= FRAGMENT_WORDS and any(digits[last + 1 : end + 1]):
        return end
    return last


def _sentence_start(words, index, longest, through_trailing_off=False):
    """The first index of the (at most `longest`) words before `index` in its sentence; with
    `through_trailing_off`, an ellipsis is a pause, not the sentence's end."""
    start = index
    while (
        start > 0
        and index - start < longest
        and (
            not _ends_sentence(words[start - 1])
            or (through_trailing_off and _trails_off(words[start - 1]))
        )
    ):
        start -= 1
    return start


def _trails_off(word):
    return word.text.strip().endswith(("...", "…"))


def _announced_past_a_guessed_stop(words, cue_tokens, digits, start):
    """The number cues of the sentence before the one starting at `start`, where Whisper ended
    it on a word it guessed and it holds no digit: "El Número me caso en la carta de él.
    Se lo mostro siete nueve, uno siete ocho nueve." for "el número de caso en la carta era el
    0 2 2 7 9 1 7 8 9" ("él" 0.08). They announce the digits, without naming what the digits
    are: the sentence's own words are surer of that."""
    stop = start - 1
    if (
        stop < 0
        or not _ends_sentence(words[stop])
        or (words[stop].probability or 1.0) >= UNSURE
        or digits[stop]
    ):
        return set()
    earlier = _sentence_start(words, stop, NUMBER_CUE_WORDS, through_trailing_off=True)
    if any(digits[earlier:stop]):
        return set()
    return set(cue_tokens[earlier:stop]) & (PHONE_WORDS | ID_WORDS) - {"a"}


# How Whisper writes hundreds it misheard: "siento", "fiento" (of "no me siento" for
# "novecientos"), "ochoscientos", "loscientos"
MISHEARD_HUNDREDS = re.compile(r"^[a-z]*[cfsz]ientos?$")
HUNDREDS_SOUNDS = 2  # short words before it that are the rest of it: the "no me" of "novecientos"


def misheard_hundreds_suggestions(words):
    """A number said in hundreds whose hundreds Whisper misheard, right before the rest of the
    number: "no me fiento 6," for "novecientos seis", "no les siento 54" for "novecientos
    cincuenta y cuatro", "seis mil ochoscientos quince"; or before tens it misheard too, if it
    doubted them ("no les siento socenta y 9," for "novecientos ochenta y nueve"; "me siento
    contenta", said surely, is how someone feels). Its digits are lost, so no other detector
    counts them; the part of an address, a year or a phone it is, is for the editor. "Lo
    siento mucho" has no number after it."""
    tokens = [word.folded for word in words]
    digits = spoken_digits(tokens)
    found = []
    for index, token in enumerate(tokens[:-1]):
        tens = _misheard_tens(tokens, index + 1) if _not_sure(words[index + 1]) else None
        if (
            not MISHEARD_HUNDREDS.match(token)
            or token in {*HUNDREDS, "cientos"}
            or _ends_clause(words[index])
            or not (digits[index + 1] or tens is not None)
        ):
            continue
        first = index
        while (
            first > 0
            and index - first < HUNDREDS_SOUNDS
            and _short_word(tokens[first - 1])
            and not _ends_clause(words[first - 1])
        ):
            first -= 1
        last = tens
        if digits[index + 1]:
            last = index + 1
            while (
                last + 1 < len(tokens)
                and digits[last + 1] is not None
                and not _ends_clause(words[last])
            ):
                last += 1
            while not digits[last]:
                last -= 1
        context = set(tokens[_sentence_start(words, first, NUMBER_CUE_WORDS) : first])
        category = (
            Category.ADDRESS if context & (STREET_WORDS | HOUSE_NUMBER_WORDS) else Category.OTHER
        )
        found.append(Suggestion(first, last, category, "hundreds", f"“{token}”: hundreds misheard"))
    return found


def number_category(run, context, first_word, before=""):
    """What a run of digits is, from its length and the words before it (`before`: the one
    just before)."""
    if len(run) <= HOUSE_NUMBER_DIGITS and (
        context & STREET_WORDS
        or (before in HOUSE_NUMBER_WORDS and not context & (PHONE_WORDS | ID_WORDS) - {"a", before})
    ):
        return Category.ADDRESS
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
    """What follows a birth cue in its sentence, where it holds a year or a month; and what
    follows "date" or "fecha" where it holds a year and a day or a month, as a date of birth
    whose birth word Whisper misheard ("my board date is 18 -1952") or another date."""
    tokens = [word.folded for word in words]
    digits = spoken_digits(tokens)
    found = []
    for index, token in enumerate(tokens):
        if token not in BIRTH_WORDS | DATE_WORDS and not _misheard_birth_word(words, index):
            continue
        end = index + 1
        while end < min(len(tokens), index + 14) and not _ends_sentence(words[end - 1]):
            end += 1
        window = range(index + 1, end)  # "…de 1967. Mi número…": the next sentence is not it
        # "un", "una" are articles here: "nací el 17 de octubre de 1961, en un pueblo"
        dated = [
            i for i in window if tokens[i] in MONTHS or digits[i] and tokens[i] not in ARTICLES
        ]
        has_year = any(
            len("".join(digits[i] or "" for i in dated[j : j + 3])) == 4 for j in range(len(dated))
        )
        if not dated:
            continue
        # A year said in words may run on past the window: "… de mil novecientos setenta y siete".
        last = max(dated[-1], _year_end(tokens, dated[-1]) or 0)
        if token in DATE_WORDS:
            if has_year and len(dated) >= 2:  # "the date was 1990" dates nothing
                birth = set(tokens[index:end]) & BIRTH_WORDS  # "mi fecha me nací miento es…"
                category = Category.DATE_OF_BIRTH if birth else Category.OTHER
                found.append(Suggestion(dated[0], last, category, "dates", f"after “{token}”"))
        elif has_year or any(tokens[i] in MONTHS for i in dated):
            found.append(
                Suggestion(dated[0], last, Category.DATE_OF_BIRTH, "dates", f"after “{token}”")
            )
    return found


SPANISH_BIRTH_WORDS = sorted(word for word in BIRTH_WORDS if word.startswith("naci"))
BIRTH_WORD_LETTERS = 2


def _misheard_birth_word(words, index):
    """A birth word Whisper misheard and doubted, opening its sentence, its "naci" heard:
    "Nacilto se me junio de mil novecientos cincuenta," for "Nací el 12 de junio de 1950", two
    letters off "nacido". "Hacía frío en enero de 1990" is two letters off "nacida" too, and no
    birth."""
    word = words[index]
    return (
        (index == 0 or _ends_sentence(words[index - 1]))
        and _not_sure(word)
        and word.folded.startswith("naci")
        and any(
            Levenshtein.distance(word.folded, said) <= BIRTH_WORD_LETTERS
            for said in SPANISH_BIRTH_WORDS
        )
    )


def _day(tokens, index):
    """The last index of a day of the month said from tokens[index], or None."""
    if index < 0 or index >= len(tokens):
        return None
    token = tokens[index]
    if number := DAY_NUMBER.match(token):
        return index if 1 <= int(number[1]) <= 31 else None
    if token in ORDINAL_DAYS:
        return index
    if token in TENS and index + 1 < len(tokens) and tokens[index + 1] in ORDINAL_DAYS:
        return index + 1  # "twenty-first" written as two words
    said = number_below_hundred(tokens, index)
    return said[1] if said and 1 <= said[0] <= 31 else None


def _skip(tokens, index, skipped):
    while index < len(tokens) and tokens[index] in skipped:
        index += 1
    return index


def full_dates(tokens):
    """(first, last) of every date with a day, a month and a year, said in words or digits,
    in either language: "15 de marzo de 1987", "March 15, 1987", "the fifteenth of March
    nineteen eighty-seven", "tres de marzo de mil novecientos ochenta y cinco", "15/03/1987".
    A month between a day and a year is a date even where Whisper made another short word of
    a "de" ("6 me julio en 1976"), or of the year a number no year has ("26 de mayo de 960")."""
    found = []
    for month, token in enumerate(tokens):
        if NUMERIC_DATE.match(token):
            found.append((month, month))
            continue
        if token not in MONTHS:
            continue
        first = None
        for start in range(max(0, month - 4), month):  # the day before the month
            last = _day(tokens, start)
            if last is None and _misheard_day(tokens[start]):
                last = start
            if last is not None and _connects(tokens[last + 1 : month]):
                first = start
                break
        after = month
        if first is None:  # the day after it: "March 15"
            day = _skip(tokens, month + 1, DATE_FILLERS)
            last = _day(tokens, day)
            if last is None:
                continue
            first, after = month, last
        year = _year_after(tokens, after + 1)
        if year is not None:
            found.append((first, year))
    return found


LONG_DAYS = [word for word, value in TEENS.items() if len(word) >= 6 and value <= 31]


def _misheard_day(token):
    """ "el veintimos de junio de mil novecientos…": a long day word a letter off, however sure
    Whisper was of it; the month and the year after it make it a day. A short one ("siete")
    is too near ordinary words ("siente")."""
    return any(Levenshtein.distance(token, day) == 1 for day in LONG_DAYS)


def _connects(between):
    """The words between two parts of a date: "de", "of", "the", or one short word Whisper
    made of a "de" it misheard."""
    unknown = [token for token in between if token not in DATE_FILLERS]
    return not unknown or len(unknown) == 1 and _short_word(unknown[0])


def _short_word(token):
    return len(token) <= 3 and token.isalpha()


def _year_after(tokens, index):
    """The last index of a date's year said from tokens[index] past its fillers, or None."""
    for end in range(index, min(len(tokens), index + 3)):
        if not _connects(tokens[index:end]):
            break
        if (year := _year_end(tokens, end)) is not None:
            return year
        if end > index and MISHEARD_YEAR.match(tokens[end]) and "de" in tokens[index:end]:
            return end
        if NINETEEN_HUNDREDS_UNSAID.match(tokens[end]):
            return end  # "23 de octubre en el 974": the "mil" lost, the "de" misheard
        if FOUR_DIGITS.match(tokens[end]):
            return end  # "March 21, 1779": the century misheard, as no other number fits there
        # The "mil" lost: "15 de octubre no le siento 74"
        if (year := _misheard_hundreds_and_tens(tokens, end)) is not None:
            return year
        # The tens lost: after a month, "mil" and its hundreds can only be its year ("seis, no
        # miembre, me mil, no me cientos, no le entamos"); alone, "mil, no me siento bien" is
        # no year
        if (year := _thousand_and_hundreds(tokens, end)) is not None:
            return year
    return None


HUNDREDS_PIECE = re.compile(r"(\d{3})[a-z]*")  # "990imos": a syllable Whisper glued on


def _year_in_two_pieces(tokens, index):
    """ "1 .997": a year Whisper wrote with a thousands mark, as Spanish writes big numbers, and
    split at it (folding drops the mark); "1 ,990imos", a made-up syllable glued to its end."""
    if index + 1 >= len(tokens):
        return False
    piece = HUNDREDS_PIECE.fullmatch(tokens[index + 1])
    return bool(piece and YEAR_DIGITS.match(tokens[index] + piece[1]))


MISHEARD_MONTH_WORDS = 3
MISHEARD_YEAR = re.compile(r"^\d{2,4}$")  # after "26 de mayo de": what Whisper made of the year
FOUR_DIGITS = re.compile(r"^\d{4}$")
NINETEEN_HUNDREDS_UNSAID = re.compile(r"^9\d\d$")  # "mil novecientos ochenta" heard as "980"
GLUED_DAY = re.compile(r"^(\d{1,2})([a-z]{4,})$")  # "6nero": a day Whisper glued to its month


def misheard_dates(words, tokens):
    """(first, last) of every full date one of whose parts Whisper misheard, around the parts it
    heard: a day and a year with one to three doubted words between them where the month was,
    besides fillers and short words ("catorce menos tome 1955" for "catorce de agosto de 1955";
    "24 meses tiempo en el 980" for "24 de septiembre de mil novecientos ochenta", the year
    without its "mil"; "dos hijos en 1990", said surely, is no date); a month and a year after
    a doubted word where the day was ("el pocho de julio de 1990"); a day glued to a month it
    misheard by a letter ("6nero de 1979"); a doubted word a letter from a month, before a year
    ("me maño de mil novecientos…"), or two words that make one ("no miembre de 1 .980")."""
    found = []
    for first in range(len(tokens)):
        day_end = _day(tokens, first)
        if day_end is None or _ends_sentence(words[day_end]):
            continue
        guessed = 0
        furthest = min(len(tokens), day_end + 2 + 2 * MISHEARD_MONTH_WORDS)
        for year_at in range(day_end + 2, furthest):
            said = year_at - 1
            if tokens[said] not in DATE_FILLERS:
                if _not_sure(words[said]):
                    guessed += 1
                elif not _short_word(tokens[said]):
                    break
            if _ends_sentence(words[said]) or guessed > MISHEARD_MONTH_WORDS:
                break
            year = _year_end(tokens, year_at)
            if year is not None or NINETEEN_HUNDREDS_UNSAID.match(tokens[year_at]):
                if guessed:
                    found.append((first, year if year is not None else year_at))
                break
    found += _dates_without_their_month(words, tokens)
    for month, token in enumerate(tokens):
        glued = GLUED_DAY.match(token)
        if glued and 1 <= int(glued[1]) <= 31 and _close_to_a_month(glued[2]):
            first = month
        elif token in MONTHS:
            first = month
            while first > 0 and tokens[first - 1] in DATE_FILLERS:
                first -= 1
            if first == month and first > 1 and _short_word(tokens[first - 1]):
                first -= 1  # "donde me junio en 1995": "me" for the "de" before the month
            first -= 1
            if first < 0 or _ends_sentence(words[first]) or not _not_sure(words[first]):
                continue
        elif _not_sure(words[month]) and _close_to_a_month(token, shortest=4):
            first = month  # "me maño de mil novecientos sesenta y nueve": "mayo", doubted
        elif _month_in_two_words(words, tokens, month):
            first = month
            month += 1
        else:
            continue
        year = _year_after(tokens, month + 1)
        if year is not None and not any(_ends_sentence(w) for w in words[first:year]):
            found.append((first, year))
    return found


def _dates_without_their_month(words, tokens):
    """ "My board gave me 6 ,1990." for "My birthday is May 6, 1990": a day in digits, a comma
    and a year is how English writes a date, and only a date; Whisper lost its month."""
    found = []
    for day, word in enumerate(words[:-1]):
        number = DAY_NUMBER.match(tokens[day])
        if (
            number
            and 1 <= int(number[1]) <= 31
            and (word.text.rstrip().endswith(",") or words[day + 1].text.lstrip().startswith(","))
            and YEAR_DIGITS.match(tokens[day + 1])
        ):
            found.append((day, day + 1))
    return found


MONTH_ENDING_LETTERS = 6


def _month_in_two_words(words, tokens, first):
    """ "no miembre" for "noviembre": a month Whisper heard as two words, doubting one; or
    whose second word is the end of a month ("los nese, tiembre de mil…" for "dos de
    septiembre de mil…")."""
    second = first + 1
    return (
        second < len(tokens)
        and not _ends_sentence(words[first])
        and (_not_sure(words[first]) or _not_sure(words[second]))
        and (
            _close_to_a_month(tokens[first] + tokens[second])
            or any(
                month.endswith(tokens[second]) and len(tokens[second]) >= MONTH_ENDING_LETTERS
                for month in MONTHS
            )
        )
    )


def _year_end(tokens, index):
    """The last index of a year said or written from tokens[index], or None."""
    if (year := spoken_year(tokens, index)) is not None:
        return year[1]
    if _year_in_two_pieces(tokens, index):
        return index + 1
    return _year_with_misheard_hundreds(tokens, index)


LONG_HUNDREDS = [word for word in HUNDREDS if len(word) >= 9]
YEAR_TENS = re.compile(r"^\d\d?$")
MISHEARD_HUNDREDS_LETTERS = 3


def _year_with_misheard_hundreds(tokens, index):
    """ "mil, no me siento 77" for "mil novecientos setenta y siete": after "mil", or a word one
    letter from it ("me mio, no me fiento 51"), one to three words that sound like the hundreds
    (three letters off at most: "mil, nuevecientos, ochenta y cinco"), then the tens, even
    misheard (`_misheard_tens`): the year ends there. "Mil, no me siento bien" is no year."""
    if index >= len(tokens) or Levenshtein.distance(tokens[index], "mil") > 1:
        return None
    return _misheard_hundreds_and_tens(tokens, index + 1)


DOUBLED_LETTER = re.compile(r"(.)\1")


def _hundreds_ends(tokens, index):
    """Where one to three words from tokens[index] that sound like a year's hundreds end (the
    index after them), shortest first: "no le siento", "nuevecientos"."""
    ends = []
    for length in (1, 2, 3):
        # A doubled letter counts once: "no les siento"
        heard = DOUBLED_LETTER.sub(r"\1", "".join(tokens[index : index + length]))
        if any(
            Levenshtein.distance(heard, hundreds) <= MISHEARD_HUNDREDS_LETTERS
            for hundreds in LONG_HUNDREDS
        ):
            ends.append(index + length)
    return ends


def _misheard_hundreds_and_tens(tokens, index):
    """The last index of the hundreds and tens of a year from tokens[index], the hundreds
    misheard as one to three words ("no le siento 74"), or None."""
    for after in _hundreds_ends(tokens, index):
        if after < len(tokens) and YEAR_TENS.match(tokens[after]):
            return after
        if tens := number_below_hundred(tokens, after):
            return tens[1]
        if (tens := _misheard_tens(tokens, after)) is not None:
            return tens
    return None


def _thousand_and_hundreds(tokens, index):
    """The last index of "mil" and the hundreds after it, however misheard, or None: "me mil,
    no me cientos," of "de mil novecientos noventa y dos". A word a letter from "mil" ("me mio,
    no me fiento bien") needs its tens (`_year_with_misheard_hundreds`)."""
    if index >= len(tokens) or tokens[index] != "mil":
        return None
    ends = _hundreds_ends(tokens, index + 1)
    return ends[0] - 1 if ends else None


MISHEARD_TENS = re.compile(r"^[a-z]{2,}[ei]nta$")  # Spanish tens end so: "treinta" … "noventa"


def _misheard_tens(tokens, index):
    """The last index of the tens Whisper misheard after the hundreds ("solenta y cinco" for
    "ochenta y cinco"): a word ending as Spanish tens do, with "y" and a unit if they follow."""
    if index >= len(tokens) or not MISHEARD_TENS.match(tokens[index]):
        return None
    unit = index + 2
    if unit < len(tokens) and tokens[index + 1] in JOINERS and word_digits(tokens[unit]):
        return unit
    return index


LONG_MONTH_LETTERS = 7  # a month this long is still itself two letters off ("femero")


def _close_to_a_month(heard, shortest=5):
    return any(
        len(month) >= shortest
        and Levenshtein.distance(heard, month) <= (2 if len(month) >= LONG_MONTH_LETTERS else 1)
        for month in MONTHS
    )


BORN_ON = "naciel"  # "nací el", as its letters run together
BORN_ON_LETTERS = 2
BORN_ON_YEAR_WORDS = 6
# Where Whisper lost the day, it made words of the day and the month: "Nacil, no se me ha ni un
# de mil 998" for "Nací el 12 de abril de 1998".
DAY_LOST_YEAR_WORDS = 8


def _born_on_heard(words, tokens, start):
    """The last index of a "nací el" Whisper misheard, said at the start of a sentence or one
    word into it, or None: up to three words whose letters, a lone "es" left out, are two from
    "naciel" ("así el", "así es el", "la piel", "la fiel", "la ciel", "hacia el")."""
    opens = start == 0 or _ends_sentence(words[start - 1])
    one_in = start == 1 or start > 1 and _ends_sentence(words[start - 2])
    if not (opens or one_in):
        return None
    for end in range(start, min(len(tokens), start + 3)):
        heard = "".join(part for part in tokens[start : end + 1] if part != "es")
        if Levenshtein.distance(heard, BORN_ON) <= BORN_ON_LETTERS:
            return end
        if _ends_sentence(words[end]):
            return None
    return None


# "17980" for "17 de septiembre de 1980": a day and a year Whisper wrote as one number, the
# month and the year's "mil" lost; never "15000".
DATE_IN_ONE_NUMBER = re.compile(r"^\d{2,5}9\d\d$")


def misheard_birth_dates(words, tokens):
    """A day and a year after a "nací el" Whisper misheard, whatever it made of the month:
    "La ciel, diecinueve, me obtuve en 1978" for "Nací el 19 de octubre de 1978". The day must
    follow the cue at once and the year come within six words in the same sentence: "así el
    juez lo dijo" and "la piel" are common, a day and a year after them are not. A day and its
    month there make one too, with the words Whisper doubted after them, where it made no year
    of the "de" and the year that follow ("Así el 12 de febrero de mil nos ves cientos se
    tenta"); "así el 12 de febrero fuimos a la fiesta" is none. Where the day is lost too, a
    year after "de" within six words, how a Spanish date ends, still is one ("Así el, no se me
    cero de mil 975,"; "así el juez lo dijo en 1978" is none). Right after the cue, one number
    that is a day and a year run together is a date of birth too ("Así el 17980, en un pueblo
    pequeño")."""
    found = []
    for start in range(len(tokens)):
        cue = _born_on_heard(words, tokens, start)
        if cue is None or _ends_sentence(words[cue]):
            continue
        first = _skip(tokens, cue + 1, DATE_FILLERS)
        heard = " ".join(word.text.strip() for word in words[start : cue + 1])
        if first < len(tokens) and DATE_IN_ONE_NUMBER.match(word_digits(tokens[first]) or ""):
            found.append(
                Suggestion(first, first, Category.DATE_OF_BIRTH, "dates", f"after “{heard}”")
            )
            continue
        day_end = _day(tokens, first)
        if day_end is None and first < len(tokens) and _misheard_day(tokens[first]):
            day_end = first  # "así él, veintimos nocturne mil novecientos ochenta y ocho"
        if day_end is None:
            year = _year_in_the_sentence(words, tokens, first, DAY_LOST_YEAR_WORDS)
        else:
            year = _year_in_the_sentence(words, tokens, day_end + 1, BORN_ON_YEAR_WORDS)
        if year is not None and (day_end is not None or _de_before(words, year[0])):
            last = year[1]
        elif day_end is not None and (month := _month_before_a_year(words, tokens, day_end)):
            last = _doubted_after(words, month, BORN_ON_YEAR_WORDS, stops=SENTENCE_ENDS)
        else:
            continue
        found.append(Suggestion(first, last, Category.DATE_OF_BIRTH, "dates", f"after “{heard}”"))
    return found


def _de_before(words, year):
    """Whether the year at `year` follows the "de" a Spanish date puts before it, or a short
    word Whisper guessed in its place ("La fiel, no sé de junio, me mía 1951," for "Nací el 12
    de junio de 1951"), though not "en", how a year is said with no date ("lo dijo en 1978",
    "donde vimos junio en 1995"), or opens with an "un" Whisper made of it: no one says "un mil
    novecientos" ("La piel tiene un mil novecientos cincuenta y tres," for "Nací el 10 de abril
    de 1953")."""
    before = words[year - 1]
    if words[year].folded == "un" and year + 1 < len(words) and words[year + 1].folded == "mil":
        return True
    return before.folded == "de" or (
        _short_word(before.folded) and _not_sure(before) and before.folded not in PLACE_PREPOSITIONS
    )


def _month_before_a_year(words, tokens, day_end):
    """The index of the month right after a day and its fillers where a "de" follows it in its
    sentence, as before a year; or None."""
    month = _skip(tokens, day_end + 1, DATE_FILLERS)
    if month + 1 >= len(tokens) or tokens[month] not in MONTHS or _ends_sentence(words[month]):
        return None
    return month if tokens[month + 1] == "de" else None


def _year_in_the_sentence(words, tokens, start, within):
    """(first, last) of a year said within `within` words from tokens[start] in its sentence,
    its "mil" or its hundreds misheard or lost, or None."""
    for at in range(start, min(len(tokens), start + within)):
        if _ends_sentence(words[at - 1]):
            return None
        year = _year_end(tokens, at)
        if year is None and NINETEEN_HUNDREDS_UNSAID.match(tokens[at]):
            year = at
        if year is None:
            year = _misheard_hundreds_and_tens(tokens, at)  # "mil" lost too
        if year is not None:
            return at, year
    return None


def date_suggestions(words):
    """Every full date: a date of birth near a birth cue (before it, or just after), otherwise
    a date for the editor to decide on. Dates near a birth cue that lack a day or a year are
    suggested too (`birth_date_suggestions`)."""
    tokens = [word.folded for word in words]
    found = []
    for first, last in full_dates(tokens) + misheard_dates(words, tokens):
        nearby = set(tokens[max(0, first - 14) : first] + tokens[last + 1 : last + 5])
        if nearby & BIRTH_WORDS:
            found.append(Suggestion(first, last, Category.DATE_OF_BIRTH, "dates", "full date"))
        else:
            found.append(Suggestion(first, last, Category.OTHER, "dates", "a full date"))
    found += birth_date_suggestions(words) + misheard_birth_dates(words, tokens)
    for suggestion in found:
        suggestion.last = _year_heard_to_its_end(words, tokens, suggestion.last)
    return found


SPANISH_UNITS = ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
UNIT_LETTERS = 2  # "y cinto", "y mos", "y más" for "y cinco", "y dos"
TENS_DIGITS = re.compile(r"^[1-9]0$")


def _year_heard_to_its_end(words, tokens, last):
    """Where a date's year ends round at tokens[last], the rest of it Whisper misheard: the
    tens after the hundreds ("1900 o 80" for "mil novecientos ochenta", "mil novecientos
    cinquenta", "mil novecientos se centa"), and "y" and a unit two letters off at most
    ("setenta y cinto", "cinquenta y mos" for "cincuenta y dos"); within the sentence."""
    if _ends_sentence(words[last]):
        return last
    token = tokens[last]
    if token in HUNDREDS or YEAR_DIGITS.match(token) and token.endswith("00"):
        tens = last + 1
        if tens < len(tokens) and tokens[tens] in {"y", "o"}:
            tens += 1
        tens_last = None
        if tens < len(tokens) and (
            tokens[tens] in TENS
            or TENS_DIGITS.match(tokens[tens])
            or MISHEARD_TENS.match(tokens[tens])
        ):
            tens_last = tens
        elif _tens_in_two_words(words, tokens, tens):
            tens_last = tens + 1
        if tens_last is not None:
            last = tens_last
            if _ends_sentence(words[last]):
                return last
            token = "".join(tokens[tens : last + 1])
    if not (token in TENS or MISHEARD_TENS.match(token) or token.isdigit() and token[-1] == "0"):
        return last
    following = tokens[last + 1 : last + 3]
    if following[:1] == ["y"] and len(following) == 2 and _misheard_unit(following[1]):
        return last + 2
    return last


TENS_LETTERS = 2


def _tens_in_two_words(words, tokens, first):
    """ "se centa" for "sesenta": Spanish tens Whisper heard as two words, together two letters
    from them at most."""
    heard = "".join(tokens[first : first + 2])
    return (
        first + 1 < len(tokens)
        and not _ends_sentence(words[first])
        and any(
            Levenshtein.distance(heard, tens) <= TENS_LETTERS
            for tens in TENS
            if tens.endswith("nta")
        )
    )


def _misheard_unit(heard):
    """ "5", "cinto", "mos": a unit as Whisper wrote or misheard it."""
    return len(word_digits(heard) or "") == 1 or any(
        Levenshtein.distance(heard, unit) <= UNIT_LETTERS for unit in SPANISH_UNITS
    )


ADDRESS_FRAGMENT_WORDS = 4
CHOPPED_SENTENCE_WORDS = 2


def _address_fragment(words, domain, end):
    """Where a full stop fell inside a spoken address ("Mi correo es octaño pacheco a rola. Ma'
    el punto con." for "octaviopacheco arroba hotmail punto com"), the first index of the
    short "sentence" (four words at most) its ending makes; None where no such fragment is.
    Where the ending stands alone after a stop, Whisper may have chopped the whole address into
    "sentences" of a word or two ("to Mars. Montoya. Who .com," for "tomás dot montoya at yahoo
    dot com"): those before it, doubted on average, are the fragment."""
    start = _sentence_start(words, end, ADDRESS_FRAGMENT_WORDS - 1)
    if not (0 < start <= domain and _ends_sentence(words[start - 1])):
        return None
    if start < domain:
        return start
    while start > 0 and domain - start < ADDRESS_FRAGMENT_WORDS:
        before = _sentence_start(words, start - 1, CHOPPED_SENTENCE_WORDS)
        if start - before > CHOPPED_SENTENCE_WORDS:
            break
        start = before
    if start < domain and _doubted_on_average(words[start : end + 1]):
        return start
    return None


def spoken_email_suggestions(words):
    """E-mail addresses found from their end ("punto com", "dot org", a provider's name), read
    backwards to the user's name, so a misheard "arroba" or "at" does not hide them."""
    tokens = [word.folded for word in words]
    found = []
    for end, token in enumerate(tokens):
        if end >= 2 and _dot_and_ending(words, tokens, end):
            domain = end - 2
        elif end >= 3 and _dot_a_word_and_a_guessed_ending(words, tokens, end):
            domain = end - 3
        elif token in DOMAIN_ENDINGS and end >= 1 and _dotted(words[end]):
            domain = end - 1  # "hotmail .com": Whisper glues the dot to what follows it
            while domain >= 1 and _dotted(words[domain]):
                domain -= 1
        elif "." in token and token.rsplit(".", 1)[1] in DOMAIN_ENDINGS and "@" not in token:
            domain = end  # "gmail.com" as one word
        elif token in MAIL_PROVIDERS:
            domain = end
        elif (
            end >= 2
            and tokens[end - 2] in PROVIDER_TAILS
            and _dot_like(tokens[end - 1])
            and _com_after_a_provider(words[end])
        ):
            domain = end - 2
        else:
            continue
        last = end
        if (
            domain == end
            and end + 2 < len(tokens)
            and _dot_like(tokens[end + 1])
            and _one_letter_from(tokens[end + 2], "com")
            and not _ends_sentence(words[end])
        ):
            last = end + 2  # "outlook not come": the provider's ending, misheard
        while (
            domain >= 2
            and tokens[domain - 1] in DOT_WORDS
            and not _ends_sentence(words[domain - 2])
        ):
            domain -= 2  # "correo punto gob punto mx"
        at = domain - 1
        if at < 1 or _ends_sentence(words[at]) or _ends_sentence(words[at - 1]):
            if fragment := _address_fragment(words, domain, end):
                found.append(
                    Suggestion(fragment, last, Category.EMAIL, "email", "spoken address, its end")
                )
            continue
        user = at - 1  # whatever word stands where "arroba" was said, the name is before it
        while (
            user >= 2
            and (tokens[user - 1] in ADDRESS_JOINERS or _dot_like(tokens[user - 1]))
            and not _ends_sentence(words[user - 2])
        ):
            user -= 2  # "the lorry's not getting that outlook" for "dolores dot galindo at …"
        if _sounds_like_com(words, tokens, end):
            # Whisper misheard the ending, so it may have garbled the rest past recognising its
            # parts: the address is what the sentence says up to it.
            user = min(user, _sentence_start(words, end, 8))
        found.append(
            Suggestion(user, last, Category.EMAIL, "email", "spoken address, from its end")
        )
    return found + _dots_in_a_row(words, tokens)


DOTS_APART = 8  # words at most between two "punto"s of one spoken address


def _dots_in_a_row(words, tokens):
    """Two "punto"s or "dot"s a few words apart, among words Whisper mostly doubted, are an
    address being read even when its ending was lost ("lucido punto de amor a Roma y a un punto
    de romps"), and even where Whisper's punctuation of what it could not make out splits them
    ("¿ancelmo punto o menos? No, no, no, no, punto."). Said surely, "a punto de llorar y a
    punto de irme" is Spanish."""
    found = []
    dots = [i for i, token in enumerate(tokens) if token in DOT_WORDS]
    for first, second in zip(dots, dots[1:], strict=False):
        if second - first > DOTS_APART:
            continue
        start = first - 1 if first > 0 and not _ends_sentence(words[first - 1]) else first
        if _ends_sentence(words[second]) or second + 1 == len(words):
            last = second
        else:
            last = _doubted_after(words, second + 1)
        if not _doubted_on_average(words[start : last + 1]):
            continue
        found.append(Suggestion(start, last, Category.EMAIL, "email", "spoken address, dotted"))
    return found


def _dot_and_ending(words, tokens, end):
    """A dot word and an address's ending at `end`, however Whisper heard it; or a "punto" a
    letter off before an ending it guessed ("los arromas los puntos rom,"). Not "not" before
    "come": "she could not come, so I left" is English."""
    dot = tokens[end - 1]
    if dot in DOT_WORDS:
        return _domain_ending(words, tokens, end)
    return _one_letter_from(dot, "punto") and _guessed_ending(words[end])


def _domain_ending(words, tokens, end):
    """ "com", "org", "mx"…; or a word one letter from "com" ("con", "tom", "comb"), which is
    how Whisper often hears a spoken "punto com", when something else says an address is being
    read: Whisper was unsure of the word, it ends the clause, or a "punto", "arroba" or provider
    came shortly before. A sure "con" mid-sentence after "en punto" is ordinary Spanish. Or any
    short word Whisper guessed that ends the clause ("punto trón,"): the ending, however heard."""
    if tokens[end] in DOMAIN_ENDINGS:
        return True
    return _sounds_like_com(words, tokens, end) or _guessed_ending(words[end])


DOMAIN_LETTERS = 4
FILLER_LETTERS = 2


def _dot_a_word_and_a_guessed_ending(words, tokens, end):
    """ "esa roda jamás el punto de trom." for "joaquínbenavides arroba gmail punto com": a
    short word Whisper doubted between the dot word and an ending it guessed. Said surely, "a
    punto de irme." is Spanish, and its last word no guess."""
    between = words[end - 1]
    return (
        tokens[end - 2] in DOT_WORDS
        and not _ends_clause(words[end - 2])
        and 0 < len(letters(between.folded)) <= FILLER_LETTERS
        and _not_sure(between)
        and _guessed_ending(words[end])
    )


def _guessed_ending(word):
    return (
        word.probability is not None
        and word.probability < UNSURE
        and 0 < len(letters(word.text)) <= DOMAIN_LETTERS
        and _ends_clause(word)
    )


COM_AFTER_A_PROVIDER_LETTERS = 2


def _com_after_a_provider(word):
    """ "com" after a provider's tail and a dot ("mail not come"), even two letters off where
    Whisper doubted it ("at heart mail not calm" for "at hotmail dot com")."""
    distance = Levenshtein.distance(letters(word.folded), "com")
    return distance <= 1 or distance <= COM_AFTER_A_PROVIDER_LETTERS and _not_sure(word)


def _one_letter_from(token, expected):
    return Levenshtein.distance(letters(token), expected) <= 1


def _dot_like(token):
    """ "dot", "punto", or a word one letter from them ("not", "punta"), which inside an
    address found by its ending is how Whisper heard them."""
    return token in DOT_WORDS or _one_letter_from(token, "dot") or _one_letter_from(token, "punto")


def _sounds_like_com(words, tokens, end):
    word = words[end]
    if not _one_letter_from(tokens[end], "com") or end < 2:
        return False
    unsure = word.probability is not None and word.probability < UNSURE
    ends_clause = end + 1 == len(words) or _ends_clause(word)
    before = set(tokens[_sentence_start(words, end - 1, 8) : end - 1])
    return unsure or ends_clause or bool(before & (DOT_WORDS | AT_WORDS | MAIL_PROVIDERS))


def _dotted(word):
    return word.text.strip().startswith(".") and bool(letters(word.text))


def role_suggestions(words):
    """The one to three words after a role or a naming cue ("mi abogada", "el agente", "se
    llama", "my lawyer", "named"), as a person, even when Whisper wrote them in lower case."""
    tokens = [word.folded for word in words]
    found = []
    for cue, token in enumerate(tokens):
        if _naming_heard_apart(words, tokens, cue):
            found += _named(words, tokens, cue)
            continue
        if not (token in ROLE_CUES or _misheard_role(words[cue])):
            continue
        if _ends_sentence(words[cue]) and not _naming_goes_on(words, tokens, cue):
            continue
        first = cue + 1
        if _is_naming(words, tokens, cue):
            found += _named(words, tokens, cue)
            continue
        if words[cue].text.rstrip().endswith(","):
            # "my lawyer, the dealer Quibi, told me": between the commas stands a name,
            # whatever words Whisper made of it.
            last = _apposition_end(words, first)
            if last is None:
                last = _unclosed_apposition_end(words, first)
            if last is not None:
                found.append(Suggestion(first, last, Category.PERSON, "role", f"after “{token},”"))
            continue
        if first < len(tokens) and tokens[first] in NAMING_LINKS and _guessed([words[first]]):
            # "My neighbor is an acute memory." for "My neighbour Inés Zamora saw everything":
            # a link Whisper guessed at, where the name began, and the name misheard after it
            last = _unclosed_apposition_end(words, first + 1) if first + 1 < len(words) else None
            if last is not None:
                found.append(Suggestion(first, last, Category.PERSON, "role", f"after “{token}”"))
                continue
        if first < len(tokens) and tokens[first] in NAMING_LINKS and token in {"name", "nombre"}:
            first += 1
        last = first - 1
        while (
            last + 1 < len(tokens)
            and last + 1 - first < 3
            and letters(tokens[last + 1])
            and tokens[last + 1] not in NOT_NAME_WORDS
            and not tokens[last + 1].endswith(NOT_NAME_ENDINGS)
            and tokens[last + 1] not in ROLE_CUES
            and words[last + 1].folded not in NOT_NAMES
        ):
            last += 1
            if _ends_sentence(words[last]) or words[last].text.rstrip().endswith(","):
                break
        if last >= first:
            found.append(Suggestion(first, last, Category.PERSON, "role", f"after “{token}”"))
    return (
        found
        + possessive_apposition_suggestions(words, tokens)
        + companion_suggestions(words)
        + company_suggestions(words)
        + told_by_role_suggestions(words, tokens)
        + paused_company_suggestions(words, tokens)
    )


LONG_ROLES = sorted(role for role in ROLE_CUES if len(role) >= 7)
# "llamado" as Spanish says it where "ll" and "y" sound alike (yeísmo): "y amado"
NAMING_AS_SAID = {"yamado", "yamada"}
NAMING_PIECES = 3
NAMING_LETTERS = 1  # off "yamado" by this much, only right after someone: "un señor y a mano"
NAMING_LETTERS_LONG = 2  # as long as "yamado", or a letter longer: "un señor y amamos,"


def _naming_heard_apart(words, tokens, last):
    """ "Un señor y amado, y en esa rirada vino" for "Un señor llamado Inés Arriaga vino": a
    naming cue Whisper heard as one to three words ending at `last`, one of them doubted.
    Right after a word for someone ("un señor y a mano", "un señor y a malo.", "un señor
    amado,"), a letter off is still the cue; elsewhere "ya nada" is only Spanish."""
    for first in range(last, max(-1, last - NAMING_PIECES), -1):
        pieces = words[first : last + 1]
        if any(_ends_sentence(word) for word in pieces[:-1]):
            return False
        if not any(_not_sure(word) for word in pieces):
            continue
        said = "".join(tokens[first : last + 1]).replace("ll", "y")
        # "un señor, amado, y en el buen a mi mes,": a comma after him is a pause, no more
        after_someone = (
            first > 0 and tokens[first - 1] in PEOPLE_NOUNS and not _ends_sentence(words[first - 1])
        )
        if said in NAMING_AS_SAID or (
            after_someone
            and any(
                Levenshtein.distance(said, cue)
                <= (NAMING_LETTERS_LONG if 0 <= len(said) - len(cue) <= 1 else NAMING_LETTERS)
                for cue in NAMING_AS_SAID
            )
        ):
            return True
    return False


def _misheard_role(word):
    """A long role word Whisper misheard by two letters at most, and doubted ("mi agogana lucía
    mía logos" for "mi abogada Lucía Villalobos")."""
    return (
        _not_sure(word)
        and len(word.folded) >= 7
        and any(Levenshtein.distance(word.folded, role) <= 2 for role in LONG_ROLES)
    )


COMPANION_CUES = {"with", "con"}
COMPANION_WORDS = 7
PRONOUNS = {"me", "him", "her", "us", "them", "you", "it", "mi", "ti", "el", "ella", "ellos",
            "ellas", "nosotros", "usted", "ustedes"}  # fmt: skip


def _pronoun_after(cue, heard):
    # Spanish says "conmigo", never "con me": a "me" after "con" is a name Whisper misheard
    # ("fui a la oficina con, me aprizó el menos antirán," for "con Beatriz Olmedo Santillán").
    # A pronoun Whisper was guessing is a name's first sound too ("con él y al menos esa tarde"
    # for "con Elvira Olmedo esa tarde").
    return (
        heard.folded in PRONOUNS and (cue, heard.folded) != ("con", "me") and not _guessed([heard])
    )


def _me_heard_after_con(tokens, cue):
    """ "con, a mí …": Spanish never says it ("conmigo"), so Whisper made these words of a name,
    and however sure it was of them. Not the "con" it writes for an address's "com" ("punto
    con, a mí me escriben")."""
    return (
        tokens[cue] == "con"
        and tokens[cue + 1 : cue + 3] == ["a", "mi"]
        and (cue == 0 or tokens[cue - 1] != "punto")
    )


def companion_suggestions(words):
    """After "with" / "con", the rest of the clause where Whisper doubted it on average: whom
    the narrator was with, a name it misheard ("I went to the office with your undermenafides,"
    for "with Yolanda Benavides"; "fui a la oficina con, de atriz y a los pesa carne." for "con
    Beatriz Villalobos"). Not "with me at night", nor what Whisper heard surely ("con miedo")."""
    tokens = [word.folded for word in words]
    found = []
    for cue, word in enumerate(words[:-1]):
        if word.folded not in COMPANION_CUES:
            continue
        paused = _paused_after(words, tokens, cue)
        if _ends_sentence(word) and not paused:
            continue
        first = cue + 1
        if _me_heard_after_con(tokens, cue):
            found.append(_misheard_companion(words, first))
            continue
        clause_end = next(
            (
                index
                for index in range(first, min(len(words), first + COMPANION_WORDS))
                if _ends_clause(words[index])
            ),
            None,
        )
        # Whisper does not always end the clause: "I went to the office with an e -cute circuit
        # again in the afternoon." for "with Inés Urquidi Galindo that afternoon"; then the
        # words a name could take, if it doubted them.
        last = min(len(words), first + COMPANION_WORDS) - 1 if clause_end is None else clause_end
        if _pronoun_after(word.folded, words[first]):
            continue
        if (
            paused
            and clause_end is not None
            and not {heard.folded for heard in words[first : last + 1]} <= FILLERS
        ):
            reason = f"after “{word.text.strip()}”"
        elif _doubted_on_average(words[first : last + 1]):
            reason = f"after “{word.folded}”"
            while not _not_sure(words[last]):
                last -= 1  # "with recorder tobin and then home": the name ends where doubt does
        else:
            continue
        found.append(Suggestion(first, last, Category.PERSON, "role", reason))
    return found


PAUSES = (",", "...", "…")
# What people say while they find the next word: "fui con, bueno, con mi hermano"
FILLERS = {"bueno", "pues", "este", "eh", "em", "mm", "um", "uh", "o", "sea", "well", "like"}


def _paused_after(words, tokens, cue):
    """ "Fui a la oficina con, y les vía nuevos, esa tarde." for "con Inés Villalobos": no
    clause ends in "con" or "with", so a comma or an ellipsis Whisper put there ("con... la mía
    mía conmigo." for "con Ramiro Arriaga Olmedo") is a pause before what it could not make
    out, and the clause it opens is whom the narrator was with, however surely Whisper heard
    it. After "punto" (or "punta"), "con," is an address's "com"."""
    return words[cue].text.rstrip().endswith(PAUSES) and not (cue and _dot_like(tokens[cue - 1]))


def _misheard_companion(words, first):
    """The name after "con, a mí": its words up to the end of the sentence, over the commas
    Whisper put between pieces it heard apart ("con, a mí, o menamines, es a carne." for "con
    Ramiro Benavides esa tarde"), and past what it doubted only as far as the last word it did
    doubt."""
    last = first
    while last + 1 < min(len(words), first + COMPANION_WORDS + 1) and not _ends_sentence(
        words[last]
    ):
        last += 1
    while last > first + 1 and not _not_sure(words[last]):
        last -= 1
    return Suggestion(first, last, Category.PERSON, "role", "after “con, a mí”")


POSSESSIVES = {"mi", "my", "su", "his", "her", "our", "nuestro", "nuestra", "tu", "your"}
COMPANY_CUES = [("estaba", "conmigo"), ("estaban", "conmigo"), ("estuvo", "conmigo"),
                ("estuvieron", "conmigo"), ("ha", "estado", "conmigo"),
                ("habia", "estado", "conmigo"), ("was", "with", "me"), ("were", "with", "me"),
                ("was", "with", "us"), ("were", "with", "us")]  # fmt: skip
# Roles tell the narrator things too ("the officer told me"): before these, only a clause
# Whisper doubted, as it does a name it misheard, and more than an article and a noun.
TELLING_CUES = [("me", "dijo"), ("nos", "dijo"), ("told", "me"), ("told", "us")]
SUBJECT_WORDS = 6
SUBJECT_PRONOUNS = PRONOUNS | {"i", "he", "she", "we", "they", "yo", "nadie", "nobody",
                               "alguien", "someone", "everyone", "todos", "that", "this", "eso",
                               "esto", "y", "and"}  # fmt: skip
ARTICLES = {"el", "la", "the", "a", "an", "un", "una"} | POSSESSIVES


def company_suggestions(words):
    """Before "was with me" / "estaba conmigo", the clause that says it (six words at most):
    who was with the narrator, whatever Whisper made of the name ("Lusharara was with me at 8"
    for "Lucía Arriaga"; "Ayer, me atis gustamente, estaba conmigo" for "Beatriz Bustamante",
    "Ayer," not taken); and before "me dijo" / "told me", such a clause where Whisper doubted
    it ("a mí la mirada y chevería, me dijo que esperara" for "Mi abogado Ramiro Arriaga
    Echeverría"). A pronoun alone ("He was with me"), or a role ("El oficial me dijo"), names
    nobody."""
    tokens = [word.folded for word in words]
    found = []
    for cue in COMPANY_CUES + TELLING_CUES:
        for verb in range(1, len(tokens) - len(cue) + 1):
            if not _says(words, tokens, verb, cue):
                continue
            first = verb - 1
            if _ends_sentence(words[first]):
                continue
            while first > 0 and verb - first < SUBJECT_WORDS and not _ends_clause(words[first - 1]):
                first -= 1
            clause = tokens[first:verb]
            if len(clause) == 1 and clause[0] in SUBJECT_PRONOUNS:
                continue
            a_role = len(clause) == 2 and clause[0] in ARTICLES
            if cue in TELLING_CUES and (a_role or not _doubted_on_average(words[first:verb])):
                continue
            found.append(
                Suggestion(first, verb - 1, Category.PERSON, "role", f"before “{' '.join(cue)}”")
            )
    return found


HEARD_AS_WAS_WITH = {("one", "with", "me"), ("one", "with", "us")}
NAME_BEFORE_A_PAUSE_WORDS = 8


def paused_company_suggestions(words, tokens):
    """ "In the acute mission area, one with me at night." for "Inés Echeverría was with me that
    night": after the pause Whisper marks with a comma, it hears "was with me" as "one with me",
    so the sentence up to the comma, eight words at most, is who was with the narrator. Without
    the pause it is English: "there was no one with me"."""
    found = []
    for verb in range(1, len(tokens) - 2):
        if tuple(tokens[verb : verb + 3]) not in HEARD_AS_WAS_WITH:
            continue
        if not words[verb - 1].text.rstrip().endswith(","):
            continue
        first = verb - 1
        while (
            first > 0
            and verb - first < NAME_BEFORE_A_PAUSE_WORDS
            and not _ends_sentence(words[first - 1])
        ):
            first -= 1
        found.append(Suggestion(first, verb - 1, Category.PERSON, "role", "before “one with me”"))
    return found


ROLE_TOLD_WORDS = 5  # how many words Whisper may make of a name between role and "me dijo"


def told_by_role_suggestions(words, tokens):
    """ "Mi abogada lo es vía lo vos me dijo que esperara" for "Mi abogada Dolores Villalobos
    me dijo": between a role and "me dijo" / "told me", in one clause, up to five words that
    are not all function words, one of them doubted, are the role's name. Not "el agente ya no
    me dijo", nor "my lawyer at the court told me" where Whisper was sure of every word."""
    found = []
    for cue in TELLING_CUES:
        for verb in range(2, len(tokens) - len(cue) + 1):
            if not _says(words, tokens, verb, cue):
                continue
            for role in range(verb - 1, max(-1, verb - ROLE_TOLD_WORDS - 2), -1):
                if _ends_clause(words[role]):
                    break
                if tokens[role] not in ROLE_CUES:
                    continue
                name = range(role + 1, verb)
                if any(_not_sure(words[index]) for index in name) and not all(
                    tokens[index] in NOT_NAME_WORDS for index in name
                ):
                    found.append(
                        Suggestion(
                            role + 1,
                            verb - 1,
                            Category.PERSON,
                            "role",
                            f"between “{tokens[role]}” and “{' '.join(cue)}”",
                        )
                    )
                break
    return found


COMPANY_CUE_LETTERS = 2
COMPANY_CUE_WORDS = 4


def _says(words, tokens, at, cue):
    """Whether the words from `at` are `cue`; one ending in "conmigo" also two letters off, in
    up to four words, where Whisper doubted one of them ("estaba conmino", "esta va con miro"
    for "estaba conmigo"), but not cut short ("estaba con mi hijo")."""
    if tuple(tokens[at : at + len(cue)]) == cue:
        return True
    if cue[-1] != "conmigo":
        return False
    said = "".join(cue)
    for end in range(at + 2, min(len(tokens), at + COMPANY_CUE_WORDS) + 1):
        if _ends_sentence(words[end - 2]):
            return False
        heard = tokens[at:end]
        letters_heard = "".join(heard)
        if (
            # not cut short: "estaba con mi(go)" is "con mi hijo"
            len(said) - 1 <= len(letters_heard) <= len(said) + COMPANY_CUE_LETTERS
            and Levenshtein.distance(letters_heard, said) <= COMPANY_CUE_LETTERS
            and any(_not_sure(word) for word in words[at:end])
        ):
            # "ha estado conmigo" holds "estado conmigo", which is no "estaba conmigo"
            return not any(tuple(heard) == other[-len(heard) :] for other in COMPANY_CUES)
    return False


MISHEARD_MI = {"me"}  # what Whisper writes for a "mi" it was guessing at
# "mi dirección", "my phone": what follows these is the narrator's identifier, not a name
OWN_IDENTIFIERS = {"direccion", "domicilio", "address", "correo", "email", "e-mail", "telefono",
                   "celular", "phone", "telephone", "numero", "number", "pasaporte", "passport",
                   "identificacion", "nacimiento", "cumpleanos", "birthday", "fecha",
                   "date"}  # fmt: skip


def possessive_apposition_suggestions(words, tokens):
    """ "Mi X, <words>, …": between the commas after someone's relation to the narrator stands
    their name, even when Whisper misheard the role word itself ("mi abogada" as "mi la
    volana") and made ordinary words of the name; or "mi" too, where it guessed at all of
    "me llaman a," for "mi abogada,"."""
    found = []
    for cue, token in enumerate(tokens):
        if token not in POSSESSIVES | MISHEARD_MI:
            continue
        for role_end in (cue + 1, cue + 2):
            if role_end >= len(words) or _ends_sentence(words[role_end]):
                break
            if token in MISHEARD_MI and not _guessed(words[cue : role_end + 1]):
                continue  # "me dijo, mañana, que…" is no "mi …," Whisper misheard
            if set(tokens[cue + 1 : role_end + 1]) & OWN_IDENTIFIERS:
                break  # "Mi dirección es, a menina, jueves,": an address follows, not a name
            if words[role_end].text.rstrip().endswith(","):
                last = _apposition_end(words, role_end + 1)
                if last is not None:
                    found.append(
                        Suggestion(role_end + 1, last, Category.PERSON, "role", "after “mi …,”")
                    )
                break
    return found


def _mean_probability(stretch):
    """How sure Whisper was of these words on average; None where it gave no probabilities."""
    heard = [word.probability for word in stretch if word.probability is not None]
    return sum(heard) / len(heard) if heard else None


def _mean_below(stretch, line):
    mean = _mean_probability(stretch)
    return mean is not None and mean < line


def _doubted_on_average(stretch):
    return _mean_below(stretch, NOT_SURE)


def _guessed(stretch):
    """Whisper was, on average, guessing these words."""
    return _mean_below(stretch, UNSURE)


PEOPLE_NOUNS = {"man", "woman", "guy", "lady", "person", "someone", "somebody", "boy",
                "girl", "officer", "agent", "friend", "neighbor", "neighbour", "lawyer",
                "judge", "senor", "senora", "hombre", "mujer", "persona", "alguien",
                "muchacho", "muchacha", "chico", "chica", "joven"}  # fmt: skip
NAMED_WORDS = 8  # after "se llamaba", "named": what follows is the name, whatever Whisper wrote
NAME_STOPS = {"y", "and"}


def _is_naming(words, tokens, cue):
    """ "se llama(ba)", "llamado", "named", "name is/was": the words that follow are a name.
    Also "name" before a word Whisper doubted, a link it misheard ("his name one in a cute
    carasco" for "his name was Inés Carrasco")."""
    token = tokens[cue]
    if token in CALLING:
        return cue > 0 and tokens[cue - 1] == "se"
    if token in {"name", "nombre"}:
        return cue + 1 < len(tokens) and (
            tokens[cue + 1] in NAMING_LINKS
            or _not_sure(words[cue + 1])
            or _was_heard_as_one(tokens, cue)
        )
    if token == "called":  # noqa: S105 ("a man called …" names him; "I called my lawyer" does not)
        return cue > 0 and tokens[cue - 1] in PEOPLE_NOUNS
    return token in NAMING_PARTICIPLES


def _was_heard_as_one(tokens, cue):
    """ "his name 1, you shall meet him" for "his name was Lucía Olmedo": after "his / her / my
    name", English has no "one"; it is the "was", however sure Whisper was of it, and the name
    follows it, even where it opens with an "and" ("his name one and she'll know" for "his name
    was Anselmo")."""
    return (
        tokens[cue] == "name"
        and cue > 0
        and tokens[cue - 1] in POSSESSIVES
        and cue + 1 < len(tokens)
        and tokens[cue + 1] in {"one", "1"}
    )


def _naming_goes_on(words, tokens, cue):
    """Whether the name follows a full stop Whisper put after a naming cue: no sentence ends on
    "llamado" ("Un señor llamado. Tiene un alindo."), nor on "que se llamaba" ("dijo que se
    llamaba. Me apife que me ría"); "no sé cómo se llamaba.", "me dijo que llamaba." (for
    "llamara") and a question do."""
    if tokens[cue] in NAMING_PARTICIPLES:
        return True
    return (
        tokens[cue] in CALLING
        and words[cue].text.rstrip().endswith(".")
        and _is_naming(words, tokens, cue)
        and "como" not in tokens[max(0, cue - 2) : cue]
    )


CALLING = {"llama", "llamaba", "llamo"}
NAMING_PARTICIPLES = {"llamado", "llamada", "named"}


def _named(words, tokens, cue):
    """The name after a naming cue, even where Whisper made function words of it ("se llamaba,
    me atrizó el mismo" for "Beatriz Olmedo")."""
    first = cue + 1
    if first < len(tokens) and tokens[first] in NAMING_LINKS or _was_heard_as_one(tokens, cue):
        first += 1
    if (
        first < len(tokens)
        and tokens[first] in {"a", "al"}
        and tokens[cue] in CALLING
        and not words[cue].text.rstrip().endswith(",")
    ):
        # "se llamaba a la policía": someone was called, nobody named. After "llamado", even
        # heard apart, "a" is the name Whisper misheard ("un señor y a mano a quien quintero"
        # for "un señor llamado Joaquín Quintero"), and so it is after a comma Whisper put
        # where it heard a pause before the name ("se llamaba, al selmoche vería quintero").
        return []
    last = first - 1
    while (
        last + 1 < len(tokens)
        and last + 1 - first < NAMED_WORDS
        # A name cannot begin with "y": there Whisper split one ("se llamaba y olando" for
        # "Yolanda"); after the name's first word, a "y" Whisper was sure of ends it, and one
        # it doubted is more of the name ("Otario y a nuevos." for "Octavio Villalobos"), as
        # is a Spanish "y" before a word it doubted, the "ll" or "e" of a surname ("roza y
        # cherería montoya" for "Rosa Echeverría Montoya").
        and (
            tokens[last + 1] not in NAME_STOPS
            or last + 1 == first
            or _not_sure(words[last + 1])
            or tokens[last + 1] == "y"
            and last + 2 < len(words)
            and _not_sure(words[last + 2])
        )
        and not _is_label(words[last + 1])
    ):
        last += 1
        if _ends_sentence(words[last]) or words[last].text.rstrip().endswith(","):
            break
    if last < first:
        return []
    last = _name_pieces_after(words, first, last)
    return [Suggestion(first, last, Category.PERSON, "role", f"after “{words[cue].text.strip()}”")]


APPOSITION_WORDS = 4  # "my lawyer, Rosa Quintero Galindo, told me"
DOUBTED_APPOSITION_WORDS = 7  # "mi vecina, de afico el menos heche de riga, lo vio"


def _apposition_end(words, first):
    """The word whose comma closes an apposition starting at `first`: four words at most, or
    up to seven where Whisper doubted them on average, having broken a name into ordinary
    words ("my lawyer, the lawyer sped up eyes, told me")."""
    for last in range(first, min(len(words), first + DOUBTED_APPOSITION_WORDS)):
        if _ends_sentence(words[last]):
            return None
        if words[last].text.rstrip().endswith(","):
            if last - first < APPOSITION_WORDS or _doubted_on_average(words[first : last + 1]):
                return _name_pieces_after(words, first, last)
            return None
    return None


def _unclosed_apposition_end(words, first):
    """ "My lawyer, your underrated toll meter weight." for "My lawyer, Yolanda Urquidi, made me
    wait.": where Whisper dropped the closing comma, the name is the three words after the
    opening one, if Whisper doubted them on average; fewer where the sentence ends sooner.
    "My lawyer, she told me to wait.", said surely, names nobody."""
    last = first
    while last < min(len(words) - 1, first + NAME_PIECE_WORDS - 1) and not _ends_clause(
        words[last]
    ):
        last += 1
    return last if _doubted_on_average(words[first : last + 1]) else None


NAME_PIECE_WORDS = 3
COMMA_PIECE_WORDS = 4


def _name_pieces_after(words, first, last):
    """Where a name starting at `first` ends: past `last`, if its comma cut the name, over each
    next piece of four words at most that a comma closes and Whisper doubted on average ("un
    señor llamado, mami, gusta mante," for "Maribel Bustamante"; "mi hermana, Rosa, gusta
    mante,"; "llamado, Lucía, si se os quintero," for "Lucía Cisneros Quintero"), or that is
    one uncommon word, however sure ("llamado, Lucia Riga, carasco,"), seven words in all at
    most, and none that opens with "me dijo" or "told me", which follow a name. With
    no comma or stop to close it, a piece may end before a "y" Whisper was sure of, where the
    story goes on ("se llamaba y les ven a mí, me sentían y me mostró" for "se llamaba Inés
    Benavides Santillán y me mostró"); a comma closes it first ("January, 1900 and 97,")."""
    while words[last].text.rstrip().endswith(","):
        piece = range(last + 1, min(len(words), last + 1 + COMMA_PIECE_WORDS))
        piece_end = next((index for index in piece if _ends_clause(words[index])), None)
        if piece_end is None:
            piece_end = next((index for index in piece if _sure_stop(words, index + 1)), None)
        if (
            piece_end is None
            or _ends_sentence(words[piece_end])
            or piece_end - first >= DOUBTED_APPOSITION_WORDS
            or not (
                _doubted_on_average(words[last + 1 : piece_end + 1])
                or piece_end == last + 1
                and _uncommon_word(words[piece_end])
            )
            or tuple(word.folded for word in words[last + 1 : last + 3]) in TELLING_CUES
        ):
            break
        last = piece_end
    return last


def _uncommon_word(word):
    """Four letters or more, and no word Spanish or English uses all the time, no number word
    and no identifier's name ("número"): "carasco"."""
    token = word.folded
    return (
        len(token) >= 4
        and token.isalpha()
        and token not in NOT_NAME_WORDS | OWN_IDENTIFIERS
        and not _number_word(token)
    )


def _sure_stop(words, index):
    return index < len(words) and words[index].folded in NAME_STOPS and not _not_sure(words[index])


STREET_NAME_WORDS = 3  # words a street's name takes, however Whisper heard it


def _is_address_part(words, tokens, digits, index, street=None):
    """Part of an address around a street word at `street`: digits, "número", a name, or
    (right after the street word, where Whisper writes street names in lower case) any word
    that is not a common one, or that Whisper doubted before a number ("calle hay envenúme los
    mil cincuenta y cuatro" for "calle Allende número 2054"; "la calle hay mucha gente" has
    none)."""
    if digits[index] is not None or tokens[index] in NAME_LINKS | HOUSE_NUMBER_WORDS:
        return True
    if _looks_like_name(words, index):
        return True
    return (
        street is not None
        and 0 < index - street <= 2
        and len(letters(tokens[index])) >= 3
        and (
            tokens[index] not in COMMON_SHORT_WORDS | NOT_NAME_WORDS
            or _not_sure(words[index])
            and any(digits[index + 1 : index + 1 + STREET_NAME_WORDS])
        )
    )


def _ends_sentence(word):
    return word.text.strip().endswith(SENTENCE_ENDS)


def _ends_clause(word):
    return word.text.strip().endswith((*SENTENCE_ENDS, ","))


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
            and _is_address_part(words, tokens, digits, last + 1, street=index)
        ):
            last += 1
        last = max(last, _number_past_a_misheard_numero(words, tokens, digits, index))
        named = any(
            digits[i] or (i != index and tokens[i] not in NAME_LINKS)
            for i in range(first, last + 1)
        )
        if named:
            found.append(Suggestion(first, last, Category.ADDRESS, "address", f"near “{token}”"))
    return found + house_number_suggestions(words, tokens, digits)


MISHEARD_NUMERO_REACH = 4  # words from that "no" to the house number Whisper made out


def _number_past_a_misheard_numero(words, tokens, digits, street):
    """Where a house number ends when Whisper heard "número" after a street's name as "no" and
    the number's first words as anything ("avenida jueves no me lo sé, 17," for "avenida Juárez
    número 607"; "calle y no no me honros mil veintimos," for "calle Hidalgo número 2022"): the
    last word of a number of two digits or more a few words past that "no", within the sentence;
    `street` itself where there is none. A number followed by what it counts ("la calle no
    hubo luz 20 días") is not a house number."""
    for at in range(street + 1, min(len(words), street + STREET_NAME_WORDS + 1)):
        if _ends_sentence(words[at - 1]):
            break
        if tokens[at] != "no":
            continue
        for first in range(at + 1, min(len(words), at + 1 + MISHEARD_NUMERO_REACH)):
            if _ends_sentence(words[first - 1]):
                break
            if not digits[first]:
                continue
            last = _run_end(words, digits, first, within_sentence=True)
            run = "".join(digits[i] or "" for i in range(first, last + 1))
            if (
                2 <= len(run) <= HOUSE_NUMBER_DIGITS
                and not _counts_something(tokens, last)
                and not YEAR_DIGITS.match(run)
            ):
                return last
            break
    return street


def house_number_suggestions(words, tokens, digits):
    """A house number said without a street word Whisper kept: "número 1694" (Spanish
    addresses say it), or a number followed by a capitalised name ("3,279 Lake Rhine")."""
    found = []
    taken = -1  # the last word a house number found so far reaches
    before = None  # the run before this one: (first, last, digits)
    for index, last in _digit_runs(words, digits, within_sentence=True):
        if index <= taken:
            continue
        run = "".join(d or "" for d in digits[index : last + 1])
        piece, before = before, (index, last, run)
        arrived = _after_arriving(tokens, index, last)
        after = last
        while (
            after + 1 < len(words)
            and after - last < 3
            and not _ends_sentence(words[after])
            and _looks_like_name(words, after + 1)
            and len(letters(words[after + 1].text)) >= 3
        ):
            after += 1
        street = _street_after(words, tokens, last)
        if street is not None:
            after = max(after, street)
            if _first_piece(words, piece, index):
                # "came to 4 ,300, maybe 4 times treat" for "4384 Pine Street": Whisper heard
                # the house number in two pieces, one word apart.
                index, run = piece[0], piece[2] + run
        elif arrived:
            after = _rest_of_the_place(words, last)
        elif not YEAR_DIGITS.match(run) and (
            len(run) >= 3 or index > 0 and tokens[index - 1] in PLACE_PREPOSITIONS
        ):
            # "came to 686 so come", "leave that 3645 scene": the street, however heard ("in
            # 1985 nobody" is a year)
            # and past a comma right after the number, Whisper's pause before the street
            # ("We leave that 698, right near the church" for "698 Lake Drive near the church")
            after = max(after, _doubted_after(words, last, stops=SENTENCE_ENDS))
        numbered = index > 0 and _number_word_before(tokens[index - 1])
        # "número uno" is a rank more often than a house: a house number has two digits or more.
        # Before a street word, Whisper's repeated digits may make a house number of six
        # ("came 2 -2 -299 -1 -C the lane" for "2291 Cedar Lane").
        longest = HOUSE_NUMBER_DIGITS if street is None and not arrived else SUSPECT_DIGITS - 1
        if 2 <= len(run) <= longest and (numbered or arrived or after > last):
            first = _street_name_before(words, tokens, index - 1) if numbered else index
            found.append(Suggestion(first, after, Category.ADDRESS, "address", "a house number"))
            taken = after
    return found


ARRIVING = {
    "to": {"came", "come", "comes", "went", "go", "goes", "moved", "move"},
    "at": {"live", "lives", "lived", "living", "stay", "stays", "stayed", "staying"},
    # "We live that 1 ,894 live near the charge." for "We live at 1894 Lake Drive near the church"
    "that": {"live", "lives", "lived", "living"},
}
# "The bill came to 500 dollars" is an amount, not a house.
AMOUNT_WORDS = {"dollars", "dollar", "bucks", "cents", "pesos", "euros", "percent", "people",
                "years", "hours", "minutes", "miles", "dolares", "personas", "anos", "horas",
                "minutos", "dias", "meses", "kilometros"}  # fmt: skip


def _counts_something(tokens, last):
    """Whether the number ending at `last` is followed by what it counts: an amount."""
    return last + 1 < len(tokens) and tokens[last + 1] in AMOUNT_WORDS


def _after_arriving(tokens, first, last):
    """Whether the number from `first` to `last` follows "came to", "lived at", …: a number said
    where someone arrived or lived is a house number, even one that reads like a year (a year is
    said "in 1985") and even when Whisper made a number of the street's name too ("came to 1
    ,366 -7 -0 -Cavanu," for "1367 Oak Avenue"), unless it is an amount."""
    if first < 2 or tokens[first - 2] not in ARRIVING.get(tokens[first - 1], ()):
        return False
    return not _counts_something(tokens, last)


def _rest_of_the_place(words, last):
    """What follows a house number said after "came to": up to four words to the end of the
    clause, past a comma right after the number, Whisper's pause before the street ("came to
    1930, I know Kevin who," for "1939 Oak Avenue")."""
    after = last
    while (
        after + 1 < len(words)
        and after - last <= STREET_NAME_WORDS
        and not _ends_sentence(words[after])
        and (after == last or not _ends_clause(words[after]))
    ):
        after += 1
    return after


def _number_word_before(token):
    """ "número", or a word Whisper glued it to ("y envenúmeros 1496" for "Allende número
    2496")."""
    return token in HOUSE_NUMBER_WORDS or (
        len(token) > len("numeros") and token.endswith(("numero", "numeros"))
    )


def _street_name_before(words, tokens, number_word):
    """Where the street's name, however Whisper heard it, starts before "número" at
    `number_word`: "a menina reforma número 96"; "cañemos en los número 11" for "calle Morelos
    número 1011", the name split into short words. Up to three words in the clause, the first
    of them no common word."""
    first = number_word
    for index in range(number_word - 1, max(-1, number_word - 1 - STREET_NAME_WORDS), -1):
        if _ends_clause(words[index]):
            break
        if (
            len(letters(tokens[index])) >= 3
            and tokens[index] not in COMMON_SHORT_WORDS | NOT_NAME_WORDS
        ):
            first = index
        elif not _short_word(tokens[index]):
            break
    return first


def _first_piece(words, piece, index):
    """Whether `piece` (first, last, digits), a run of digits one word before `index` in the
    same sentence and no year, is the first piece of the number starting there."""
    return (
        piece is not None
        and index - piece[1] == 2
        and not _ends_sentence(words[piece[1]])
        and not _ends_sentence(words[index - 1])
        and not YEAR_DIGITS.match(piece[2])
    )


def _doubted_after(words, last, longest=3, stops=(*SENTENCE_ENDS, ",")):
    """The last of up to `longest` words Whisper doubted right after words[last], not past a
    word ending in one of `stops` (by default, within its clause); `last` itself when the next
    word is sure."""
    while (
        last + 1 < len(words)
        and longest > 0
        and not words[last].text.rstrip().endswith(stops)
        and _not_sure(words[last + 1])
    ):
        last += 1
        longest -= 1
    return last


STREET_SOUNDS = 6  # street words this long are recognised with two letters misheard


def _street_after(words, tokens, number_end):
    """The word after a number and a street's name that is a street word, or one Whisper doubted
    that sounds like one ("1,500 in pine treat"; "1 ,666 to see the lane," for "1660 Cedar
    Lane"): Whisper writes a street's name in lower case and mishears "street". Said surely,
    "en 1979 en el campo" is a field, not a "camino"."""
    if _ends_sentence(words[number_end]):
        return None
    for index in range(number_end + 1, min(len(words), number_end + STREET_NAME_WORDS + 2)):
        heard = letters(tokens[index])
        if heard in STREET_WORDS or (
            _not_sure(words[index])
            and any(
                len(street) >= STREET_SOUNDS and Levenshtein.distance(heard, street) <= 2
                for street in STREET_WORDS
            )
        ):
            return index
        if _ends_sentence(words[index]):
            return None
    return None


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
    found = []
    for first, last, target, score in term_matches(words, gazetteer_targets(entries)):
        heard = " ".join(word.text for word in words[first : last + 1])
        if _number_words(heard) and not _number_words(target.text):
            continue  # "cuatro" sounds like "Quintero", but a number word is no name; "Díez" is
        if target.category == Category.PERSON and target.text != target.entity:
            first, last = _whole_name(words, first, last, target)
        found.append(
            Suggestion(
                first,
                last,
                target.category,
                "gazetteer",
                f"sounds like “{target.text}” ({round(score)}%)",
                entity=target.entity,
            )
        )
    return found


# How much, letters and sound together (0–100), the best doubted stretch must resemble a listed
# name no stretch matched: "el lío al mismo," is 60 for "Elvira Olmedo", "los amalinos
# sentían," 67 for "Rosa Galindo Santillán".
GUESS_RESEMBLANCE = 55


def unheard_name_suggestions(words, entries, heard):
    """A person the reporter listed whom no stretch matched (`heard`: what the gazetteer found)
    was most likely said all the same, and Whisper made ordinary words of the name and doubted
    them. The stretch it doubted on average that most resembles the name, within a sentence
    and with no digit, is suggested, if it resembles the name enough. One a name at most: where
    the name was never said, one guess costs the editor a click."""
    heard_entities = {suggestion.entity for suggestion in heard}
    unheard = [
        entry
        for entry in entries
        if entry.category == Category.PERSON and entry.text not in heard_entities
    ]
    if not unheard:
        return []
    said = [len(letters(word.text)) for word in words]
    with_digits = [any(ch.isdigit() for ch in word.text) for word in words]
    found = []
    for entry in unheard:
        target = Target.of(entry.text, entry.text, entry.category)
        longest = len(entry.text.split()) + 2
        fewest, most = (bound * len(target.letters) for bound in COMPARABLE_LENGTH)
        stretches = []
        for first in range(len(words)):
            length = 0
            for last in range(first, min(first + longest, len(words))):
                if with_digits[last]:
                    break
                length += said[last]
                if fewest <= length <= most and _doubted_on_average(words[first : last + 1]):
                    stretches.append((first, last))
                if _ends_sentence(words[last]):
                    break
        if not stretches:
            continue
        scores = resemblance(
            ["".join(word.text for word in words[a : b + 1]) for a, b in stretches], target
        )
        for best in np.argsort(-scores, kind="stable"):
            first, last = stretches[best]
            if scores[best] < GUESS_RESEMBLANCE:
                break
            if _number_words(" ".join(word.text for word in words[first : last + 1])):
                continue
            found.append(
                Suggestion(
                    first,
                    last,
                    Category.PERSON,
                    "unheard name",
                    f"most like “{entry.text}” ({round(float(scores[best]))}%), a listed name "
                    "heard nowhere",
                    entity=entry.text,
                )
            )
            break
    return found


def _number_words(text):
    return all(spoken_digits([fold(part) for part in text.split()]))


def _whole_name(words, first, last, target):
    """Where one part of a listed name was heard, the time its other parts take, at the pace
    the heard part was said, within the clause, over words Whisper doubted: Whisper heard
    "Galindo" in "Dolores Galindo" but made "lo no es tan" of "Dolores", which would otherwise
    be left readable."""
    whole = letters(target.entity)
    at = whole.find(target.letters)
    if at < 0:
        return first, last
    # Whisper may squeeze the part it heard ("en esto" 0.42 s for "Ernesto"): the other parts
    # still take the time letters usually take.
    pace = max((words[last].end - words[first].start) / len(target.letters), SECONDS_PER_LETTER)
    starts_by = words[first].start - pace * at
    ends_by = words[last].end + pace * (len(whole) - at - len(target.letters))

    def inside(index):
        return 0 <= index < len(words) and starts_by <= words[index].middle <= ends_by

    def goes_with_name(index, step):
        """A word Whisper doubted, a word that is the end or start of the part not heard
        ("contó más justamente" for "con Tomás Bustamante": the first name glued into the word
        before), or a splinter it wrote surely between the name and one it doubted ("tierra
        sísnero se genemía" for "Graciela Cisneros Echeverría")."""
        if _not_sure(words[index]) or _piece_of(words[index], whole, at, target.letters, step):
            return True
        beyond = index + step
        return (
            len(letters(words[index].text)) <= SPLINTER_LETTERS
            and inside(beyond)
            and _not_sure(words[beyond])
            and not _ends_clause(words[min(index, beyond)])
        )

    # A comma right before or after the heard part is a pause Whisper heard inside the name
    # ("Third of all, Galindor was with me" for "Fidel Galindo was with me"; "Me decía, Lucía,
    # si se os almero, lo vio" for "Mi vecina Lucía Cisneros Olmedo lo vio"); further ones end
    # it.
    heard_first = first
    while (
        inside(first - 1)
        and goes_with_name(first - 1, -1)
        and (
            not _ends_clause(words[first - 1])
            or first == heard_first
            and not _ends_sentence(words[first - 1])
        )
    ):
        first -= 1
    heard_last = last
    while (
        inside(last + 1)
        and goes_with_name(last + 1, 1)
        and (
            not _ends_clause(words[last]) or last == heard_last and not _ends_sentence(words[last])
        )
    ):
        last += 1
    return first, last


SPLINTER_LETTERS = 3  # "se" of "Echeverría", "mía" of "Villalobos" ("Lucía mía lo vos,")


def _piece_of(word, whole, at, heard, step):
    """Whether the word is the end (before the heard part, step -1) or the start (after it) of
    what is left of the whole name: three letters at least."""
    piece = letters(word.text)
    if len(piece) < SPLINTER_LETTERS:
        return False
    if step < 0:
        return whole[:at].endswith(piece)
    return whole[at + len(heard) :].startswith(piece)


NOT_SURE = 0.7  # a name's other parts, misheard, come out as words Whisper doubted


def _not_sure(word):
    """Only words Whisper doubted go with a name's heard part: "Daniel waited outside", every
    word sure, is the first name alone."""
    return word.probability is not None and word.probability < NOT_SURE


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


# Phrases after which a person says an identifier of their own. When no other detector found
# anything in what follows, the rest of the sentence is suggested: Whisper may have made any
# words of a misheard address, but it rarely loses the "my e-mail is" before it. Long cue words
# are matched loosely ("fecha de asimiento", "mi dimeción es"), short ones exactly.
IDENTIFIER_CUES = {
    Category.EMAIL: ["email", "e-mail", "correo", "write to me at", "escribame a",
                     "escribeme a", "escribirme a"],
    Category.PHONE: ["phone", "telephone", "telefono", "celular", "call me at", "llamar al",
                     "llamarme al", "llame al"],
    Category.ID_NUMBER: ["passport", "pasaporte", "identificacion", "a number", "case number",
                         "numero de caso", "numero de casos", "social security", "seguro social"],
    Category.DATE_OF_BIRTH: ["born", "birth", "birthday", "naci", "nacimiento", "cumpleanos"],
    Category.ADDRESS: ["address", "direccion", "lived at", "live at", "vivimos en",
                       "viviamos en", "vivo en", "domicilio"],
}  # fmt: skip
CUE_PHRASES = [(category, tuple(phrase.split())) for category, cues in IDENTIFIER_CUES.items()
               for phrase in cues]  # fmt: skip
CUE_LINKS = {"is", "was", "es", "era", "el", "al", "a", "the", "on", "at", "my", "mi", "number",
             "numero", "de", "en", "la", "are"}  # fmt: skip
LOOSE_CUE_LETTERS = 7
LOOSE_CUE_SCORE = 75
REST_OF_SENTENCE = 8  # words at most: Whisper does not always end its sentences
UNSURE = 0.45  # below this probability Whisper was guessing
GUESSED_WORDS = 4  # doubted words in a row that, on average, were guessed


SPLIT, GLUED = "split", "glued"
GLUED_LETTERS_LOST = 2


def _cue_positions(words, tokens):
    """{index: (category, reshaped)} for every cue phrase ending at index. `reshaped`: SPLIT, a
    cue Whisper heard as two words ("me pasa porque" for "de pasaporte", "hace mientos" for
    "nacimiento"), or GLUED into one (`_glued_cues`); only words Whisper wrote are joined or
    split, never an editor's."""
    loose_words = sorted(
        {w for _, said in CUE_PHRASES for w in said if len(w) >= LOOSE_CUE_LETTERS}
    )
    heard = [word.probability is not None for word in words]
    heard_pairs = {
        second: tokens[second - 1] + tokens[second]
        for second in range(1, len(tokens))
        if heard[second - 1]
        and not _ends_sentence(words[second - 1])
        and len(tokens[second - 1] + tokens[second]) >= LOOSE_CUE_LETTERS
    }
    # A number word is itself, never a cue misheard: "ciento" is no "nacimiento".
    vocabulary = sorted(
        {t for t in tokens if len(t) >= LOOSE_CUE_LETTERS - 2 and not _number_word(t)}
        | set(heard_pairs.values())
    )
    near = {word: {word} for _, said in CUE_PHRASES for word in said}
    if vocabulary:
        scores = process.cdist(loose_words, vocabulary, scorer=fuzz.ratio, workers=1)
        for row, word in enumerate(loose_words):
            near[word] |= {
                vocabulary[col] for col in np.flatnonzero(scores[row] >= LOOSE_CUE_SCORE)
            }
    found = {}
    for category, said in CUE_PHRASES:
        for end in range(len(said) - 1, len(tokens)):
            start = end - len(said) + 1
            if all(tokens[start + k] in near[word] for k, word in enumerate(said)):
                found.setdefault(end, (category, False))
    pairs_heard = defaultdict(list)
    for second, joined in heard_pairs.items():
        pairs_heard[joined].append(second)
    for category, (word, *more) in CUE_PHRASES:
        if more or word not in loose_words:
            continue
        for joined in sorted(near[word] & pairs_heard.keys()):
            for second in pairs_heard[joined]:
                if not {tokens[second - 1], tokens[second]} & near[word]:
                    found.setdefault(second, (category, SPLIT))
    for index, category in _glued_cues(words, tokens).items():
        found.setdefault(index, (category, GLUED))
    return found


GLUED_PHRASES = [
    ("".join(said), category, max(map(len, said)))
    for category, said in CUE_PHRASES
    if len(said) > 1 and len("".join(said)) >= LOOSE_CUE_LETTERS
]


def _glued_cues(words, tokens):
    """{index: category} of each cue phrase Whisper glued into one word it wrote ("llamarral"
    for "llamar al"): near the phrase's letters, longer than any of its words ("number" alone
    is no glued "a number", nor "numbers" said surely; "amarral", doubted, is "llamar al"), and
    missing two of its letters at most ("calle" is no "call me at")."""
    positions = defaultdict(list)
    for index, token in enumerate(tokens):
        if words[index].probability is not None:
            positions[token].append(index)
    vocabulary = sorted(
        t for t in positions if len(t) >= LOOSE_CUE_LETTERS - 2 and not _number_word(t)
    )
    found = {}
    if not vocabulary:
        return found
    glued = [phrase for phrase, _, _ in GLUED_PHRASES]
    scores = process.cdist(glued, vocabulary, scorer=fuzz.ratio, workers=1)
    for row, (phrase, category, longest_word) in enumerate(GLUED_PHRASES):
        for column in np.flatnonzero(scores[row] >= LOOSE_CUE_SCORE):
            token = vocabulary[column]
            for index in positions[token]:
                if (
                    len(token) > longest_word + (0 if _not_sure(words[index]) else 1)
                    and len(token) >= len(phrase) - GLUED_LETTERS_LOST
                ):
                    found.setdefault(index, category)
    return found


def _number_word(token):
    return token in HUNDREDS or word_digits(token) is not None


def cue_suggestions(words):
    """The rest of the sentence after an identifier cue (see IDENTIFIER_CUES)."""
    tokens = [word.folded for word in words]
    digits = spoken_digits(tokens)
    found = []
    cues = _cue_positions(words, _write_heard_as_right(words, tokens))
    for cue, (category, reshaped) in sorted(cues.items()):
        if _ends_sentence(words[cue]) or _is_label(words[cue]):
            continue  # a cue ending a sentence says nothing; "[phone]" is a label, not a cue
        first = cue + 1
        while (
            first < len(words) and tokens[first] in CUE_LINKS and not _ends_sentence(words[first])
        ):
            first += 1
        if first >= len(words) or _is_label(words[first]):
            continue  # nothing said, or already redacted: "call me at [phone]"
        last = _rest_of_sentence(words, first)
        if category in (Category.PHONE, Category.ID_NUMBER):
            if _question_before_the_digits(words, digits, first):
                last = first + 1
            last = _last_digit_word(words, digits, last, first + 2 * REST_OF_SENTENCE)
        elif category == Category.DATE_OF_BIRTH:
            # "…no sé ni siempre ni mil novecientos noventa y cinco": the year runs past it
            ends = (_year_end(tokens, index) for index in range(first, last + 1))
            last = max([last, *(end for end in ends if end is not None)])
        elif category == Category.EMAIL:
            last = _domain_past_a_stop(words, tokens, first, last)
        if reshaped and not any(digits[first : last + 1]):
            continue  # "lo que pasa porque…": two heard words like a cue, and nothing it announces
        found.append(Suggestion(first, last, category, "cue", f"after “{words[cue].text.strip()}”"))
    for first in range(3, len(words)):
        if digits[first] and _after_a_misheard_own_word(words, tokens, first):
            last = _rest_of_sentence(words, first)
        elif (last := _own_number_after_a_pause(words, tokens, digits, first)) is None:
            continue
        said = " ".join(word.text.strip() for word in words[first - 3 : first])
        found.append(Suggestion(first, last, Category.OTHER, "cue", f"after “{said}”"))
    return found


def _rest_of_sentence(words, first):
    """The last index of the sentence from `first`, REST_OF_SENTENCE words at most."""
    last = first
    while (
        last + 1 < len(words)
        and last + 1 - first < REST_OF_SENTENCE
        and not _ends_sentence(words[last])
    ):
        last += 1
    return last


def _after_a_misheard_own_word(words, tokens, index):
    """ "My race is 1809 c .000." for "My address is 189 Cedar Lane": a word Whisper guessed
    between "my" / "mi" and "is" / "es" right before a number is the name of an identifier it
    misheard ("address", "teléfono"), so the number is someone's own. Said surely ("my son is
    12"), the word is what it says."""
    return (
        tokens[index - 1] in NAMING_LINKS
        and (words[index - 2].probability or 1.0) < UNSURE
        and tokens[index - 3] in POSSESSIVES
    )


def _own_number_after_a_pause(words, tokens, digits, first):
    """ "Mi medición es, a venir a Juárez no me lo setecientos ocho." for "Mi dirección es,
    avenida Juárez número 708": where the speaker paused after the misheard word and "es"
    (Whisper's comma) and a number follows later in the sentence, what lies from `first` to
    the number's last word is someone's own: that word's index. None elsewhere: "Mi casa es,
    como ven, 3 cuartos", "casa" said surely, names what it is."""
    if not (
        _after_a_misheard_own_word(words, tokens, first)
        and words[first - 1].text.rstrip().endswith(",")
    ):
        return None
    last = _rest_of_sentence(words, first)
    said = [index for index in range(first, last + 1) if digits[index]]
    return _run_end(words, digits, said[-1], within_sentence=True) if said else None


def _write_heard_as_right(words, tokens):
    """`tokens`, with "Write to me at" back where Whisper wrote its homophone: "Right to me at
    octane or not…", opening a sentence, is no English but the e-mail's cue. Within a
    sentence ("he came right to me at the door") or after a pause ("Right, to me at least")
    it stays "right"."""
    tokens = list(tokens)
    for index in range(len(tokens) - 3):
        if (
            tokens[index : index + 4] == ["right", "to", "me", "at"]
            and (index == 0 or _ends_sentence(words[index - 1]))
            and not _ends_clause(words[index])
        ):
            tokens[index] = "write"
    return tokens


def _question_before_the_digits(words, digits, first):
    """ "Mi número me pasa por qué? 4 ,5 ,7 ,6 ,9 ,6." for "Mi número de pasaporte es 4 0 8 0 7
    0 6 9 6": where the one word after the cue ends its sentence (here the cue's end, misheard
    as a question) and digits follow at once, the number goes on after that stop."""
    return _ends_sentence(words[first]) and first + 1 < len(words) and bool(digits[first + 1])


EMAIL_SPILL_WORDS = 6


def _domain_past_a_stop(words, tokens, first, last):
    """An address a cue announced runs on past the end of its sentence to its domain's ending,
    within six words, where Whisper ended the sentence inside it ("My email is Marcus Pachico.
    Yeah, who not come?" for "marcospacheco at yahoo dot com"). With no ending heard, where
    the cue's words end on a word Whisper guessed, over up to three words it doubted after it,
    past the stop it put there ("Write to me at marital notation. Mariette heart may not come"
    for "maribel dot echeverría at hotmail dot com", "notation" 0.07). Else it ends at
    `last`."""
    for index in range(last + 1, min(len(words), last + 1 + EMAIL_SPILL_WORDS)):
        if _domain_ending(words, tokens, index):
            return index
    if (words[last].probability or 1.0) < UNSURE and not any(
        _domain_ending(words, tokens, index) for index in range(first, last + 1)
    ):
        return _doubted_after(words, last, stops=(",",))
    return last


def _last_digit_word(words, digits, last, furthest):
    """A number announced by a cue runs on to the last digit in its sentence, past the words
    Whisper put between its digits ("era el uno, no sé, o seis, cuatro, ocho, no sé, cuatro")."""
    end = last
    for index in range(last + 1, min(len(words), furthest + 1)):
        if _ends_sentence(words[index - 1]) and not _goes_on_after_a_stop(words, digits, index):
            break
        if digits[index]:
            end = index
    return end


DIGITS_AFTER_A_STOP = 5
OTHER_CUE_WORDS = (PHONE_WORDS | ID_WORDS | BIRTH_WORDS | DATE_WORDS | STREET_WORDS) - {"a"}


def _goes_on_after_a_stop(words, digits, index):
    """Whether the number that ends a sentence just before `index` goes on after Whisper's
    full stop: "Mi número me pasa por tres. No socho que lo siete nueve, uno, uno, siete, uno."
    Digits within the next sentence's first five words, with no cue of its own before them
    ("…seis, cinco. Mi cumpleaños es el, nueve" is the next identifier)."""
    if not digits[index - 1]:
        return False
    for after in range(index, min(len(words), index + DIGITS_AFTER_A_STOP)):
        if digits[after]:
            return True
        if words[after].folded in OTHER_CUE_WORDS or _ends_sentence(words[after]):
            return False
    return False


def _is_label(word):
    """A redaction's replacement ("[name]"), or a word with nothing to say."""
    text = word.text.strip()
    return text.startswith("[") or not (letters(text) or any(ch.isdigit() for ch in text))


def _misheard_name(stretch):
    """Two words Whisper guessed, one of them no common word: how it writes a name it misheard."""
    guessed = [word for word in stretch if (word.probability or 1.0) < UNSURE]
    return len(guessed) >= 2 and any(
        len(letters(word.text)) >= 4 and word.folded not in NOT_NAME_WORDS for word in guessed
    )


def unsure_suggestions(words):
    """Two or more words in a row that Whisper was unsure of, one of them a content word: a
    misheard name looks like this ("recorder/0.29 Tobin/0.35" for "Rigoberto Benavides").
    Or a longer stretch of words it doubted, mostly guessed ("y/0.21 no/0.43 sirquí/0.47
    ni/0.30 …" for "Inés Urquidi Villalobos")."""
    found = []
    index = 0
    while index < len(words):
        last = index
        while last < len(words) and (words[last].probability or 1.0) < UNSURE:
            last += 1
        doubted = index
        while doubted < len(words) and _not_sure(words[doubted]):
            doubted += 1
        if doubted - index >= GUESSED_WORDS and _guessed(words[index:doubted]):
            last = doubted
        run = range(index, last)
        if len(run) >= 2 and any(
            len(letters(words[i].text)) >= 4 and words[i].folded not in NOT_NAME_WORDS for i in run
        ):
            found.append(
                Suggestion(index, last - 1, Category.OTHER, "unsure", "Whisper was unsure")
            )
        index = max(last, index + 1)
    return found


# The same word this many times in a row: Whisper is looping, not hearing. People say "no, no,
# no, no" but rarely a digit four times over.
LOOP_REPEATS = {"digit": 4, "word": 8}
# Or one syllable, or a short word, over and over inside a single word ("mosososososos…",
# "cuatrocientoscientoscientos…"), Whisper's loop written without spaces.
LOOPED_WORD = re.compile(r"([a-z]{1,8})\1{5,}")


# Or a few words over and over, however they alternate ("y tienden y tienden …", "a lorry's not
# me a lorry's not a lorry's not me …"): twelve words in a row with four different words at most.
LOOP_WINDOW = 12
LOOP_WORDS = 4
LOOPED_PHRASE_WORDS = 8
LOOPED_PHRASE_REPEATS = 4


def _loop_end(keys, index):
    """The last word of the loop Whisper starts at `index`, or None where it does not."""
    token = keys[index]
    if not token:
        return None
    once = index
    while once + 1 < len(keys) and keys[once + 1] == token:
        once += 1
    if once - index + 1 >= LOOP_REPEATS["digit" if token.isdigit() else "word"] or (
        LOOPED_WORD.search(letters(token))
    ):
        return once
    end = None
    start = index
    while start + LOOP_WINDOW <= len(keys) and len(set(keys[start : start + LOOP_WINDOW])) <= (
        LOOP_WORDS
    ):
        end = start + LOOP_WINDOW - 1
        start += 1
    # A longer phrase said over and over ("I talk to my own mind, I talk to my own mind, …")
    # has more different words than the window allows; four times at least, since a list of
    # five said three times is speech.
    for period in range(LOOP_WORDS + 1, LOOPED_PHRASE_WORDS + 1):
        last = index + period - 1
        while last + 1 < len(keys) and keys[last + 1] == keys[last + 1 - period]:
            last += 1
        if last - index + 1 >= max(LOOPED_PHRASE_REPEATS * period, LOOP_WINDOW):
            end = max(end or last, last)
    return end


def repeat_suggestions(words):
    """Where Whisper repeats a word, a syllable or a few words over and over ("6, 6, 6, 6, …")
    it has stopped hearing the speech under it, which may hold anything: suggest the loop and
    what leads into it in its clause, for a listen."""
    keys = [word.text.strip().strip(".,;:-") for word in words]
    found = []
    index = 0
    while index < len(words):
        last = _loop_end(keys, index)
        if last is not None:
            first = index
            while first > 0 and index - first < 4 and not _ends_clause(words[first - 1]):
                first -= 1
            found.append(
                Suggestion(first, last, Category.OTHER, "repeat", "Whisper repeated itself")
            )
            index = last
        index += 1
    return found


UNHEARD_SECONDS = 1.0  # speech this long with no word under it is worth a listen
SWALLOWED_SECONDS = 2.0  # speech this long under one word, beyond what its letters take
WORD_SLACK = 0.2  # Whisper's word edges are this loose


def unheard_suggestions(words, speech, held=()):
    """Speech the voice detector heard where the transcript has no words (`speech`: [start,
    end] stretches): Whisper skipped it or hallucinated elsewhere, and it may hold anything.
    What an editor later types there covers it. A word laid over far more speech than its
    letters take counts as no word there. What lies from the first word to the last of a
    suggestion (`held`) is that suggestion's already, a pause between its words included."""
    swallowing = _swallowing_words(words)
    covered = sorted(
        [
            (w.start - WORD_SLACK, w.end + WORD_SLACK)
            for position, w in enumerate(words)
            if w.end > w.start and position not in swallowing
        ]
        + [(words[s.first].start - WORD_SLACK, words[s.last].end + WORD_SLACK) for s in held]
    )
    found = []
    for start, end in speech:
        at = start
        for word_start, word_end in covered:
            if word_end <= at:
                continue
            if word_start >= end:
                break
            if word_start - at >= UNHEARD_SECONDS:
                found.append((at, word_start))
            at = max(at, word_end)
        if end - at >= UNHEARD_SECONDS:
            found.append((at, end))
    return [
        Suggestion(-1, -1, Category.OTHER, "unheard", "speech with no words: listen",
                   heard=(round(max(start, 0.0), 3), round(end, 3)))
        for start, end in found
    ]  # fmt: skip


STRETCH_SECONDS = 0.6  # a word said this much longer than its letters need holds unheard speech
SECONDS_PER_LETTER = 0.08
DOUBTED_NEIGHBOURS = 3


def _swallows_speech(stretch):
    """Words laid over far more speech than their letters take: ".nearofinesics2", 9.4 s long,
    for an e-mail address and an ID number Whisper could not make out."""
    said = sum(len(letters(word.text)) for word in stretch)
    return stretch[-1].end - stretch[0].start > SWALLOWED_SECONDS + SECONDS_PER_LETTER * said


def _swallowing_words(words):
    """Positions of the words that count as no word over the speech they lie on: one word that
    swallows speech, or a run of words each too long that Whisper doubted on average and that
    swallow it together ("en/0.03 un/0.39 pueblo/0.68", 5 s, over "Nací el 11 de marzo de
    mil novecientos noventa y cuatro en un pueblo"). Words an editor typed carry no
    probability, so are never doubted: spread evenly over a segment, they stand for it."""
    swallowing = {position for position, word in enumerate(words) if _swallows_speech([word])}
    run = []
    for position, word in enumerate([*words, None]):
        if word is not None and _too_long(word):
            run.append(position)
            continue
        stretch = [words[index] for index in run]
        if run and _doubted_on_average(stretch) and _swallows_speech(stretch):
            swallowing.update(run)
        run = []
    return swallowing


def _too_long(word):
    said = letters(word.text)
    return word.end - word.start > STRETCH_SECONDS + SECONDS_PER_LETTER * len(said)


def _stretched(words, index, away):
    """Whether words[index] is one word of letters Whisper laid over far more speech than they
    take to say: "was in acute Santiago and", its "and" 1.2 s long, holds the rest of the name
    it could not make out. Not when the word beyond it (`away`: +1 or -1) is as long: words
    spread evenly over a segment are an editor's timing, not Whisper's."""
    word = words[index]
    if " " in word.text.strip() or not letters(word.text).isalpha() or not _too_long(word):
        return False
    beyond = index + away
    return not (0 <= beyond < len(words) and _too_long(words[beyond]))


def _widen_over_neighbours(words, suggestion):
    """Whisper spills what it misheard of an identifier into the words around the part it
    recognised: a stretched word right beside it, and up to three words it doubted on either
    side within the sentence ("veintimos, me junio de [mil, no me ciento, cincuenta,] y vos"
    for "22 de junio de mil novecientos cincuenta y dos")."""
    if suggestion.last + 1 < len(words) and _stretched(words, suggestion.last + 1, 1):
        suggestion.last += 1
    if suggestion.first > 0 and _stretched(words, suggestion.first - 1, -1):
        suggestion.first -= 1
    after = _doubted_after(words, suggestion.last, DOUBTED_NEIGHBOURS, stops=SENTENCE_ENDS)
    before = suggestion.first
    while (
        before > 0
        and suggestion.first - before < DOUBTED_NEIGHBOURS
        and not _ends_sentence(words[before - 1])
        and _not_sure(words[before - 1])
    ):
        before -= 1
    suggestion.first, suggestion.last = before, after


# Where suggestions overlap, the more specific detector names the category.
PRIORITY = [
    "numbers", "email", "dates", "gazetteer", "role", "address", "capitalised", "unheard name",
    "hundreds",
]  # fmt: skip


def _birth_cue_holds(fallback, found):
    """ "Mi fecha de nacimiento es el 21 de a mil de mil no me 179.": what a birth cue announces
    holds a number of another kind (eight digits of "a mil de mil") or something found only as
    "other", which is the date of birth misheard. A name there is still someone's name."""
    return (
        fallback.source == "cue"
        and fallback.category == Category.DATE_OF_BIRTH
        and (found.source == "numbers" or found.category == Category.OTHER)
        and fallback.first <= found.first
        and found.last <= fallback.last
    )


# What the fallbacks may widen; elsewhere they stand only where nothing else was found.
def _widens(fallback, found):
    if fallback.source == "cue":
        # "my dress is 1900 I know Karen who": a capitalised word inside what a cue announces
        # is part of it, not someone else.
        return (
            found.category == fallback.category
            or found.source == "capitalised"
            or _birth_cue_holds(fallback, found)
        )
    # A capital Whisper guessed ("near/0.25 Christmas/0.14" for a name) is one of its guesses,
    # not a place heard whole, as a listed place is.
    return found.category in (Category.PERSON, Category.OTHER) or found.source == "capitalised"


def _cut_before_the_next(words, fallback, overlapping):
    """What a cue announced, where it ran on into another identifier ("Mi teléfono es el 3 -ocho
    9 -o -cho … -o -siete. Hacia el 17 -octú" runs into a date of birth Whisper heard after its
    full stop): cut at that full stop, if digits are left before it. False, the cue's words
    untouched, where the other begins in the cue's own sentence ("the letter was 15257588."),
    or only words are left ("me pasa por qué? 6, 4, 4,": the cue, no number of its own)."""
    begins = min(s.first for s in overlapping)
    stop = next(
        (i for i in range(begins - 1, fallback.first - 1, -1) if _ends_sentence(words[i])), None
    )
    if stop is None or not any(word_digits(w.folded) for w in words[fallback.first : stop + 1]):
        return False
    fallback.last = stop
    return True


def _left_stands(words, fallback, rest):
    """Whether what other suggestions leave of a fallback, from `rest` on, is worth a listen:
    all of a loop, a name Whisper misheard among guesses, a number a cue announced."""
    if fallback.source == "repeat":
        return True
    if fallback.source == "unsure":
        return _misheard_name(words[rest : fallback.last + 1])
    return _holds_a_number(words, rest, fallback.last)


def _holds_a_number(words, first, last):
    """Two digits or more said one after the other from `first` to `last`, not followed by what
    they count: a number's piece, not "en un pueblo", "tres horas sin decir una" or "desde hace
    10 años"."""
    tokens = [word.folded for word in words[first : last + 2]]
    run = 0
    for at in range(last + 1 - first):
        said = word_digits(tokens[at])
        run = run + len(said) if said is not None else 0
        ends = at + 1 == len(tokens) or word_digits(tokens[at + 1]) is None
        if run >= 2 and ends and not _counts_something(tokens, at):
            return True
    return False


def found_suggestions(words, gazetteer=()):
    """What the detectors found over `words`, each widened over what Whisper spilled around it;
    one may overlap another, each still saying what its own part is (the publication floor
    looks for every phone, e-mail, ID and date there, wherever it lies)."""
    listed = gazetteer_suggestions(words, gazetteer)
    found = (
        number_suggestions(words)
        + email_suggestions(words)
        + spoken_email_suggestions(words)
        + date_suggestions(words)
        + listed
        + unheard_name_suggestions(words, gazetteer, listed)
        + role_suggestions(words)
        + address_suggestions(words)
        + capitalised_suggestions(words)
        + misheard_hundreds_suggestions(words)
    )
    # Of two alike, the one that says what it is stands over "other": "Hacia el 24 de mayo de
    # 1990" is a full date and, after a misheard "nací el", a date of birth.
    found.sort(
        key=lambda s: (PRIORITY.index(s.source), s.first - s.last, s.category == Category.OTHER)
    )
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
    for fallback in cue_suggestions(words) + unsure_suggestions(words) + repeat_suggestions(words):
        overlapping = [s for s in kept if s.first <= fallback.last and fallback.first <= s.last]
        if not overlapping:
            kept.append(fallback)
        elif all(_widens(fallback, s) for s in overlapping):
            # Part of it was found ("at heart mail .com" of a misheard address): take it all.
            keeper = overlapping[0]
            keeper.first = min(keeper.first, fallback.first)
            keeper.last = max(keeper.last, fallback.last)
            if _birth_cue_holds(fallback, keeper):
                keeper.category = Category.DATE_OF_BIRTH
        elif fallback.source == "cue" and _cut_before_the_next(words, fallback, overlapping):
            kept.append(fallback)
        else:
            # Under a loop lies speech Whisper never heard ("número de identificaciones, de
            # rocho, de rocho, …" over an ID and a phone), guesses run on past the end of
            # an address into a name ("outlook not come. Ringo were totally with me" for
            # "… dot com. Rigoberto Urquidi was with me"), and a number a cue announced runs
            # on past a piece of it taken for something else ("The case number on the letter
            # 1, 7 -9 premiere or mere 824.", its middle heard as a street): what the
            # suggestions it touches leave of it stands, if it holds a word.
            rest = max(s.last for s in overlapping) + 1
            left = words[rest : fallback.last + 1]
            if not all(_is_label(word) for word in left) and _left_stands(words, fallback, rest):
                fallback.first = rest
                kept.append(fallback)
    for suggestion in kept:
        # A listed place is heard whole; beside it stands the wider region ("Santa Ana,
        # California"), which identifies nobody and stays readable.
        if suggestion.category != Category.PLACE:
            _widen_over_neighbours(words, suggestion)
    return sorted(kept, key=lambda s: s.first)


def _merged(suggestions):
    """One suggestion for each run of overlapping ones, over all their words: an editor is asked
    about words once, and a span stored for one would make the next that overlaps it be dropped
    ("Y en la luna", doubted, stood and "en la luna la avenida Juárez Número mil 539" was lost).
    Its category is the one that names something, by detector, then by length."""

    def rank(suggestion):
        by_detector = (
            PRIORITY.index(suggestion.source) if suggestion.source in PRIORITY else len(PRIORITY)
        )
        return (
            suggestion.category == Category.OTHER,
            by_detector,
            suggestion.first - suggestion.last,
        )

    runs = []
    for suggestion in sorted(suggestions, key=lambda s: s.first):
        if runs and suggestion.first <= max(s.last for s in runs[-1]):
            runs[-1].append(suggestion)
        else:
            runs.append([suggestion])
    merged = []
    for run in runs:
        keeper = min(run, key=rank)
        keeper.first = run[0].first
        keeper.last = max(s.last for s in run)
        merged.append(keeper)
    return merged


def suggest(words, gazetteer=(), speech=()):
    """All suggestions over `words`, none overlapping another, in transcript order; with `speech`
    (where a voice detector heard speech), also the speech that has no words."""
    kept = _merged(found_suggestions(words, gazetteer))
    unheard = unheard_suggestions(words, speech, kept)
    voice = Stretches(speech)
    silent = Stretches([s.heard for s in unheard])
    for suggestion in kept:
        _reach_over_speech(words, suggestion, voice, silent)
    return sorted(kept + unheard, key=lambda s: s.start(words))


class Stretches:
    """Time stretches in order, not overlapping, looked up by bisection: a two-hour interview
    has thousands of them."""

    def __init__(self, stretches):
        self.stretches = sorted((float(a), float(b)) for a, b in stretches)
        self.starts = [a for a, _ in self.stretches]
        self.ends = [b for _, b in self.stretches]

    def around(self, moment):
        """The stretch that holds `moment`, or None."""
        index = bisect.bisect_right(self.starts, moment) - 1
        if index >= 0 and self.ends[index] >= moment:
            return self.stretches[index]
        return None

    def last_end_before(self, moment, default):
        index = bisect.bisect_right(self.ends, moment) - 1
        return max(self.ends[index], default) if index >= 0 else default

    def first_start_after(self, moment, default):
        index = bisect.bisect_left(self.starts, moment)
        return min(self.starts[index], default) if index < len(self.starts) else default


WORD_APART = 0.02  # a span covers a word whose middle is within 0.01 s of it: keep clear


def _reach_over_speech(words, suggestion, voice, unheard):
    """Where the voice detector heard speech (`voice`) go on past the suggestion's words, up to
    the next word (or from the word before), the suggestion reaches over it: Whisper times a
    long number short ("1990." ends at 7.4 s, the voice saying "mil novecientos noventa y dos"
    runs to 8.6 s, and the next word starts at 8.8 s), and the audio's redaction must not leave
    "y dos" to be heard. Speech long enough to be suggested as unheard (`unheard`) stays its
    own suggestion."""
    first, last = words[suggestion.first], words[suggestion.last]
    before = unheard.last_end_before(
        first.start, words[suggestion.first - 1].end + WORD_APART if suggestion.first else 0.0
    )
    following = suggestion.last + 1
    after = unheard.first_start_after(
        last.end, words[following].start - WORD_APART if following < len(words) else math.inf
    )
    start, end = first.start, last.end
    if stretch := voice.around(first.start):
        start = min(start, max(stretch[0], before))
    if stretch := voice.around(last.end):
        end = max(end, min(stretch[1], after))
    if (start, end) != (first.start, last.end):
        suggestion.reach = (round(start, 3), round(end, 3))
