"""Redaction spans: suggesting them, deciding them, and the transcript with them applied."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.transcription.models import Transcript

from .detect import (
    DETECTOR_VERSION,
    Word,
    interview_gazetteer,
    long_numbers,
    suggest,
    term_matches,
    transcript_words,
)
from .matching import Target, letters
from .models import DetectorRun, RedactionSpan, SpanStatus
from .signals import spans_accepted


class InvalidSpan(ValueError):
    pass


def current_transcript(recording):
    """The transcript a recording is published from: its newest complete original-language
    version. Editors correct that one; a new machine run makes a new version to redact."""
    return (
        Transcript.objects.filter(recording=recording, task="transcribe", is_complete=True)
        .order_by("-version")
        .first()
    )


def current_translation(transcript):
    """The newest complete English translation of a transcript, if any."""
    if transcript is None:
        return None
    return transcript.translations.filter(is_complete=True).order_by("-version").first()


def words_of(transcript):
    return transcript_words(transcript.segments.order_by("position"))


def store_suggestions(transcript, revision=None):
    """Run every detector and save what is new as `suggested` spans. What a span an editor made,
    decided (a rejected one included) or gave a replacement holds is not suggested again; the
    rest of a suggestion over it is ("Juárez Número", accepted as a name before the detectors
    knew better, leaves "la avenida … mil 539" to be asked about). Spans an earlier run
    suggested that nobody has touched give way to a new suggestion over them, which then covers
    them too: a newer detector may ask about more of a stretch ("Y en la luna" became "Y en la
    luna la avenida Juárez Número mil 539"), never about less. The run is recorded against the
    transcript's revision: the review cannot be approved without one."""
    words = words_of(transcript)
    untouched = list(transcript.redactions.filter(status=SpanStatus.SUGGESTED, replacement=""))
    existing = list(
        transcript.redactions.exclude(pk__in=[span.pk for span in untouched]).values_list(
            "start", "end"
        )
    )
    superseded = []
    created = []
    gazetteer = interview_gazetteer(transcript.recording.interview)
    for suggestion in suggest(words, gazetteer, transcript.speech):
        for said, start, end, text in _pieces_left(words, suggestion, existing):
            earlier = [span for span in untouched if _overlapping(said, [(span.start, span.end)])]
            untouched = [span for span in untouched if span not in earlier]
            # Its reach over speech past its words stops at a span already there (a stretch
            # marked unheard by an earlier run, say): the words are suggested all the same.
            around = existing + [(span.start, span.end) for span in untouched]
            start = max([start] + [b for _, b in around if b <= said[0]])
            end = min([end] + [a for a, _ in around if a >= said[1]])
            if earlier:
                start = min([start] + [span.start for span in earlier])
                end = max([end] + [span.end for span in earlier])
                text = "".join(word.text for word in words if start <= word.middle <= end).strip()
                superseded += earlier
            created.append(
                RedactionSpan(
                    transcript=transcript,
                    start=start,
                    end=end,
                    text=text,
                    category=suggestion.category,
                    entity=suggestion.entity,
                    source=suggestion.source,
                    reason=suggestion.reason[:255],
                )
            )
            existing.append((start, end))
    with transaction.atomic():
        # Only if still untouched: an editor may have decided one while the detectors ran.
        RedactionSpan.objects.filter(
            pk__in=[span.pk for span in superseded], status=SpanStatus.SUGGESTED, replacement=""
        ).delete()
        RedactionSpan.objects.bulk_create(created)
        DetectorRun.objects.create(
            transcript=transcript,
            revision=revision or transcript.latest_revision,
            detector_version=DETECTOR_VERSION,
            suggested=len(created),
        )
    return created


def _overlapping(said, stretches):
    return any(said[0] < end and start < said[1] for start, end in stretches)


def _pieces_left(words, suggestion, taken):
    """(said, start, end, text) of each run of the suggestion's words that no stretch in `taken`
    holds; its reach over speech only at the suggestion's own ends. Speech with no words is
    suggested whole or not at all."""
    if suggestion.heard:
        if _overlapping(suggestion.heard, taken):
            return []
        return [(suggestion.heard, *suggestion.heard, "")]
    runs = []
    for index in range(suggestion.first, suggestion.last + 1):
        if any(start <= words[index].middle <= end for start, end in taken):
            continue
        if runs and runs[-1][1] == index - 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    pieces = []
    for first, last in runs:
        said = (words[first].start, words[last].end)
        start = suggestion.start(words) if first == suggestion.first else said[0]
        end = suggestion.end(words) if last == suggestion.last else said[1]
        text = "".join(word.text for word in words[first : last + 1]).strip()
        pieces.append((said, start, end, text))
    return pieces


def detectors_ran(transcript):
    """Whether the current detectors ran on the transcript's latest revision."""
    return DetectorRun.objects.filter(
        transcript=transcript,
        revision=transcript.latest_revision,
        detector_version=DETECTOR_VERSION,
    ).exists()


def add_span(transcript, first_word, last_word, category, user, replacement=""):
    """An editor's own span over words `first_word`..`last_word` (indices into the transcript's
    words), accepted at once."""
    words = words_of(transcript)
    if not 0 <= first_word <= last_word < len(words):
        raise InvalidSpan(_("Select words of this transcript."))
    chosen = words[first_word : last_word + 1]
    text = "".join(word.text for word in chosen).strip()
    return RedactionSpan.objects.create(
        transcript=transcript,
        start=chosen[0].start,
        end=chosen[-1].end,
        text=text,
        category=category,
        replacement=replacement.strip()[:80],
        entity=text.lower(),
        status=SpanStatus.ACCEPTED,
        source="editor",
        created_by=user,
        decided_by=user,
        decided_at=timezone.now(),
    )


@transaction.atomic
def decide(spans, status, user):
    interviews = set(spans.values_list("transcript__recording__interview", flat=True))
    changed = spans.update(status=status, decided_by=user, decided_at=timezone.now())
    if changed and status == SpanStatus.ACCEPTED:
        for interview_id in interviews:
            spans_accepted.send(sender=RedactionSpan, interview_id=interview_id)
    return changed


@transaction.atomic
def set_replacement(span, replacement):
    """A pseudonym belongs to the real entity: every span of it in the transcript takes it."""
    replacement = replacement.strip()[:80]
    same_entity = RedactionSpan.objects.filter(transcript=span.transcript_id)
    if span.entity:
        same_entity = same_entity.filter(entity=span.entity)
    else:
        same_entity = same_entity.filter(pk=span.pk)
    same_entity.update(replacement=replacement)


def accepted_spans(transcript):
    return list(transcript.redactions.filter(status=SpanStatus.ACCEPTED))


def redacted_segments(transcript, spans=None, with_words=True):
    """The transcript as the public may read it: every word under an accepted span replaced by
    the span's label (once per span), segment text rebuilt from its words. A segment without
    word timings that touches a span is withheld whole.

    Spans are swept in time order beside the segments, so a two-hour transcript with hundreds
    of spans costs one pass, not segments × spans. Without `with_words`, only the segments a
    span touches have their words loaded (a page shows text; exports want the words)."""
    spans = sorted(accepted_spans(transcript) if spans is None else spans, key=lambda s: s.start)
    fields = ["id", "start", "end", "speaker", "text"] + (["words"] if with_words else [])
    rows = list(transcript.segments.order_by("position").values(*fields))
    first_open = 0
    touched = {}
    for row in rows:
        while first_open < len(spans) and spans[first_open].end <= row["start"]:
            first_open += 1
        touching = []
        for span in spans[first_open:]:
            if span.start >= row["end"]:
                break
            if span.end > row["start"]:
                touching.append(span)
        if touching:
            touched[row["id"]] = touching
    if touched and not with_words:
        words = dict(transcript.segments.filter(id__in=touched).values_list("id", "words"))
        for row in rows:
            if row["id"] in touched:
                row["words"] = words[row["id"]]
    for row in rows:
        segment_id = row.pop("id")
        if segment_id in touched:
            row["text"], row["words"] = _redact(row, touched[segment_id])
        elif not with_words:
            row.pop("words", None)
    return rows


def _redact(row, touching):
    words = row["words"]
    if not words:
        label = touching[0].label if len(touching) == 1 else "[redacted]"
        return label, [[row["start"], row["end"], label, None]]
    kept = []
    last_span = None
    for word_start, word_end, word, probability in words:
        span = next((s for s in touching if s.covers(word_start, word_end)), None)
        if span is None:
            kept.append([word_start, word_end, word, probability])
        elif span is last_span:
            kept[-1][1] = word_end
        else:
            kept.append([word_start, word_end, span.label, None])
        last_span = span
    return " ".join(word[2].strip() for word in kept), kept


def redacted_translation(translation, spans, with_words=True):
    """A translation with the original's redactions applied: by time (the translation covers the
    same audio), wherever a redacted term is read or sounds alike (names survive translation),
    and over any run of 7+ digits. All three are found on the unredacted words, so a number the
    time ranges cut in two is still whole when it is looked for. Labels are the original's."""
    segments = redacted_segments(translation, [], with_words=True)
    untimed = set()
    for segment in segments:
        if not segment["words"]:
            # No word timings (an engine may give none): its words are still read for terms
            # and numbers, and a span anywhere in its time withholds it whole.
            segment["words"] = _spread(segment)
            untimed.add(id(segment))
    places = [(segment, index) for segment in segments for index in range(len(segment["words"]))]
    words = [
        Word(at, w[0], w[1], f" {w[2]}", w[3])
        for at, w in enumerate(segment["words"][index] for segment, index in places)
    ]
    labels = {}
    for word, (segment, _index) in zip(words, places, strict=True):
        if id(segment) in untimed:
            span = next(
                (s for s in spans if s.start < segment["end"] and segment["start"] < s.end), None
            )
        else:
            span = next((s for s in spans if s.covers(word.start, word.end)), None)
        if span is not None:
            labels[word.index] = span.label
    targets = {
        Target.of(span.text, span.label, span.category): span.label
        for span in spans
        if len(letters(span.text)) >= 3
    }
    for first, last, target, _score in term_matches(words, targets):
        for at in range(first, last + 1):
            labels.setdefault(at, targets[target])
    for number in long_numbers(words):
        for at in range(number.first, number.last + 1):
            labels.setdefault(at, "[number]")
    marks = {}
    for at, (segment, _index) in enumerate(places):
        marks.setdefault(id(segment), []).append(labels.get(at))
    for segment in segments:
        segment_marks = marks.get(id(segment), [])
        if any(segment_marks):
            segment["words"] = _relabel(segment["words"], segment_marks)
            segment["text"] = " ".join(word[2].strip() for word in segment["words"])
        if not with_words:
            segment.pop("words")
    return segments


def _spread(segment):
    """A segment's words spread evenly over its time, for segments stored without timings."""
    tokens = segment["text"].split()
    step = (segment["end"] - segment["start"]) / max(len(tokens), 1)
    return [
        [segment["start"] + i * step, segment["start"] + (i + 1) * step, token, None]
        for i, token in enumerate(tokens)
    ]


def _relabel(words, labels):
    """Replace each word that has a label by it, consecutive same labels becoming one."""
    kept, previous = [], None
    for word, label in zip(words, labels, strict=True):
        if label is None:
            kept.append(word)
        elif label == previous:
            kept[-1][1] = word[1]
        else:
            kept.append([word[0], word[1], label, None])
        previous = label
    return kept
