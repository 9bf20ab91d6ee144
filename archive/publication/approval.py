"""The Redaction review: the snapshot an editor is shown, the floor no click can skip, and the
approval that freezes the snapshot into a `Publication`.

The snapshot is built from the current private state (transcripts, spans, derivatives, consent)
and the page revision under review. Its digest is shown on the review; approving sends it back,
and an approval of a snapshot that changed since is refused. The floor (`review`) refuses
approval while: consent is not in force; the redaction stage has open questions (undecided
suggestions, detectors not run on the current revision, audio or photos missing, stale or not
clean); or any term of the interview's private record, or any accepted redaction, can be read
in what would be published, or a pattern (long number, e-mail, ID number, date of birth) there
is undecided. An editor may record one occurrence as not identifying (`NotIdentifying`).
"""

import hashlib
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backends
from wagtail.search.index import remove_object

from archive.consent.models import ConsentRecord, NameShown, Part
from archive.redaction.detect import (
    SUSPECT_DIGITS,
    GazetteerEntry,
    Word,
    found_suggestions,
    gazetteer_targets,
    interview_gazetteer,
    long_numbers,
    term_matches,
)
from archive.redaction.matching import Target, letters
from archive.redaction.models import Category, SpanStatus, Verification
from archive.redaction.numbers import spoken_digits
from archive.redaction.review import fresh_audio, fresh_photo, review_problems
from archive.redaction.spans import (
    accepted_spans,
    current_transcript,
    current_translation,
    redacted_segments,
    redacted_translation,
)

from .models import EndReason, NotIdentifying, Publication, PublishedSegment
from .permissions import publication_policy

ANONYMOUS_NAMES = {"", "anonymous", "anónimo", "anónima", "anonimo", "anonima"}
PATTERN_CATEGORIES = {Category.PHONE, Category.EMAIL, Category.ID_NUMBER, Category.DATE_OF_BIRTH}


class PublicationBlocked(ValidationError):
    """Raised where a testimony would be approved or go live without passing the gate."""


def consent_of(interview):
    return ConsentRecord.objects.filter(interview=interview).first() if interview else None


@dataclass
class Finding:
    """One occurrence the floor found in what would be published; an editor may record it as
    not identifying, and the finding then no longer blocks."""

    where: str
    found: str
    term: str
    message: str

    def __str__(self):
        return self.message


