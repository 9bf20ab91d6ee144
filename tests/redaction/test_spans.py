"""What a detector run stores for the editor: every word any detector suggested, once, and
never again what an editor already decided."""

import pytest

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.redaction import spans
from archive.redaction.models import RedactionSpan, SpanStatus
from archive.redaction.spans import decide, store_suggestions
from archive.transcription.models import Segment, Transcript

pytestmark = pytest.mark.django_db

# "… en la avenida Juárez número 1539 buscando a mi hermano", as Whisper heard it.
HEARD = [("Y", 0.33), ("en", 0.36), ("la", 0.50), ("luna", 0.55), ("la", 0.74),
         ("avenida", 0.62), ("Juárez", 0.55), ("Número", 0.78), ("mil", 0.46), ("539", 0.44),
         ("buscando", 0.72), ("a", 0.92), ("mi", 0.86), ("hermano.", 0.99)]  # fmt: skip
WORDS = [[round(i * 0.35, 2), round(i * 0.35 + 0.3, 2), text, probability]
         for i, (text, probability) in enumerate(HEARD)]  # fmt: skip


@pytest.fixture
def transcript(tone):
    interview = Interview.objects.create(title="t", narrator_legal_name="N")
    recording = ingest_recording(tone, interview=interview)
    transcript = Transcript.objects.create(
        recording=recording, version=1, engine="faster-whisper", model="base", language="es",
        is_complete=True,
    )  # fmt: skip
    Segment.objects.create(
        transcript=transcript, position=0, start=0.0, end=WORDS[-1][1],
        text=" ".join(text for text, _ in HEARD), words=WORDS,
    )  # fmt: skip
    return transcript


def earlier_span(transcript, first, last, **fields):
    """A span over words `first`..`last` that an earlier run, or an editor, left there."""
    return RedactionSpan.objects.create(
        transcript=transcript, start=WORDS[first][0], end=WORDS[last][1],
        text=" ".join(text for _, _, text, _ in WORDS[first : last + 1]),
        **{"category": "other", "source": "unsure", **fields},
    )  # fmt: skip


def suggested(transcript):
    return list(
        transcript.redactions.filter(status=SpanStatus.SUGGESTED, replacement="").values_list(
            "category", "text", "start", "end"
        )
    )


def test_a_run_stores_an_address_that_widened_over_words_whisper_doubted(transcript):
    """Whisper doubted "Y en la luna", so it is worth a listen on its own, and the address widens
    over the doubted words before it. Stored one after the other, the first span kept the
    address out, and the editor was asked about "Y en la luna" but not about the street and
    house number. One span now holds them all, as an address."""
    store_suggestions(transcript)
    spans = suggested(transcript)
    assert [(category, text) for category, text, *_ in spans] == [
        ("address", "Y en la luna la avenida Juárez Número mil 539")
    ]
    assert spans[0][2] <= WORDS[5][0] and spans[0][3] >= WORDS[9][1]


def test_a_newer_run_asks_about_more_than_an_earlier_run_s_undecided_suggestion(transcript):
    """An earlier detector version stored "Y en la luna" alone, and nobody has decided it yet:
    the new run's address takes its place, over its time and the address's."""
    earlier = earlier_span(transcript, 0, 3)
    store_suggestions(transcript)
    assert not RedactionSpan.objects.filter(pk=earlier.pk).exists()
    assert [(category, text) for category, text, *_ in suggested(transcript)] == [
        ("address", "Y en la luna la avenida Juárez Número mil 539")
    ]


@pytest.mark.parametrize(
    "decided",
    [
        {"status": SpanStatus.ACCEPTED, "category": "person", "source": "editor"},
        {"status": SpanStatus.REJECTED, "category": "person", "source": "capitalised"},
        {"status": SpanStatus.SUGGESTED, "category": "person", "replacement": "Rosa"},
    ],
)
def test_what_an_editor_decided_stands_and_the_rest_of_a_suggestion_over_it_is_asked(
    transcript, decided
):
    """ "Juárez Número", decided as a name (accepted, rejected, or given a pseudonym) before the
    detectors found the address: that decision stands and is not asked again, and the rest of
    the address, the house number included, is suggested around it."""
    editors = earlier_span(transcript, 6, 7, **decided)
    store_suggestions(transcript)
    editors.refresh_from_db()
    assert (editors.status, editors.text) == (decided["status"], "Juárez Número")
    spans = suggested(transcript)
    assert [text for _, text, *_ in spans] == ["Y en la luna la avenida", "mil 539"]
    assert all(end <= editors.start or start >= editors.end for *_, start, end in spans)


def test_a_suggestion_an_editor_decides_while_the_detectors_run_is_kept(
    transcript, editor, monkeypatch
):
    """The run read "Y en la luna" as untouched, and an editor accepts it before the run saves:
    the editor's decision stays, beside the new address."""
    earlier = earlier_span(transcript, 0, 3)
    detect = spans.suggest

    def suggest_while_an_editor_decides(*args):
        decide(RedactionSpan.objects.filter(pk=earlier.pk), SpanStatus.ACCEPTED, editor)
        return detect(*args)

    monkeypatch.setattr(spans, "suggest", suggest_while_an_editor_decides)
    store_suggestions(transcript)
    earlier.refresh_from_db()
    assert earlier.status == SpanStatus.ACCEPTED
    assert [text for _, text, *_ in suggested(transcript)] == [
        "Y en la luna la avenida Juárez Número mil 539"
    ]
