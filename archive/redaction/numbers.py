"""Spoken numbers, in English and Spanish, turned into the digits they stand for.

Whisper writes a phone number read aloud as digits run together, as words ("five five five",
"cinco cinco"), as pairs ("cincuenta y cinco"), or as a mix. Detectors match digits, so every
word is first reduced to the digits it says, if any.
"""

import re
import unicodedata

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
}  # fmt: skip
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
    "veinte": 20, "veintiuno": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}  # fmt: skip
MULTIPLIERS = {"double": 2, "doble": 2, "triple": 3}
# Words said between digits of one number: "y" joins tens and units; the rest separate groups.
JOINERS = {"y", "and"}
SEPARATORS = {"dash", "guion", "hyphen", "-", "–", "/", "slash", "diagonal"}

DIGITS = re.compile(r"\d+")
# Whisper glues marks and stray letters to digits: "-4,", "(559)", "-9emos"; writes an
# A-number as the letter glued to its digits: "A686"; and sometimes puts an "i" before each
# digit of a number read one by one, dash and all: "i8 -i5 -i6 -i0 -i5".
STARTS_WITH_DIGIT = re.compile(r"^([(+\-–#]|-?[ai]-?)?\d")
# The dash Whisper puts before each digit it hears apart ("-1 -4") it also puts before digits it
# writes as words ("-one -four").
LEADING_DASHES = "-–"
# Among them it writes an English "nine" as the letter it hears: "5 -2 -I -8 -6" for "five two
# nine eight six". Undashed, "I" is the word.
DASHED_LETTERS = {"i": "9"}