@dataclass
class Snapshot:
    """Exactly what an approval would publish."""

    parts: dict
    tracks: list
    audio_files: list
    photo_files: list
    page_text: list
    name_shown: str
    narrator_display_name: str
    voice_altered: bool
    embargo_until: object
    expires_on: object
    consent_revision_id: int | None
    page_revision_id: int | None
    duration_seconds: float

    @property
    def digest(self):
        data = {
            name: getattr(self, name)
            for name in self.__dataclass_fields__
            if name not in ("page_revision_id",)
        }
        encoded = json.dumps(data, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()


@dataclass
class Review:
    snapshot: Snapshot | None
    problems: list = field(default_factory=list)
    decided: list = field(default_factory=list)

    @property
    def approvable(self):
        return self.snapshot is not None and not self.problems

    @property
    def digest(self):
        return self.snapshot.digest if self.snapshot else ""


def reviewed_page(page):
    """The page as it will be published: its latest revision, which the workflow reviews."""
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def page_text(page):
    """Every text of the page a reader can see, by where it is: fields, topics, the story's
    blocks (their searchable text, so no block is rendered here) and the index. Where a text is
    keys an editor's "identifies nobody" decision, so it is not translated."""
    texts = [
        ("title", page.title),
        ("address (slug)", page.slug.replace("-", " ")),
        ("title for search engines", page.seo_title),
        ("search description", page.search_description),
        ("summary", page.summary),
        ("narrator's name as shown", page.narrator_display_name),
        ("place", page.place),
        ("topics", ", ".join(tag.name for tag in page.topics.all())),
    ]
    for number, block in enumerate(page.body, start=1):
        content = block.block.get_searchable_content(block.value)
        texts.append((f"story, block {number}", " ".join(map(str, content))))
    for number, point in enumerate(page.index_points.all(), start=1):
        fields = ["title", "title_alt", "synopsis", "synopsis_alt", "keywords", "keywords_alt"]
        fields += ["subjects", "subjects_alt"]
        texts.append(
            (
                f"index point {number}",
                " ".join(getattr(point, name) for name in fields),
            )
        )
    return [[where, text] for where, text in texts if text and text.strip()]


def _track(recording, transcript, segments):
    return {
        "recording": recording.pk,
        "language": transcript.language if transcript.task == "transcribe" else "en",
        "translation": transcript.task == "translate",
        "machine": not transcript.corrected,
        "segments": [
            {key: segment[key] for key in ("start", "end", "speaker", "text", "words")}
            for segment in segments
        ],
    }


def take_snapshot(page, consent):
    """What approving now would publish: the parts consent allows, each recording's redacted
    transcript (and translation), the clean audio and cleaned photos, the page's text."""
    interview = page.interview
    parts = {part.value: consent.allows(part) for part in Part}
    parts["translation"] = parts[Part.TRANSCRIPT] and consent.translation_allowed
    alter_voice = consent.voice_alteration_required
    tracks, audio_files, duration = [], [], 0.0
    for recording in interview.recordings.order_by("pk"):
        duration += recording.duration_seconds
        transcript = current_transcript(recording)
        if transcript is not None and parts[Part.TRANSCRIPT]:
            spans = accepted_spans(transcript)
            tracks.append(_track(recording, transcript, redacted_segments(transcript, spans)))
            translation = current_translation(transcript) if parts["translation"] else None
            if translation is not None:
                translated = redacted_translation(translation, spans)
                tracks.append(_track(recording, translation, translated))
        if parts[Part.AUDIO]:
            audio = fresh_audio(recording, alter_voice)
            if audio is not None and audio.verification == Verification.CLEAN:
                audio_files.append([audio.pk, audio.duration_seconds])
    photo_files = []
    if parts[Part.PHOTOS]:
        for photo in interview.photos.order_by("pk"):
            clean = fresh_photo(photo)
            photo_files.append(clean.pk if clean else None)
    return Snapshot(
        parts=parts,
        tracks=tracks,
        audio_files=audio_files,
        photo_files=photo_files,
        page_text=page_text(page),
        name_shown=consent.name_shown,
        narrator_display_name=page.narrator_display_name,
        voice_altered=alter_voice,
        embargo_until=consent.embargo_until,
        expires_on=consent.expires_on,
        consent_revision_id=consent.latest_revision_id,
        page_revision_id=page.latest_revision_id,
        duration_seconds=duration,
    )


def private_targets(interview, consent):
    """The private record's terms: its names, places and e-mail contacts; the legal name only
    where consent does not show it."""
    entries = [
        entry
        for entry in interview_gazetteer(interview)
        if consent.name_shown != NameShown.LEGAL or entry.text != interview.narrator_legal_name
    ]
    entries += [
        GazetteerEntry(token, Category.EMAIL)
        for token in interview.narrator_contact.replace(",", " ").split()
        if "@" in token
    ]
    return gazetteer_targets(entries)


def redaction_targets(spans):
    return {
        Target.of(span.text, span.entity or span.text, span.category)
        for span in spans
        if len(letters(span.text)) >= 3
    }


def _words(items):
    """Words (for the detectors) from (where, start, end, text) items."""
    return [
        Word(index, start, end, f" {text.strip()}", None)
        for index, (_where, start, end, text) in enumerate(items)
    ]


def _track_where(track, recording_number, seconds):
    kind = "translation" if track["translation"] else "transcript"
    minutes, whole = divmod(int(seconds), 60)
    return f"{kind} of recording {recording_number} at {minutes}:{whole:02d}"


def _places(tracks, texts):
    """Every readable place of the snapshot as lists of (where, start, end, word) items, grouped
    by where they are read in one stretch: each track's words, its speaker labels, each text
    of the page."""
    numbers = {}
    groups = []
    for track in tracks:
        number = numbers.setdefault(track["recording"], len(numbers) + 1)
        words, speakers = [], []
        for segment in track["segments"]:
            where = _track_where(track, number, segment["start"])
            items = segment["words"] or [[segment["start"], segment["end"], segment["text"], None]]
            words += [(where, w[0], w[1], w[2]) for w in items]
            speakers += [
                ("speaker label", segment["start"], segment["end"], token)
                for token in segment["speaker"].split()
            ]
        groups.append(("track", track, words))
        if speakers:
            groups.append(("speakers", track, speakers))
    for where, text in texts:
        groups.append(("page", None, [(where, 0.0, 0.0, token) for token in text.split()]))
    return groups


def _widest(matches):
    """One match per stretch: where matches of several terms overlap, the widest stands."""
    kept = []
    for first, last, target, _score in sorted(matches, key=lambda m: (m[0], m[0] - m[1])):
        if not any(
            first <= other_last and other_first <= last for other_first, other_last, _t in kept
        ):
            kept.append((first, last, target))
    return kept


def _is_contact_number(words, contact_numbers):
    digits = "".join(part or "" for part in spoken_digits([word.folded for word in words]))
    return len(digits) >= SUSPECT_DIGITS and any(
        digits in number or number in digits for number in contact_numbers
    )


def _found(words, first, last):
    return "".join(word.text for word in words[first : last + 1]).strip()


def floor_findings(interview, consent, tracks, texts):
    """Private terms, accepted redactions and undecided patterns readable in these tracks (a
    snapshot's) and texts (a page's)."""
    private = set(private_targets(interview, consent))
    accepted = []
    rejected = []
    for recording in interview.recordings.all():
        transcript = current_transcript(recording)
        if transcript is not None:
            accepted += accepted_spans(transcript)
            rejected += list(transcript.redactions.filter(status=SpanStatus.REJECTED))
    redacted_terms = redaction_targets(accepted)
    contact_numbers = {
        digits
        for piece in re.split(r"[,;\n]", interview.narrator_contact)
        if len(digits := re.sub(r"\D", "", piece)) >= SUSPECT_DIGITS
    }
    findings = []
    for kind, track, items in _places(tracks, texts):
        words = _words(items)
        # The transcript itself is checked for accepted redactions by the redaction stage.
        targets = private | (redacted_terms if kind != "track" or track["translation"] else set())
        for first, last, target in _widest(term_matches(words, targets)):
            found = _found(words, first, last)
            findings.append(
                Finding(
                    items[first][0],
                    found,
                    target.entity,
                    _("“%(found)s” (%(where)s) reads or sounds like the private “%(term)s”.")
                    % {"found": found, "where": items[first][0], "term": target.entity},
                )
            )
        patterns = [
            (s.first, s.last, s.category)
            for s in found_suggestions(words)
            if s.category in PATTERN_CATEGORIES
        ]
        patterns += [(n.first, n.last, Category.ID_NUMBER) for n in long_numbers(words)]
        seen = set()
        for first, last, category in patterns:
            if (first, last) in seen:
                continue
            seen.add((first, last))
            found = _found(words, first, last)
            if _is_contact_number(words[first : last + 1], contact_numbers):
                findings.append(
                    Finding(
                        items[first][0],
                        found,
                        "narrator's contact",
                        _("“%(found)s” (%(where)s) is the narrator's private phone number.")
                        % {"found": found, "where": items[first][0]},
                    )
                )
                continue
            if kind == "track" and not track["translation"]:
                start, end = words[first].start, words[last].end
                if any(s.start < end and start < s.end for s in rejected):
                    continue  # an editor already decided this stretch is not identifying
            findings.append(
                Finding(
                    items[first][0],
                    found,
                    str(category),
                    _(
                        "“%(found)s” (%(where)s) looks like a %(what)s: redact it, or record that "
                        "it identifies nobody."
                    )
                    % {
                        "found": found,
                        "where": items[first][0],
                        "what": Category(category).label.lower(),
                    },
                )
            )
    return findings


def name_problems(page, consent):
    if (
        consent.name_shown == NameShown.ANONYMOUS
        and page.narrator_display_name.strip().lower() not in ANONYMOUS_NAMES
    ):
        return [_("Consent is for anonymity: show the narrator as “Anonymous”.")]
    return []


def review(page, today=None):
    """The floor: why `page`'s snapshot may not be approved now, and the snapshot itself."""
    interview = page.interview
    if interview is None:
        return Review(None, [_("Link the testimony to its interview.")])
    consent = consent_of(interview)
    if consent is None:
        return Review(None, [_("The interview has no consent record.")])
    problems = [str(problem) for problem in consent.problems(today)]
    if consent.is_withdrawn:
        return Review(None, problems)
    page = reviewed_page(page)
    problems += review_problems(
        interview, consent.voice_alteration_required, parts=consent.allowed_parts
    )
    problems += name_problems(page, consent)
    snapshot = take_snapshot(page, consent)
    decisions = {(d.where, d.found): d for d in NotIdentifying.objects.filter(interview=interview)}
    decided = []
    for finding in floor_findings(interview, consent, snapshot.tracks, snapshot.page_text):
        decision = decisions.get((finding.where, finding.found))
        if decision is None:
            problems.append(finding)
        else:
            decided.append(decision)
    return Review(snapshot, problems, decided)


@transaction.atomic
def approve(page, user, digest):
    """Freeze the reviewed snapshot into the page's publication, ending the one before.
    Refused while the floor finds a problem, or when the snapshot is not the one the editor
    was shown (`digest`)."""
    if user is None or not publication_policy.user_has_permission(user, "add"):
        raise PermissionDenied
    type(page).objects.select_for_update().filter(pk=page.pk).first()
    result = review(page)
    if result.problems:
        raise PublicationBlocked(" ".join(str(problem) for problem in result.problems))
    if digest != result.digest:
        raise PublicationBlocked(
            _("What this review shows changed since you read it: read it again, then approve.")
        )
    return freeze(page, result.snapshot, user)


@transaction.atomic
def freeze(page, snapshot, user):
    """Write `snapshot` as the page's publication, ending the one before. Only `approve` calls
    this in the archive; benchmarks call it to build many publications fast."""
    consent = consent_of(page.interview)
    end_publications(Publication.objects.filter(page=page), EndReason.SUPERSEDED, user)
    publication = Publication.objects.create(
        page=page,
        interview=page.interview,
        consent=consent,
        consent_revision_id=snapshot.consent_revision_id,
        page_revision_id=snapshot.page_revision_id,
        **{name: snapshot.parts[name] for name in ("transcript", "audio", "photos")},
        translation=snapshot.parts["translation"],
        name_shown=snapshot.name_shown,
        narrator_display_name=snapshot.narrator_display_name,
        voice_altered=snapshot.voice_altered,
        embargo_until=snapshot.embargo_until,
        expires_on=snapshot.expires_on,
        tracks=[
            {key: value for key, value in track.items() if key != "segments"}
            for track in snapshot.tracks
        ],
        audio_files=snapshot.audio_files,
        photo_files=snapshot.photo_files,
        duration_seconds=snapshot.duration_seconds,
        digest=snapshot.digest,
        approved_by=user,
    )
    rows = [
        PublishedSegment(
            publication=publication,
            track=number,
            translated=track["translation"],
            position=position,
            language=track["language"],
            **segment,
        )
        for number, track in enumerate(snapshot.tracks)
        for position, segment in enumerate(track["segments"])
    ]
    segments = PublishedSegment.objects.bulk_create(rows)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(PublishedSegment, segments)  # one statement, not one per segment
    refresh_planner_statistics()
    return publication


def refresh_planner_statistics():
    """SQLite plans a search well only with statistics on its tables: without them it ran the
    full-text match once for every index entry (4 s at 100,000 moments, 13 ms with them). An
    approval changes the tables' sizes, so they are measured again, sampled to cost a few
    milliseconds. PostgreSQL's autovacuum keeps its own statistics."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")


def end_publications(publications, reason, user=None):
    """End these publications now: nothing of them is public any more. Their segments leave
    the search index (and, on withdrawal or erasure, the database)."""
    ended = list(publications.current())
    if not ended:
        return []
    Publication.objects.filter(pk__in=[p.pk for p in ended]).update(
        ended_at=timezone.now(), ended_by=user, end_reason=reason
    )
    for segment in PublishedSegment.objects.filter(publication__in=ended):
        if reason in (EndReason.WITHDRAWN, EndReason.ERASED):
            segment.delete()  # the search backend forgets it too
        else:
            remove_object(segment)
    return ended
