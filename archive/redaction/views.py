import mimetypes
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from archive.ingest.models import Interview, Photo
from archive.ingest.objects import open_stored
from archive.ingest.panels import recordings_tab_url
from archive.ingest.ranges import ranged_file_response
from archive.ingest.views import private_headers
from archive.transcription.models import Transcript
from archive.workers.queueing import enqueue_when_committed

from .matching import letters
from .models import (
    Category,
    Fill,
    PhotoRedaction,
    RedactedAudio,
    RedactedPhoto,
    SpanStatus,
)
from .review import fresh_audio, fresh_photo, review_problems
from .spans import (
    InvalidSpan,
    add_span,
    current_transcript,
    current_translation,
    decide,
    redacted_segments,
    redacted_translation,
    set_replacement,
    store_suggestions,
    words_of,
)
from .tasks import prepare_redacted_media

LISTEN_AROUND_SECONDS = 2.0


def require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def redaction_page(interview_id, anchor=""):
    return reverse("redaction_interview", args=[interview_id]) + anchor


def alter_voice_for(interview):
    """Consent decides whether the voice is altered. Consent is a later stage than redaction,
    so it is read through the reverse relation, not imported."""
    consent = getattr(interview, "consent", None)
    return bool(consent and consent.voice_alteration_required)


def interview_view(request, interview_id):
    require(request, "redaction.view_redactionspan")
    interview = get_object_or_404(Interview, pk=interview_id)
    alter_voice = alter_voice_for(interview)
    recordings = []
    for recording in interview.recordings.order_by("pk"):
        transcript = current_transcript(recording)
        if transcript is None:
            recordings.append({"recording": recording})
            continue
        audio = fresh_audio(recording, alter_voice)
        spans = list(transcript.redactions.select_related("created_by", "decided_by"))
        accepted = [s for s in spans if s.status == SpanStatus.ACCEPTED]
        recordings.append(
            {
                "recording": recording,
                "transcript": transcript,
                "words": word_states(words_of(transcript), spans),
                "spans": spans,
                "unresolved": sum(s.status == SpanStatus.SUGGESTED for s in spans),
                "redacted": redacted_segments(transcript, accepted),
                "translation": redacted_translation(translation, accepted)
                if (translation := current_translation(transcript))
                else None,
                "audio": audio,
                "listen_points": [
                    {
                        "span": span,
                        "from": max(0.0, span.start - LISTEN_AROUND_SECONDS),
                        "to": span.end + LISTEN_AROUND_SECONDS,
                    }
                    for span in accepted
                ],
            }
        )
    photos = [
        {"photo": photo, "rectangles": photo.redactions.all(), "clean": fresh_photo(photo)}
        for photo in interview.photos.order_by("pk")
    ]
    return TemplateResponse(
        request,
        "redaction/interview.html",
        {
            "interview": interview,
            "recordings": recordings,
            "photos": photos,
            "categories": Category.choices,
            "fills": Fill.choices,
            "problems": review_problems(interview, alter_voice),
            "alter_voice": alter_voice,
            "can_edit": request.user.has_perm("redaction.change_redactionspan"),
            "back_url": recordings_tab_url(interview.pk),
        },
    )


def word_states(words, spans):
    """Each word with the status of the span covering it ('accepted' wins), for highlighting.
    Words and spans are both in time order, so one sweep does it."""
    live = sorted((s for s in spans if s.status != SpanStatus.REJECTED), key=lambda s: s.start)
    states = []
    first_open = 0
    for word in words:
        while first_open < len(live) and live[first_open].end < word.start:
            first_open += 1
        covering = set()
        for span in live[first_open:]:
            if span.start > word.end:
                break
            if span.covers(word.start, word.end):
                covering.add(span.status)
        state = SpanStatus.ACCEPTED if SpanStatus.ACCEPTED in covering else next(iter(covering), "")
        states.append((word, state))
    return states


@require_POST
def suggest(request, transcript_id):
    require(request, "redaction.add_redactionspan")
    transcript = get_object_or_404(Transcript.objects.select_related("recording"), pk=transcript_id)
    created = store_suggestions(transcript)
    messages.success(
        request,
        _("%(count)s new suggestion(s). They are aids: read and listen before deciding.")
        % {"count": len(created)},
    )
    return redirect(
        redaction_page(transcript.recording.interview_id, f"#transcript-{transcript.pk}")
    )


def _category(request):
    category = request.POST.get("category", Category.PERSON)
    return category if category in Category.values else Category.PERSON


@require_POST
def add(request, transcript_id):
    require(request, "redaction.add_redactionspan")
    transcript = get_object_or_404(Transcript.objects.select_related("recording"), pk=transcript_id)
    anchor = f"#transcript-{transcript.pk}"
    interview_id = transcript.recording.interview_id
    phrase = request.POST.get("phrase", "").strip()
    try:
        if phrase:
            matches = phrase_positions(words_of(transcript), phrase)
            if not matches:
                raise InvalidSpan(_("“%(phrase)s” is not in the transcript.") % {"phrase": phrase})
            for first, last in matches:
                add_span(transcript, first, last, _category(request), request.user)
            messages.success(
                request, _("Redacted %(count)s occurrence(s).") % {"count": len(matches)}
            )
        else:
            add_span(
                transcript,
                int(request.POST.get("first_word", "")),
                int(request.POST.get("last_word", "")),
                _category(request),
                request.user,
                request.POST.get("replacement", ""),
            )
            messages.success(request, _("Redaction added."))
    except ValueError as error:  # InvalidSpan, or a word index that is not a number
        messages.error(
            request, str(error) if isinstance(error, InvalidSpan) else _("Select words.")
        )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect(redaction_page(interview_id, anchor))