def fold(text):
    """Lower case, accents and punctuation removed: 'Teléfono,' → 'telefono'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^\w@.\-+/]", "", letters).strip(".,;:!?¿¡\"'")


def word_digits(token):
    """The digits a single word says: '555-1234' → '5551234', 'cinco' → '5', 'casa' → None."""
    if STARTS_WITH_DIGIT.match(token):
        return "".join(DIGITS.findall(token))
    dashed = token[:1] in LEADING_DASHES
    token = token.lstrip(LEADING_DASHES) or token
    if dashed and token in DASHED_LETTERS:
        return DASHED_LETTERS[token]
    if dashed and (unit := misspelt_unit(token)) is not None:
        return unit
    parts = token.split("-")
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:  # twenty-five
        return str(TENS[parts[0]] + UNITS[parts[1]])
    for table in (UNITS, TEENS, TENS):
        if token in table:
            return str(table[token])
    return _glued_digits(token)


# Among digits it marks as read one by one ("-nueve -quatro -siete"), Whisper spells a unit
# word a letter off now and then ("quatro", "sinco"); words of four letters or more only, since
# a letter off "dos" or "uno" is too many words, and "-cho" is more often not "ocho" than it is.
SPELT_LETTERS = 4
SPELT_UNITS = [unit for unit in UNITS if len(unit) >= SPELT_LETTERS]


def misspelt_unit(token):
    if len(token) < SPELT_LETTERS:
        return None
    match = process.extractOne(token, SPELT_UNITS, scorer=Levenshtein.distance, score_cutoff=1)
    return str(UNITS[match[0]]) if match else None


# Whisper hears a Spanish "dos" among other digits as "mos" and glues the digits around it into
# one word: "sesmosmos" (seis dos dos), "nuevemos" (nueve dos), "tresmosres" (tres dos tres),
# clipping "seis" and "tres" as it goes; an "ocho" it glues to a unit ending in "o", the two
# sharing the vowel: "cerocho" (cero ocho), "cincocho" (cinco ocho). No Spanish word is two or
# more of these.
GLUED_DIGITS = {
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6",
    "siete": "7", "ocho": "8", "nueve": "9", "mos": "2", "ses": "6", "res": "3", "cho": "8",
}  # fmt: skip
GLUED = re.compile("|".join(sorted(GLUED_DIGITS, key=len, reverse=True)))
GLUED_WORD = re.compile(f"(?:{GLUED.pattern})+")


def _glued_digits(token):
    if not GLUED_WORD.fullmatch(token):
        return None
    pieces = GLUED.findall(token)
    return "".join(GLUED_DIGITS[piece] for piece in pieces) if len(pieces) > 1 else None


def spoken_digits(tokens):
    """For folded tokens, the digit string each contributes to a number, else None.

    "cincuenta y cinco" becomes '5', '', '5' (55); "double five" becomes '5', '5'; "tres mil
    seiscientos veintinueve" becomes '362', '', '', '9' (3629). Joiners and separators inside a
    number, and the inner words of one said in hundreds or thousands, contribute '' so the run of
    digits continues through them.
    """
    result = [word_digits(token) for token in tokens]
    cardinals = set()
    index = 0
    while index < len(tokens):
        cardinal = spoken_cardinal(tokens, index)
        if cardinal is None:
            index += 1
            continue
        value, last = cardinal
        said = str(value)
        # The first word starts the run and the last one ends it, so both carry digits.
        result[index : last + 1] = (
            [said] if last == index else [said[:-1], *[""] * (last - index - 1), said[-1]]
        )
        cardinals.update(range(index, last + 1))
        index = last + 1
    for index in range(len(tokens) - 1):
        if index in cardinals:
            continue
        if tokens[index] in TENS and tokens[index + 1] in UNITS:  # "fifty five" is 55, not 505
            result[index] = result[index][0]
    for index, token in enumerate(tokens):
        if result[index] is not None or index in cardinals:
            continue
        previous = result[index - 1] if index else None
        following = result[index + 1] if index + 1 < len(tokens) else None
        if previous is not None and following is not None:
            if token in JOINERS and _tens(tokens[index - 1], previous) and len(following) == 1:
                result[index - 1] = previous[:-1]
                result[index] = ""
            elif token in SEPARATORS:
                result[index] = ""
        if token in MULTIPLIERS and following is not None and len(following) == 1:
            result[index] = following * (MULTIPLIERS[token] - 1)
    return result


def _tens(token, said):
    """A word that says tens a unit can follow: "cincuenta", or "50" / "250" as Whisper writes
    "cincuenta" / "doscientos cincuenta" before "y seis"; not a year: "en 1990 y 5 meses"."""
    return token in TENS or (token == said and len(said) in (2, 3) and said.endswith("0"))


HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400,
    "quinientos": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800,
    "novecientos": 900,
}  # fmt: skip
THOUSAND = {"mil", "thousand"}
HUNDRED = "hundred"
YEAR_DIGITS = re.compile(r"^(1[89]|20)\d\d$")


def number_below_hundred(tokens, index):
    """A number under 100 said from tokens[index] ("ochenta y siete", "eighty-seven",
    "seventeen", "five"): (value, last index), or None."""
    if index >= len(tokens):
        return None
    token = tokens[index]
    value = word_digits(token) if not STARTS_WITH_DIGIT.match(token) else None
    if value is None or int(value) >= 100:
        return None
    if token in TENS:
        following = index + 1
        if following < len(tokens) and tokens[following] in JOINERS:
            following += 1
        if following < len(tokens) and tokens[following] in UNITS:
            return TENS[token] + UNITS[tokens[following]], following
    return int(value), index


def spoken_year(tokens, index):
    """A year said in words from tokens[index] ("mil novecientos ochenta y siete", "dos mil
    tres", "nineteen eighty-seven", "two thousand and three", "mil 965") or written ("1987"):
    (year, last index), or None."""
    if index >= len(tokens):
        return None
    written = tokens[index].lstrip(LEADING_DASHES)  # "-1997": a dash Whisper put before digits
    if YEAR_DIGITS.match(written):
        return int(written), index
    said = spoken_cardinal(tokens, index)
    if said is None:  # "nineteen eighty-seven": a century, then the rest
        century = number_below_hundred(tokens, index)
        if century is None or not 18 <= century[0] <= 20:
            return None
        rest = number_below_hundred(tokens, century[1] + 1)
        if rest is None or rest[0] < 10:
            return None
        said = century[0] * 100 + rest[0], rest[1]
    return said if 1800 <= said[0] <= 2099 else None


def _below_thousand(tokens, index):
    """A number under 1000 said from tokens[index] ("trescientos noventa y ocho", "two hundred
    and five", "fifteen hundred", "doce"): (value, last index, said in hundreds), or None."""
    if index >= len(tokens):
        return None
    if tokens[index] in HUNDREDS:
        value, last = HUNDREDS[tokens[index]], index
    else:
        small = number_below_hundred(tokens, index)
        if small is None:
            return None
        if small[1] + 1 >= len(tokens) or tokens[small[1] + 1] != HUNDRED:
            return small[0], small[1], False
        value, last = small[0] * 100, small[1] + 1
    following = last + 1
    if following < len(tokens) and tokens[following] == "and":
        following += 1
    rest = number_below_hundred(tokens, following)
    if rest is not None:
        value, last = value + rest[0], rest[1]
    return value, last, True


def spoken_cardinal(tokens, index):
    """A number said in hundreds or thousands from tokens[index] ("tres mil seiscientos
    veintinueve", "ochocientos doce", "two thousand one hundred and five", "mil"): (value, last
    index), or None. Whisper writes Spanish numbers in words as often as in digits; smaller
    numbers are read word by word by `spoken_digits`."""
    if index >= len(tokens):
        return None
    if tokens[index] in THOUSAND:
        value, last = 1000, index
    else:
        head = _below_thousand(tokens, index)
        if head is None:
            return None
        value, last, in_hundreds = head
        if last + 1 < len(tokens) and tokens[last + 1] in THOUSAND:
            value, last = value * 1000, last + 1
        elif in_hundreds:
            return value, last
        else:
            return None
    following = last + 1
    if following < len(tokens) and tokens[following] == "and":
        following += 1
    if following < len(tokens) and re.fullmatch(r"\d{1,3}", tokens[following]):
        # "mil 965": half words, half digits; "mil 950 y ocho", the unit after tens in words
        value, last = value + int(tokens[following]), following
        unit = _unit_after_y(tokens, last) if value % 10 == 0 else None
        return (value + unit[0], unit[1]) if unit else (value, last)
    rest = _below_thousand(tokens, following)
    if rest is not None:
        value, last = value + rest[0], rest[1]
    return value, last


def _unit_after_y(tokens, index):
    """ "y ocho" right after tokens[index]: (the unit, its index), or None."""
    unit = index + 2
    if unit < len(tokens) and tokens[index + 1] in JOINERS:
        said = word_digits(tokens[unit])
        if said is not None and len(said) == 1:
            return int(said), unit
    return None
