"""A fictional demo: two testimonies, one in English and one in Spanish.

The recordings in audio/ were spoken by espeak-ng from the texts in scripts/make_demo_audio.py.
Each names a person, a city and a phone number, which stay in the private Interview; the public
pages carry only a pseudonym, a region, a summary, and the redacted transcript and audio.

Loading runs the real pipeline, so the demo shows what the product does: local Whisper
transcribes each recording, a consent record is written, the detectors' suggestions are all
accepted (in the demo only: an editor decides each one), the redacted audio is rendered and
listened to by Whisper, and only if the review finds nothing open is it approved and published
through the gate. Otherwise the page stays a draft and the reasons are printed.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from archive.consent.models import ConsentRecord
from archive.ingest.dates import DatePrecision
from archive.ingest.models import Interview
from archive.ingest.store import AlreadyIngested, ingest_recording
from archive.publication.approval import approve, review
from archive.publication.gate import live_publication, publication_problems
from archive.redaction.derivatives import prepare_interview
from archive.redaction.models import SpanStatus
from archive.redaction.spans import current_transcript, decide, detectors_ran, store_suggestions
from archive.testimonies.models import HomePage, IndexPoint, TestimonyIndexPage, TestimonyPage
from archive.transcription.jobs import run_job, start_job

AUDIO_DIR = Path(__file__).resolve().parent / "audio"

DEMO_USERS = {"admin": None, "editor": "Editors", "reporter": "Reporters"}

TESTIMONIES = [
    {
        "audio": "demo-en.ogg",
        "interview": {
            "title": "Stopped outside the hardware store (demo)",
            "narrator_legal_name": "Daniel Ortega Ruiz",
            "narrator_display_name": "Tomás",
            "narrator_contact": "(559) 421-8037",
            "other_names": ["Rosa Ortega"],
            "places": ["Fresno, California"],
            "interview_place": "Fresno, CA",
            "interview_date": datetime.date(2017, 3, 1),
            "interview_date_precision": DatePrecision.MONTH,
            "languages": ["en"],
            "notes": "Fictional demo interview.",
        },
        "consent": {
            "method": "verbal",
            "verbal_at_seconds": 0.0,
            "given_on": datetime.date(2017, 3, 1),
            "witness": "Demo reporter",
            "form_language": "en",
            "publish_transcript": True,
            "publish_audio": True,
            "name_shown": "pseudonym",
        },
        "page": {
            "title": "Told to inform on his neighbours",
            "slug": "told-to-inform",
            "narrator_display_name": "Tomás",
            "summary": (
                "A man stopped by immigration agents outside a hardware store is told to "
                "report on his neighbours or be deported. He chose to tell his story instead."
            ),
            "place": "Central Valley, California",
            "interview_date": datetime.date(2017, 1, 1),
            "interview_date_precision": DatePrecision.YEAR,
            "languages": ["en"],
            "topics": ["immigration enforcement", "family"],
            "index": [
                (0, "Twelve years in the valley", "Doce años en el valle"),
                (8, "Stopped outside the hardware store", "Parado afuera de la ferretería"),
                (20, "Deciding to tell the story", "La decisión de contar la historia"),
            ],
            "body": [
                (
                    "paragraph",
                    "<p>He had lived in the valley for twelve years when two agents "
                    "stopped him one morning in March.</p>",
                ),
                (
                    "pull_quote",
                    {
                        "quote": "They said I should call them with the names of my "
                        "neighbours, or they would deport me.",
                        "attribution": "Tomás",
                    },
                ),
            ],
        },
    },
    {
        "audio": "demo-es.ogg",
        "interview": {
            "title": "La llamada que nunca hicimos (demo)",
            "narrator_legal_name": "María Elena Castillo",
            "narrator_display_name": "Luz",
            "narrator_contact": "(714) 555-0192",
            "other_names": ["Julio Castillo"],
            "places": ["Santa Ana, California"],
            "interview_place": "Santa Ana, CA",
            "interview_date": datetime.date(2019, 6, 1),
            "interview_date_precision": DatePrecision.MONTH,
            "languages": ["es"],
            "notes": "Entrevista ficticia de demostración.",
        },
        "consent": {
            "method": "verbal",
            "verbal_at_seconds": 0.0,
            "given_on": datetime.date(2019, 6, 1),
            "form_language": "es",
            "publish_transcript": True,
            "publish_audio": True,
            "name_shown": "pseudonym",
            "voice_alteration_required": True,
        },
        "page": {
            "title": "La llamada que nunca hicimos",
            "slug": "la-llamada",
            "narrator_display_name": "Luz",
            "summary": (
                "A su hermano lo pararon en la carretera y le pidieron que denunciara a "
                "vecinos sin papeles. La familia decidió no llamar nunca."
            ),
            "place": "Sur de California",
            "interview_date": datetime.date(2019, 1, 1),
            "interview_date_precision": DatePrecision.YEAR,
            "languages": ["es"],
            "topics": ["familia", "immigration enforcement"],
            "index": [
                (0, "Diez años en el sur de California", "Ten years in Southern California"),
                (6, "Paran a su hermano en la carretera", "Her brother is stopped on the highway"),
                (20, "Nunca llamamos", "We never called"),
            ],
            "body": [
                ("paragraph", "<p>Vive en el sur de California desde hace diez años.</p>"),
                (
                    "pull_quote",
                    {
                        "quote": "Nunca llamamos. Por eso quiero contar lo que pasó.",
                        "attribution": "Luz",
                    },
                ),
            ],
        },
    },
]


def ensure_users():
    """Create or reset the demo users. Returns {username: password}; empty outside development."""
    passwords = settings.TESTIMONIO_DEMO_PASSWORDS
    User = get_user_model()
    for username, group_name in DEMO_USERS.items():
        if username not in passwords:
            continue
        user, _ = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_superuser = user.is_staff = group_name is None
        user.set_password(passwords[username])
        user.save()
        if group_name:
            user.groups.set([Group.objects.get(name=group_name)])
    return {name: passwords[name] for name in DEMO_USERS if name in passwords}


def ensure_site():
    """Replace Wagtail's placeholder welcome page with our HomePage and a browse page."""
    home = HomePage.objects.first()
    if home is None:
        # Deleting the placeholder also deletes the Site that points at it; it is made anew.
        Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
        home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title="Testimonio",
                slug="home",
                introduction="<p>Oral histories of immigration enforcement, told by the people "
                "who lived it and published only as far as they consented.</p>",
            )
        )
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Testimonio",
            },
        )
    index = TestimonyIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=TestimonyIndexPage(title="Testimonies", slug="testimonies"))
        index.save_revision().publish()
    return home, index


