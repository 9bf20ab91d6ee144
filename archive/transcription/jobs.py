"""The life of a transcription job: queued → running → done | failed | cancelled.

Segments are saved as the engine produces them, so a job whose worker dies keeps its work: once
the worker registry (archive/workers/registry.py) finds the worker gone, the job is queued again
and resumes after its last saved segment. A job is held by one worker at a time: the one that
claimed it; any other stops at its next report.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from wagtail.log_actions import log
from wagtail.users.models import UserProfile

from archive.ingest.encryption import EncryptionError
from archive.ingest.probe import UnreadableMedia
from archive.workers.queueing import enqueue_when_committed
from archive.workers.registry import current_worker_name, live_worker_names

from .audio import decode_for_whisper, voiced_stretches
from .diarization import MAX_GIVEN_SPEAKERS, DiarizationUnavailable, diarize
from .engines import Options, duration_of, get_engine
from .models import ACTIVE_STATUSES, JobStatus, Segment, Transcript, TranscriptionJob
from .signals import transcript_revised
from .tasks import transcribe_recording
from .weights import ModelUnavailable

logger = logging.getLogger(__name__)


class JobCancelled(Exception):
    pass


def start_job(
    recording,
    *,
    engine=None,
    model=None,
    language="",
    task="transcribe",
    user=None,
    then_translate=False,
    translation_of=None,
    diarize=None,
    speakers=None,
):
    """Queue a job. `language` "": the interview's (`interview_language`), else detected;
    `diarize` None: find who speaks when if the recording is longer than
    TESTIMONIO_DIARIZE_LONGER_THAN; `speakers` None: estimate how many."""
    engine = engine or settings.TESTIMONIO_TRANSCRIPTION_ENGINE
    chosen = get_engine(engine)  # an unknown engine is refused before anything is written
    language = language or interview_language(recording, chosen)
    if diarize is None:
        diarize = recording.duration_seconds > settings.TESTIMONIO_DIARIZE_LONGER_THAN
    if speakers is not None and not 2 <= speakers <= MAX_GIVEN_SPEAKERS:
        raise ValueError(f"The number of speakers must be from 2 to {MAX_GIVEN_SPEAKERS}.")
    job = TranscriptionJob.objects.create(
        recording=recording,
        engine=engine,
        model=model or settings.TESTIMONIO_WHISPER_MODEL,
        language=language or "",
        task=task,
        then_translate=then_translate,
        translation_of=translation_of,
        diarize=diarize,
        speakers=speakers if diarize else None,
        duration_seconds=recording.duration_seconds,
        requested_by=user,
    )
    enqueue(job)
    return job


def interview_language(recording, engine):
    """The language to transcribe in when whoever starts the job names none: the interview's,
    when its record lists exactly one that the engine knows ("es-MX" → "es"); otherwise ""
    (Whisper detects it, among `detection_languages`). Whisper's guess goes wrong on accented or
    synthetic speech (it once heard Latin in a Spanish recording) and then garbles every word;
    the reporter already said which language was spoken."""
    listed = recording.interview.languages or []
    known = _whisper_codes(listed, engine)
    return known[0] if len(listed) == 1 and known else ""


def detection_languages(listed, engine):
    """The languages Whisper may detect for an interview whose record lists `listed`: those of
    them the engine knows, or, where the record lists none, the archive's
    (TESTIMONIO_TRANSCRIPTION_LANGUAGES). () lets it choose any: a record that lists only
    languages Whisper was not trained on (Nahuatl) says nothing about which one it should use."""
    return _whisper_codes(listed or settings.TESTIMONIO_TRANSCRIPTION_LANGUAGES, engine)


def _whisper_codes(codes, engine):
    """BCP 47 tags as the engine's language codes, in order, once each, unknown ones left out."""
    primary = (code.split("-")[0].lower() for code in codes)
    return tuple(dict.fromkeys(code for code in primary if engine.knows_language(code)))


def enqueue(job):
    enqueue_when_committed(
        transcribe_recording,
        job.pk,
        on_sent=lambda result: TranscriptionJob.objects.filter(pk=job.pk).update(task_id=result.id),
        on_unsent=lambda error: logger.warning(
            "Transcription job %s is kept and will be sent again by a waiting worker.", job.pk
        ),
    )


def _queue_holds(task_id):
    """Whether the task backend still has this job's task waiting or running; None when the
    backend cannot be asked."""
    try:
        result = transcribe_recording.get_result(task_id)
    except TaskResultDoesNotExist:
        return False
    except Exception:
        logger.warning("The task queue could not be asked about task %s", task_id, exc_info=True)
        return None
    return result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def resend_lost_jobs():
    """Send again the queued jobs no queue holds: never sent (the queue could not be reached
    after the commit) or lost with it (a Redis restarted without its data). Returns how many.

    Jobs younger than TESTIMONIO_RESEND_LOST_AFTER_SECONDS are left alone: their sending may
    still be under way. Sending one twice is harmless, as only one worker can claim it."""
    settled = timezone.now() - datetime.timedelta(
        seconds=settings.TESTIMONIO_RESEND_LOST_AFTER_SECONDS
    )
    resent = 0
    for job in TranscriptionJob.objects.filter(status=JobStatus.QUEUED, created_at__lt=settled):
        held = _queue_holds(job.task_id) if job.task_id else False
        if held is None:
            break  # the queue is not answering: nothing can be sent to it either
        if not held:
            enqueue(job)
            resent += 1
    return resent


