"""What one detector run stores for the editor: every word any detector suggested, once."""

import pytest

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.redaction.spans import store_suggestions
from archive.transcription.models import Segment, Transcript

pytestmark = pytest.mark.django_db

# "… en la avenida Juárez número 1539 buscando a mi hermano", as Whisper heard it (3429-es).
HEARD = [("Y", 0.33), ("en", 0.36), ("la", 0.50), ("luna", 0.55), ("la", 0.74),
         ("avenida", 0.62), ("Juárez", 0.55), ("Número", 0.78), ("mil", 0.46), ("539", 0.44),
         ("buscando", 0.72), ("a", 0.92), ("mi", 0.86), ("hermano.", 0.99)]  # fmt: skip


def test_a_run_stores_an_address_that_widened_over_words_whisper_doubted(tone):
    """Whisper doubted "Y en la luna", so it is worth a listen on its own, and the address widens
    over the doubted words before it. Stored one after the other, the first span kept the
    address out, and the editor was asked about "Y en la luna" but not about the street and
    house number. One span now holds them all, as an address."""
    interview = Interview.objects.create(title="t", narrator_legal_name="N")
    recording = ingest_recording(tone, interview=interview)
    transcript = Transcript.objects.create(
        recording=recording, version=1, engine="faster-whisper", model="base", language="es",
        is_complete=True,
    )  # fmt: skip
    words = [[round(i * 0.35, 2), round(i * 0.35 + 0.3, 2), text, probability]
             for i, (text, probability) in enumerate(HEARD)]  # fmt: skip
    Segment.objects.create(
        transcript=transcript, position=0, start=0.0, end=words[-1][1],
        text=" ".join(text for text, _ in HEARD), words=words,
    )  # fmt: skip
    store_suggestions(transcript)
    spans = list(transcript.redactions.values_list("category", "text", "start", "end"))
    assert [(category, text) for category, text, *_ in spans] == [
        ("address", "Y en la luna la avenida Juárez Número mil 539")
    ]
    assert spans[0][2] <= words[5][0] and spans[0][3] >= words[9][1]