def phrase_positions(words, phrase):
    """Every run of words whose letters spell the phrase (case, accents, punctuation ignored)."""
    wanted = letters(phrase)
    found = []
    for first in range(len(words)):
        spelled = ""
        for last in range(first, len(words)):
            spelled += letters(words[last].text)
            if spelled == wanted:
                found.append((first, last))
                break
            if not wanted.startswith(spelled):
                break
    return found


@require_POST
def decide_spans(request, transcript_id):
    require(request, "redaction.change_redactionspan")
    transcript = get_object_or_404(Transcript.objects.select_related("recording"), pk=transcript_id)
    action = request.POST.get("action")
    spans = transcript.redactions.all()
    if action == "accept-all":
        count = decide(spans.filter(status=SpanStatus.SUGGESTED), SpanStatus.ACCEPTED, request.user)
    elif action in ("accept", "reject"):
        chosen = spans.filter(pk__in=request.POST.getlist("span"))
        status = SpanStatus.ACCEPTED if action == "accept" else SpanStatus.REJECTED
        count = decide(chosen, status, request.user)
    elif action == "rename":
        span = get_object_or_404(spans, pk=request.POST.get("span_id"))
        set_replacement(span, request.POST.get("replacement", ""))
        count = 1
    else:
        count = 0
    messages.success(request, _("%(count)s span(s) updated.") % {"count": count})
    return redirect(
        redaction_page(transcript.recording.interview_id, f"#transcript-{transcript.pk}")
    )


@require_POST
def add_rectangle(request, photo_id):
    require(request, "redaction.add_photoredaction")
    photo = get_object_or_404(Photo, pk=photo_id)
    try:
        box = [float(request.POST.get(name, "")) / 100 for name in ("x", "y", "width", "height")]
    except ValueError:
        messages.error(request, _("Give the rectangle's position and size in percent."))
        return redirect(redaction_page(photo.interview_id, f"#photo-{photo.pk}"))
    x, y, width, height = box
    if not (0 <= x < 1 and 0 <= y < 1 and width > 0 and height > 0):
        messages.error(request, _("The rectangle must lie on the photo."))
    else:
        fill = request.POST.get("fill")
        PhotoRedaction.objects.create(
            photo=photo,
            x=x,
            y=y,
            width=min(width, 1 - x),
            height=min(height, 1 - y),
            fill=fill if fill in Fill.values else Fill.SOLID,
            created_by=request.user,
        )
        messages.success(request, _("Rectangle added."))
    return redirect(redaction_page(photo.interview_id, f"#photo-{photo.pk}"))


@require_POST
def remove_rectangle(request, rectangle_id):
    require(request, "redaction.delete_photoredaction")
    rectangle = get_object_or_404(PhotoRedaction.objects.select_related("photo"), pk=rectangle_id)
    interview_id, photo_id = rectangle.photo.interview_id, rectangle.photo_id
    rectangle.delete()
    messages.success(request, _("Rectangle removed."))
    return redirect(redaction_page(interview_id, f"#photo-{photo_id}"))


@require_POST
def prepare(request, interview_id):
    require(request, "redaction.change_redactionspan")
    interview = get_object_or_404(Interview, pk=interview_id)
    enqueue_when_committed(
        prepare_redacted_media,
        interview.pk,
        alter_voice_for(interview),
        translation.get_language(),
        on_sent=lambda result: messages.success(
            request,
            _(
                "Rendering the redacted audio and photos, then listening to the audio with "
                "Whisper. Reload this page to see the result."
            ),
        ),
        on_unsent=lambda error: messages.error(
            request,
            _(
                "The render could not be started: the task queue did not answer. Nothing was "
                "changed; ask again in a minute, or tell whoever runs the archive."
            ),
        ),
    )
    return redirect(redaction_page(interview.pk, "#final-check"))


DERIVATIVE_KINDS = {"audio": RedactedAudio, "photo": RedactedPhoto}


@require_http_methods(["GET", "HEAD"])
def serve_derivative(request, kind, pk):
    """Redacted files for the people reviewing them; everyone else gets 404."""
    model = DERIVATIVE_KINDS.get(kind)
    if model is None or not request.user.has_perm("redaction.view_redactionspan"):
        raise Http404
    derivative = get_object_or_404(model, pk=pk)
    extension = derivative.file.name.rsplit(".", 1)[-1]
    return private_headers(
        ranged_file_response(
            request,
            partial(open_stored, derivative.file.name),
            size=derivative.size_bytes,
            content_type=mimetypes.guess_type(f"x.{extension}")[0] or "application/octet-stream",
            filename=f"redacted-{kind}-{derivative.pk}.{extension}",
        )
    )
