import re

import pytest

from archive.transcription.audio import decode_for_whisper

from ..conftest import DEMO_AUDIO

# What the demo recordings say (scripts/make_demo_audio.py), for word error rates.
REFERENCE = {
    "en": (
        "My name is Daniel Ortega Ruiz. I have lived in Fresno, California, for twelve years. "
        "One morning in March, two agents stopped me outside the hardware store. "
        "They said I should call them at five five nine, four two one, eight zero three seven, "
        "with the names of my neighbours, or they would deport me. "
        "That night I told my wife, Rosa, and we decided to tell our story instead."
    ),
    "es": (
        "Me llamo María Elena Castillo. Vivo en Santa Ana, California, desde hace diez años. "
        "Un día pararon a mi hermano Julio en la carretera. "
        "Le dieron un número, el siete uno cuatro, cinco cinco cinco, cero uno nueve dos, "
        "y le dijeron que llamara si veía a alguien sin papeles. "
        "Nunca llamamos. Por eso quiero contar lo que pasó."
    ),
}
DIGITS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "es": ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
}
SPELLING = {"neighbours": "neighbors"}


def normalise(text, language):
    """Lower case, no punctuation, digits read one by one (as the narrators said them)."""
    text = re.sub(r"\d", lambda m: f" {DIGITS[language][int(m.group())]} ", text.lower())
    words = re.sub(r"[^\w\s]", " ", text).split()
    return " ".join(SPELLING.get(word, word) for word in words)


def word_error_rate(hypothesis, language):
    import jiwer

    return jiwer.wer(normalise(REFERENCE[language], language), normalise(hypothesis, language))


@pytest.fixture(scope="session")
def samples():
    return {
        "en": decode_for_whisper(DEMO_AUDIO / "demo-en.ogg"),
        "es": decode_for_whisper(DEMO_AUDIO / "demo-es.ogg"),
    }