def ensure_interview(spec, reporter):
    interview = Interview(reporter=reporter, **spec["interview"])
    try:
        return ingest_recording(AUDIO_DIR / spec["audio"], interview=interview).interview
    except AlreadyIngested as error:
        return error.existing.interview


def ensure_redacted(spec, interview, editor):
    """Transcribe (the detectors run as the job finishes), record consent, redact, render and
    listen."""
    recording = interview.recordings.first()
    if current_transcript(recording) is None:
        run_job(start_job(recording, language=spec["interview"]["languages"][0]).pk)
    consent, _ = ConsentRecord.objects.get_or_create(interview=interview, defaults=spec["consent"])
    transcript = current_transcript(recording)
    if transcript is None:
        return [f"Transcribing {spec['audio']} failed."]
    if not detectors_ran(transcript):  # a demo loaded before the detectors ran by themselves
        store_suggestions(transcript)
    decide(transcript.redactions.filter(status=SpanStatus.SUGGESTED), SpanStatus.ACCEPTED, editor)
    prepare_interview(interview, consent.voice_alteration_required)
    return []


def ensure_testimony(index, spec, interview, editor):
    """The page, approved as the review shows it and published, only if nothing is open."""
    page = TestimonyPage.objects.child_of(index).filter(slug=spec["page"]["slug"]).first()
    if page is None:
        fields = dict(spec["page"])
        topics = fields.pop("topics")
        points = fields.pop("index")
        page = TestimonyPage(interview=interview, live=False, **fields)
        page.topics.add(*topics)
        page.index_points = [
            IndexPoint(time_seconds=seconds, title=title, title_alt=title_alt)
            for seconds, title, title_alt in points
        ]
        index.add_child(instance=page)
        page.save_revision()
    if live_publication(page) is None:
        review_now = review(page)
        if not review_now.approvable:
            return page, [str(problem) for problem in review_now.problems]
        approve(page, editor, review_now.digest)
    problems = publication_problems(page)
    if not page.live and not problems:
        page.get_latest_revision().publish()
        page.refresh_from_db()
    return page, problems


def load_demo():
    """Returns the demo logins, the pages, and why any page could not be published."""
    with transaction.atomic():
        logins = ensure_users()
        _home, index = ensure_site()
    User = get_user_model()
    reporter = User.objects.filter(username="reporter").first()
    editor = User.objects.filter(username="editor").first()
    pages, problems = [], {}
    for spec in TESTIMONIES:
        interview = ensure_interview(spec, reporter)
        review = ensure_redacted(spec, interview, editor)
        page, blocked = ensure_testimony(index, spec, interview, editor)
        pages.append(page)
        if review or blocked:
            problems[page.title] = review or blocked
    return logins, pages, problems
