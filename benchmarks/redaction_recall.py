"""Recall and precision of the redaction suggestions on real audio, as Whisper hears it.

Short recordings in English and Spanish, read by espeak-ng voices of both sexes and several
accents, with identifiers of every category planted in varied positions and phrasings. Each
recording is built sentence piece by sentence piece, so the time range of every identifier is
known exactly. The default engine transcribes each one; the detectors run on its words with the
names the reporter listed (some people in the recordings are not listed, as in real interviews);
a suggestion covers an identifier when it overlaps at least half of its time range.

Two halves: `tune` (detectors may be changed while looking at its misses) and `report` (only its
figures are looked at). They share the phrasings but no recording, voice pairing or value. The
tests use neither half; they build and score a recording of their own.

Baseline: exact, case-insensitive matching of the listed names and a plain 7+-digit pattern, on
the same transcripts.

Build the audio (needs Debian's espeak-ng; the result is committed):
    .venv/bin/python benchmarks/redaction_recall.py --build
Run (default: the report half):
    .venv/bin/python benchmarks/redaction_recall.py [--half tune|report] [--limit N] [--misses]
"""

import argparse
import json
import os
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from archive.redaction.detect import GazetteerEntry, Word, suggest  # noqa: E402
from archive.transcription.audio import SAMPLE_RATE, decode_for_whisper, voiced_stretches  # noqa: E402
from benchmarks.spoken import silence, speak, transcribed, write_ogg  # noqa: E402

AUDIO_DIR = ROOT / "benchmarks" / "recall_audio"
HALVES = {"tune": 1, "report": 2}
# Recordings per language, batch after batch from the half's seed. The tune half grew by a
# second to a hundred-and-first batch after the report half was first scored. The report half grew
# from 10 to 100 a language, because a cell of five identifiers cannot tell a recall of 0.98 from
# 0.80, and then to 300, because in a cell of fifty one identifier is the whole margin; its
# earlier recordings are unchanged, and its misses are still never printed.
BATCHES = {
    "tune": (10,) + (20,) * 9 + (30,) * 6 + (50,) * 85,
    "report": (10, 30, 30, 30, 100, 100),
}
TARGET_CATEGORIES = ("person", "id_number", "phone", "email", "date_of_birth", "address")
RECALL_TARGET = 0.98  # on the report half, each category and language (issue 16)
PRECISION_TARGET = 0.6

VOICES = {
    "en": ["en-us", "en-us+f3", "en-gb", "en-gb+f4", "en-gb-scotland", "en-029+f2", "en-us+m3"],
    "es": ["es-419", "es-419+f3", "es", "es+f4", "es-419+m3", "es+f2"],
}
SPEEDS = (140, 150, 160)

FIRST_NAMES = [
    "Rosa", "Marcos", "Lucía", "Ernesto", "Graciela", "Tomás", "Beatriz", "Ramiro", "Elvira",
    "Joaquín", "Maribel", "Octavio", "Dolores", "Anselmo", "Yolanda", "Fidel", "Inés", "Rigoberto",
]  # fmt: skip
LAST_NAMES = [
    "Quintero", "Villalobos", "Arriaga", "Benavides", "Cisneros", "Echeverría", "Galindo",
    "Montoya", "Pacheco", "Santillán", "Urquidi", "Zamora", "Bustamante", "Olmedo", "Carrasco",
]  # fmt: skip
EN_STREETS = ["Elm Street", "Oak Avenue", "Maple Road", "Cedar Lane", "Pine Street", "Lake Drive"]
ES_STREETS = ["calle Morelos", "avenida Juárez", "calle Hidalgo", "avenida Reforma",
              "calle Allende", "calle Independencia"]  # fmt: skip