def cancel_job(job, user=None):
    changed = TranscriptionJob.objects.filter(pk=job.pk, status__in=ACTIVE_STATUSES).update(
        status=JobStatus.CANCELLED, finished_at=timezone.now()
    )
    if changed:
        log(
            instance=job.recording.interview, action="testimonio.transcription_cancelled", user=user
        )
    return bool(changed)


def retry_job(job, user=None):
    changed = TranscriptionJob.objects.filter(
        pk=job.pk, status__in=(JobStatus.FAILED, JobStatus.CANCELLED)
    ).update(status=JobStatus.QUEUED, error="", finished_at=None, task_id="")
    if changed:
        enqueue(job)
    return bool(changed)


def recover_stale_jobs():
    """Queue again the running jobs whose worker is gone. Returns how many.

    A job held by a registered worker is stale as soon as the registry finds that worker gone,
    however long its segments take; one run outside the registry (a bare `db_worker`) when it
    has not reported for TESTIMONIO_TRANSCRIPTION_STALE_SECONDS."""
    silent_since = timezone.now() - datetime.timedelta(
        seconds=settings.TESTIMONIO_TRANSCRIPTION_STALE_SECONDS
    )
    stale = Q(status=JobStatus.RUNNING) & (
        Q(worker="", heartbeat_at__lt=silent_since)
        | (~Q(worker="") & ~Q(worker__in=live_worker_names()))
    )
    recovered = 0
    for job in TranscriptionJob.objects.filter(stale):
        with transaction.atomic(), translation.override(requester_language(job)):
            if TranscriptionJob.objects.filter(stale, pk=job.pk, worker=job.worker).update(
                status=JobStatus.QUEUED,
                worker="",
                error=_("The worker stopped; resumed automatically."),
            ):
                enqueue(job)
                recovered += 1
    return recovered


def _claim(job_id):
    now = timezone.now()
    claimed = TranscriptionJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        worker=current_worker_name(),
    )
    return TranscriptionJob.objects.select_related("recording").get(pk=job_id) if claimed else None


def _transcript_for(job):
    """The job's own transcript if an earlier attempt began one, else a new version."""
    existing = job.transcripts.first()
    if existing is not None:
        return existing
    with transaction.atomic():
        last = Transcript.objects.filter(recording=job.recording).aggregate(v=Max("version"))["v"]
        return Transcript.objects.create(
            recording=job.recording,
            version=(last or 0) + 1,
            job=job,
            engine=job.engine,
            model=job.model,
            language=job.language,
            task=job.task,
            translation_of=job.translation_of,
        )


def _held(job):
    """The job, if it is still running in the hands of this worker."""
    return TranscriptionJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=job.worker)


def _fail(job, message):
    _held(job).update(status=JobStatus.FAILED, error=message, finished_at=timezone.now())


def requester_language(job):
    """The admin language of whoever started the job: what it writes for people (errors,
    notices) is read on their recording's panel."""
    if job.requested_by is None:
        return settings.LANGUAGE_CODE
    return UserProfile.get_for_user(job.requested_by).preferred_language or settings.LANGUAGE_CODE


def run_job(job_id):
    recover_stale_jobs()
    job = _claim(job_id)
    if job is None:
        return  # cancelled, or already taken by another worker
    with translation.override(requester_language(job)):
        _run(job)


