import pytest

from archive.demo.speech import DEMO_SPEECH
from archive.transcription import accuracy
from archive.transcription.audio import decode_for_whisper

from ..conftest import DEMO_AUDIO


def word_error_rate(hypothesis, language):
    return accuracy.word_error_rate(DEMO_SPEECH[language]["text"], hypothesis, language)


@pytest.fixture(scope="session")
def samples():
    return {
        language: decode_for_whisper(DEMO_AUDIO / speech["file"])
        for language, speech in DEMO_SPEECH.items()
    }