PROVIDERS = ["gmail", "hotmail", "yahoo", "outlook"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip
ES_UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

# Sentences that name nobody: what precision is measured against.
FILLERS = {
    "en": [
        "They stopped me outside the hardware store in the morning.",
        "I waited twelve years for an answer from the court.",
        "We decided to tell our story instead of staying quiet.",
        "The officer told me to sign the paper right there.",
        "After that night nobody in the building slept well.",
        "My children were at school when it happened.",
        "We drove for three hours without saying a word.",
    ],
    "es": [
        "Me pararon afuera de la ferretería por la mañana.",
        "Esperé doce años una respuesta del juzgado.",
        "Decidimos contar nuestra historia en vez de callarnos.",
        "El oficial me dijo que firmara el papel ahí mismo.",
        "Después de esa noche nadie en el edificio durmió bien.",
        "Mis hijos estaban en la escuela cuando pasó.",
        "Manejamos tres horas sin decir una palabra.",
    ],
}


def _name(rng, parts=2):
    return " ".join([rng.choice(FIRST_NAMES)] + rng.sample(LAST_NAMES, parts - 1))


def _digits_spoken(digits, language, rng):
    """Digits as people read them: one by one, in words or as numerals, grouped."""
    if rng.random() < 0.5:
        units = EN_UNITS if language == "en" else ES_UNITS
        return " ".join(units[int(d)] for d in digits)
    return " ".join(digits)


def _grouped(digits, sizes):
    out, at = [], 0
    for size in sizes:
        out.append(digits[at : at + size])
        at += size
    return ", ".join(out)


def _year_es(year):
    rest = year - 1900
    tens = ["", "diez", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta",
            "ochenta", "noventa"]  # fmt: skip
    units = ES_UNITS
    words = "mil novecientos"
    if rest:
        words += " " + tens[rest // 10] + (f" y {units[rest % 10]}" if rest % 10 else "")
    return words


# Each phrasing: (prefix, suffix, listed). `listed` says whether the reporter
# listed the person in the interview record; an unlisted one is only findable from its cue.
def person_phrasings(language):
    if language == "en":
        return [
            ("My neighbour", "saw everything from her window.", True),
            ("I went to the office with", "that afternoon.", True),
            ("", "was with me that night.", True),
            ("My lawyer", "told me to wait.", False),
            ("The agent said his name was", "and showed me a badge.", False),
            ("A man called", "came to the door.", False),
        ]
    return [
        ("Mi vecina", "lo vio todo desde su ventana.", True),
        ("Fui a la oficina con", "esa tarde.", True),
        ("", "estaba conmigo esa noche.", True),
        ("Mi abogada", "me dijo que esperara.", False),
        ("El agente dijo que se llamaba", "y me mostró una placa.", False),
        ("Un señor llamado", "vino a la puerta.", False),
    ]


def identifier_sentence(category, language, rng):
    """(prefix, identifier, suffix, listed name or None)."""
    en = language == "en"
    if category == "person":
        prefix, suffix, listed = rng.choice(person_phrasings(language))
        name = _name(rng, rng.choice((2, 2, 3)))
        return prefix, name, suffix, name if listed else None
    if category == "id_number":
        digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((8, 9))))
        spoken = _digits_spoken(digits, language, rng)
        return rng.choice(
            [("My A number is A", spoken, "and I know it by heart."),
             ("The case number on the letter was", spoken, "."),
             ("My passport number is", spoken, ".")]
            if en else
            [("Mi número de pasaporte es", spoken, "."),
             ("El número de caso en la carta era el", spoken, "."),
             ("Mi número de identificación es", spoken, "y lo sé de memoria.")]
        ) + (None,)  # fmt: skip
    if category == "phone":
        digits = "".join(rng.choice("123456789") for _ in range(10))
        spoken = (
            _grouped(digits, (3, 3, 4))
            if rng.random() < 0.5
            else _digits_spoken(digits, language, rng)
        )
        return rng.choice(
            [("You can call me at", spoken, "in the evenings."),
             ("My phone number is", spoken, "."),
             ("He gave me a number,", spoken, ", and told me to call.")]
            if en else
            [("Me puede llamar al", spoken, "por las tardes."),
             ("Mi teléfono es el", spoken, "."),
             ("Me dio un número,", spoken, ", y me dijo que llamara.")]
        ) + (None,)  # fmt: skip
    if category == "email":
        first, last = rng.choice(FIRST_NAMES).lower(), rng.choice(LAST_NAMES).lower()
        user = f"{first} {'dot' if en else 'punto'} {last}" if rng.random() < 0.5 else first + last
        at, dot = ("at", "dot") if en else ("arroba", "punto")
        domain = f"{rng.choice(PROVIDERS)} {dot} com"
        spoken = f"{user} {at} {domain}"
        return rng.choice(
            [("My email is", spoken, "."), ("Write to me at", spoken, "if you need anything.")]
            if en else
            [("Mi correo es", spoken, "."), ("Escríbame a", spoken, "si necesita algo.")]
        ) + (None,)  # fmt: skip
    if category == "date_of_birth":
        day, month, year = rng.randint(1, 28), rng.randrange(12), rng.randint(1950, 1999)
        if en:
            spoken = rng.choice(
                [f"{EN_MONTHS[month]} {day}, {year}", f"the {day}th of {EN_MONTHS[month]}, {year}"]
            )
            return rng.choice(
                [("I was born on", spoken, "in a small town."),
                 ("My date of birth is", spoken, "."),
                 ("My birthday is", spoken, ", the same as my father's.")]
            ) + (None,)  # fmt: skip
        spoken = rng.choice(
            [f"{day} de {ES_MONTHS[month]} de {year}",
             f"{day} de {ES_MONTHS[month]} de {_year_es(year)}"]
        )  # fmt: skip
        return rng.choice(
            [("Nací el", spoken, "en un pueblo pequeño."),
             ("Mi fecha de nacimiento es el", spoken, "."),
             ("Mi cumpleaños es el", spoken, ", igual que el de mi padre.")]
        ) + (None,)  # fmt: skip
    if category == "address":
        number = rng.randint(10, 4999)
        if en:
            spoken = f"{number} {rng.choice(EN_STREETS)}"
            return rng.choice(
                [("We lived at", spoken, "near the church."),
                 ("My address is", spoken, "."),
                 ("They came to", spoken, "looking for my brother.")]
            ) + (None,)  # fmt: skip
        spoken = f"{rng.choice(ES_STREETS)} número {number}"
        return rng.choice(
            [("Vivíamos en la", spoken, "cerca de la iglesia."),
             ("Mi dirección es", spoken, "."),
             ("Llegaron a la", spoken, "buscando a mi hermano.")]
        ) + (None,)  # fmt: skip
    raise ValueError(category)