def _run(job):
    transcript = _transcript_for(job)
    done = list(transcript.segments.order_by("position").values_list("end", flat=True))
    resume_at = done[-1] if done else 0.0
    position = len(done)

    def still_wanted(seconds=None):
        progress = {} if seconds is None else {"processed_seconds": seconds}
        updated = _held(job).update(heartbeat_at=timezone.now(), **progress)
        if not updated:
            raise JobCancelled

    def save_segment(segment):
        nonlocal position
        Segment.objects.create(
            transcript=transcript,
            position=position,
            start=round(segment.start, 3),
            end=round(segment.end, 3),
            text=segment.text,
            words=[
                [round(w.start, 3), round(w.end, 3), w.text, w.probability] for w in segment.words
            ],
        )
        position += 1

    try:
        try:
            with job.recording.open_decrypted() as source:
                samples = decode_for_whisper(source)
        except EncryptionError as error:
            raise UnreadableMedia(
                _("The recording could not be read: %(error)s") % {"error": error}
            ) from error
        except Exception as error:  # PyAV raises many kinds; all mean the same to a person
            raise UnreadableMedia(
                _("The recording could not be decoded; it may be damaged. Check the original file.")
            ) from error
        TranscriptionJob.objects.filter(pk=job.pk).update(duration_seconds=duration_of(samples))
        engine = get_engine(job.engine)
        outcome = engine.transcribe(
            samples,
            Options(
                model=job.model,
                language=job.language or None,
                detect_among=detection_languages(job.recording.interview.languages, engine),
                task=job.task,
                start_at=resume_at,
                beam_size=settings.TESTIMONIO_TRANSCRIPTION_BEAM_SIZE,
            ),
            on_segment=save_segment,
            on_progress=still_wanted,
        )
        turns, turns_notice = _turns(job, transcript, samples, outcome, still_wanted)
        speech, speech_notice = _speech(job, samples)
    except JobCancelled:
        return
    except (UnreadableMedia, ModelUnavailable) as error:
        _fail(job, str(error))
        return
    except Exception as error:
        logger.exception("Transcription job %s failed", job.pk)
        _fail(
            job,
            _("Transcription failed unexpectedly (%(kind)s). See the worker log.")
            % {"kind": type(error).__name__},
        )
        return
    notices = [_language_notice(outcome), turns_notice, speech_notice]
    finish(job, transcript, outcome, turns, " ".join(filter(None, notices)), speech)


def _language_notice(outcome):
    """Detection chooses only among the interview's or the archive's languages; when Whisper
    found another likelier, the recording may really be in it, and only a person can tell."""
    if not outcome.passed_over:
        return ""
    return _(
        "Whisper found %(heard)s likelier than %(chosen)s, but it chooses only among the "
        "languages the interview's record lists or, where it lists none, the archive's. If the "
        "recording is in %(heard)s, list that language in the interview's record and transcribe "
        "again."
    ) % {"heard": _language_name(outcome.passed_over), "chosen": _language_name(outcome.language)}


def _language_name(code):
    try:
        return f"{translation.get_language_info(code)['name_translated']} ({code})"
    except KeyError:
        return code


def _speech(job, samples):
    """Where the voice detector heard speech, and a notice if it could not listen: the
    transcript is still worth having, but redaction will not see speech without words."""
    try:
        return voiced_stretches(samples), ""
    except Exception as error:
        logger.exception("The voice detector failed on job %s", job.pk)
        return [], _(
            "The voice detector failed (%(kind)s), so speech Whisper wrote nothing for will not "
            "be suggested for a listen; see the worker log."
        ) % {"kind": type(error).__name__}


def _turns(job, transcript, samples, outcome, still_wanted):
    """The transcript's segments split at speaker turns, or None (not asked for, one voice, or
    the encoder unusable: the transcript is worth having without speakers, so that is a notice
    on a finished job, not a failure)."""
    if not job.diarize:
        return None, ""
    segments = list(
        transcript.segments.order_by("position").values("start", "end", "text", "words")
    )
    language = "en" if job.task == "translate" else outcome.language
    try:
        found = diarize(
            samples, segments, language, job.speakers, on_progress=lambda _at: still_wanted()
        )
    except DiarizationUnavailable as error:
        return None, _("Speakers were not found: %(error)s") % {"error": error}
    except JobCancelled:
        raise
    except Exception as error:
        logger.exception("Diarization of job %s failed", job.pk)
        return None, _("Speakers were not found (%(kind)s); see the worker log.") % {
            "kind": type(error).__name__
        }
    if found.speakers == 1:
        return None, _("One voice was heard; the transcript has no speaker turns.")
    return found.segments, ""


def finish(job, transcript, outcome, turns=None, notice="", speech=()):
    with transaction.atomic():
        if turns is not None:
            # Nobody can have edited an incomplete transcript, so replacing its segments with
            # the same words cut at turns loses nothing; the revision below records the result.
            transcript.segments.all().delete()
            Segment.objects.bulk_create(
                Segment(transcript=transcript, position=position, **turn)
                for position, turn in enumerate(turns)
            )
        transcript.language = "en" if job.task == "translate" else outcome.language
        transcript.model = outcome.model_label
        transcript.is_complete = True
        transcript.speech = list(speech)
        transcript.save()
        revision = transcript.save_revision(user=job.requested_by)
        transcript_revised.send(
            sender=Transcript, transcript=transcript, revision=revision, user=job.requested_by
        )
        finished = _held(job).update(
            status=JobStatus.DONE,
            finished_at=timezone.now(),
            processed_seconds=F("duration_seconds"),
            error="",
            notice=notice,
        )
        if finished and job.then_translate and job.task == "transcribe":
            start_job(
                job.recording,
                engine=job.engine,
                model=job.model,
                language=outcome.language,
                task="translate",
                user=job.requested_by,
                translation_of=transcript,
                diarize=job.diarize,
                speakers=job.speakers,
            )