@dataclass
class Piece:
    text: str
    category: str = ""  # set for identifiers


@dataclass
class Recording:
    name: str
    language: str
    voice: str
    speed: int
    listed: list = field(default_factory=list)
    sentences: list = field(default_factory=list)  # lists of Pieces


def _numbering(half):
    """(language, number) of each recording, batch by batch, English then Spanish in each."""
    first = 0
    for size in BATCHES[half]:
        for language in ("en", "es"):
            for number in range(first, first + size):
                yield language, number
        first += size


def plan(half):
    """The recordings of one half, from its own seed: the same plan on every machine."""
    rng = random.Random(HALVES[half])  # noqa: S311 (a reproducible plan, not a secret)
    recordings = []
    for language, number in _numbering(half):
        recording = Recording(
            name=f"{number + 1:02d}-{language}",
            language=language,
            voice=rng.choice(VOICES[language]),
            speed=rng.choice(SPEEDS),
        )
        # Three categories a recording: over ten recordings each category comes up about
        # five times per language, in every position, with a sentence naming nobody.
        planted = [
            (category, *identifier_sentence(category, language, rng))
            for category in rng.sample(TARGET_CATEGORIES, 3)
        ]
        planted.append(("", rng.choice(FILLERS[language]), "", "", None))
        rng.shuffle(planted)
        for category, prefix, identifier, suffix, listed in planted:
            pieces = [Piece(prefix)] if prefix else []
            if identifier:
                pieces.append(Piece(identifier, category))
            if suffix.strip(" .,"):
                pieces.append(Piece(suffix))
            recording.sentences.append(pieces)
            if listed:
                recording.listed.append(listed)
        recordings.append(recording)
    return recordings


def build(half):
    """Speak every recording of `half`, write it as Ogg Opus and its identifiers' times."""
    folder = AUDIO_DIR / half
    folder.mkdir(parents=True, exist_ok=True)
    manifest = []
    for recording in plan(half):
        chunks, identifiers, at = [], [], 0.0
        for sentence in recording.sentences:
            for piece in sentence:
                samples = speak(piece.text, recording.voice, recording.speed)
                duration = len(samples) / SAMPLE_RATE
                if piece.category:
                    identifiers.append(
                        {"category": piece.category, "text": piece.text,
                         "start": round(at, 3), "end": round(at + duration, 3)}
                    )  # fmt: skip
                chunks.append(samples)
                at += duration
            pause = silence(0.35)
            chunks.append(pause)
            at += len(pause) / SAMPLE_RATE
        # A recording already built keeps its committed bytes; a new batch only adds files.
        if not (folder / f"{recording.name}.ogg").exists():
            write_ogg(chunks, folder / f"{recording.name}.ogg")
        manifest.append(
            {"file": f"{recording.name}.ogg", "language": recording.language,
             "voice": recording.voice, "speed": recording.speed, "listed": recording.listed,
             "text": " ".join(p.text for s in recording.sentences for p in s),
             "identifiers": identifiers}
        )  # fmt: skip
        print(f"built {half}/{recording.name} ({recording.voice}, {at:.1f} s)")
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))


def load(half, limit=None):
    manifest = json.loads((AUDIO_DIR / half / "manifest.json").read_text())
    if limit:
        # A subset keeps both languages.
        manifest = [r for r in manifest if r["language"] == "en"][: (limit + 1) // 2] + [
            r for r in manifest if r["language"] == "es"
        ][: limit // 2]
    return manifest


def transcribe(path):
    """Words as the detectors get them, and where the voice detector heard speech, as a job
    saves both."""
    with open(path, "rb") as source:
        samples = decode_for_whisper(source)
    words = []
    for segment in transcribed(samples):
        for start, end, text, probability in segment["words"]:
            words.append(Word(len(words), start, end, f" {text}", probability))
    return words, voiced_stretches(samples)


def ours(words, listed, speech):
    found = suggest(words, [GazetteerEntry(name, "person") for name in listed], speech)
    return [(s.start(words), s.end(words), s.category) for s in found]


def baseline(words, listed):
    parts = {part.lower() for name in listed for part in name.split()}
    found = []
    for word in words:
        token = word.text.strip(" .,;:?!").lower()
        if token in parts:
            found.append((word.start, word.end, "person"))
        elif re.fullmatch(r"\D*\d{7,}\D*", token):
            found.append((word.start, word.end, "id_number"))
    return found


def covers(found, identifier):
    """At least half of the identifier's time lies under suggestions."""
    start, end = identifier["start"], identifier["end"]
    under = sum(max(0.0, min(end, e) - max(start, s)) for s, e, _ in found)
    return under >= 0.5 * (end - start)


def score(results):
    """results: [(recording, words, found)] → {(language, category): {hit, total, true, alarms}}."""
    table = defaultdict(lambda: {"hit": 0, "total": 0, "true": 0, "alarms": 0})
    for recording, _, found in results:
        language = recording["language"]
        for identifier in recording["identifiers"]:
            cell = table[(language, identifier["category"])]
            cell["total"] += 1
            cell["hit"] += covers(found, identifier)
        for start, end, _category in found:
            cell = table[(language, "all")]
            cell["alarms"] += 1
            cell["true"] += any(
                start < i["end"] and i["start"] < end for i in recording["identifiers"]
            )
    return table


def misses(results):
    for recording, words, found in results:
        heard = "".join(w.text for w in words)
        for identifier in recording["identifiers"]:
            if not covers(found, identifier):
                where = f"{identifier['start']}-{identifier['end']} s"
                print(f"  missed {recording['file']} {identifier['category']}: ", end="")
                print(f"{identifier['text']!r} ({where})")
                print(f"    heard: {heard.strip()}")


def report(table, label):
    """The table, with three decimals and whether each cell meets the issue's target: a cell of
    43 identifiers with one missed reads 0.98 at two decimals, yet is 0.977."""
    print(f"\n{label}")
    print(f"{'language':<9}{'category':<15}{'recall':>8}{'found':>10}  target")
    for language in ("en", "es"):
        for category in TARGET_CATEGORIES:
            cell = table.get((language, category))
            if cell and cell["total"]:
                _row(language, category, cell["hit"], cell["total"], RECALL_TARGET)
        overall = table[(language, "all")]
        _row(language, "precision", overall["true"], overall["alarms"], PRECISION_TARGET)


def _row(language, name, good, out_of, target):
    figure = good / out_of if out_of else 1.0
    meets = f"≥ {target}" if figure >= target else f"below {target}"
    print(f"{language:<9}{name:<15}{figure:>8.3f}{f'{good}/{out_of}':>10}  {meets}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", action="store_true", help="speak both halves (espeak-ng)")
    parser.add_argument("--half", choices=HALVES, default="report")
    parser.add_argument("--limit", type=int, help="only the first N recordings (both languages)")
    parser.add_argument("--misses", action="store_true", help="print what was missed (tune!)")
    args = parser.parse_args()
    if args.build:
        for half in HALVES:
            build(half)
        return 0
    if args.misses and args.half == "report":
        parser.error("the report half's misses are not looked at; tune on --half tune")
    recordings = load(args.half, args.limit)
    heard = [(r, *transcribe(AUDIO_DIR / args.half / r["file"])) for r in recordings]
    planted = sum(len(r["identifiers"]) for r in recordings)
    engine = f"{settings.TESTIMONIO_TRANSCRIPTION_ENGINE} {settings.TESTIMONIO_WHISPER_MODEL}"
    print(f"half: {args.half}, {len(recordings)} recordings, {planted} identifiers, {engine}")
    mine = [(r, words, ours(words, r["listed"], speech)) for r, words, speech in heard]
    report(score([(r, w, baseline(w, r["listed"])) for r, w, _ in heard]), "baseline")
    report(score(mine), "ours")
    if args.misses:
        misses(mine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
