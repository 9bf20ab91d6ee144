"""Every string of ours has its Spanish, the committed catalogues are compiled from it, and an
editor who chooses Spanish for the admin gets it: pages, model and field names, messages and
the admin scripts' strings.

The catalogues are extracted afresh from a copy of the source with Django's makemessages
(Debian's gettext, which `make test` installs), so a string added without its translation fails
here, not in front of a reporter."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from archive.ingest.models import Interview
from archive.ingest.wagtail_hooks import InterviewViewSet

from .conftest import draft_testimony, make_site_tree, publishable_interview

ARCHIVE = Path(__file__).resolve().parent.parent / "archive"
CATALOGUES = ARCHIVE / "locale" / "es" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
MSGID = re.compile(r'^msgid "(.+)"$', re.MULTILINE)


def gettext_tool(name):
    tool = shutil.which(name)
    assert tool, f"{name} is missing: install Debian's gettext (make test does)"
    return tool


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The Spanish catalogues as `make messages` would leave them: the source's strings merged
    with the committed translations, in a copy (the repository is not touched)."""
    copy = tmp_path_factory.mktemp("source") / "archive"
    shutil.copytree(ARCHIVE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    # Without settings, makemessages writes only under the working directory.
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    gettext_tool("xgettext")
    for domain in DOMAINS:
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "--locale", "es", "--domain",
             domain, "--ignore", "settings/*", "--no-obsolete"],
            cwd=copy, env=environment, check=True, capture_output=True,
        )  # fmt: skip
    return copy / "locale" / "es" / "LC_MESSAGES"


def msgids(po_file, *options):
    selected = subprocess.run(
        [gettext_tool("msgattrib"), *options, "--no-wrap", "--no-location", str(po_file)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return MSGID.findall(selected)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_of_ours_has_its_spanish(extracted, domain):
    catalogue = extracted / f"{domain}.po"
    assert msgids(catalogue), "nothing was extracted"
    untranslated = msgids(catalogue, "--untranslated")
    guessed = msgids(catalogue, "--only-fuzzy")
    assert untranslated == [], f"no Spanish yet (run `make messages` and translate): {untranslated}"
    assert guessed == [], f"gettext guessed these; check and unmark them: {guessed}"
    committed = set(msgids(CATALOGUES / f"{domain}.po"))
    assert set(msgids(catalogue)) == committed, "run `make messages`: the catalogue is stale"


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_committed_mo_files_are_compiled_from_the_catalogues(tmp_path, domain):
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(
        [gettext_tool("msgfmt"), "--check", "-o", str(compiled), str(CATALOGUES / f"{domain}.po")],
        check=True,
    )
    with open(compiled, "rb") as fresh, open(CATALOGUES / f"{domain}.mo", "rb") as committed:
        assert (
            gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog
        )


def english_phrases():
    """Our English strings of three words or more whose Spanish differs: any of them in a page
    the admin renders in Spanish is a string that escaped translation."""
    with open(CATALOGUES / "django.mo", "rb") as catalogue:
        translations = gettext.GNUTranslations(catalogue)
    return {
        msgid
        for msgid, msgstr in translations._catalog.items()
        if isinstance(msgid, str) and len(msgid.split()) >= 3 and msgid != msgstr
        and "%" not in msgid and "{" not in msgid
    }  # fmt: skip


def page_text(response):
    assert response.status_code == 200, response
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.django_db
def test_an_editor_s_language_setting_switches_the_admin_to_spanish(editor_client, editor, tone):
    interview = publishable_interview(tone, editor, ["We were told to inform."])
    transcript = interview.recordings.get().transcripts.get()
    _home, index = make_site_tree()
    testimony = draft_testimony(index, interview)
    pages = {
        "testimony page": reverse("wagtailadmin_pages:edit", args=[testimony.pk]),
        "new testimony page": reverse(
            "wagtailadmin_pages:add", args=["testimonies", "testimonypage", index.pk]
        ),
        "interview": reverse("wagtailsnippets_ingest_interview:edit", args=[interview.pk]),
        "interviews": reverse("wagtailsnippets_ingest_interview:list"),
        "consent records": reverse("wagtailsnippets_consent_consentrecord:list"),
        "transcript editor": reverse("transcription_editor", args=[transcript.pk]),
        "redaction": reverse("redaction_interview", args=[interview.pk]),
    }
    english = page_text(editor_client.get(pages["redaction"]))
    assert "Final read and listen" in english, "English until the editor chooses"

    phrases = english_phrases()
    assert len([phrase for phrase in phrases if phrase in english]) >= 5, "the check sees English"

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    spanish = {name: page_text(editor_client.get(url)) for name, url in pages.items()}
    for name, text in spanish.items():
        escaped = sorted(phrase for phrase in phrases if phrase in text)
        assert escaped == [], (name, escaped)
    assert "Grabaciones y fotos" in spanish["interview"]
    assert "nombre legal del narrador" in spanish["interview"].lower()
    assert "Entrevistas" in spanish["interviews"]
    assert "Registros de consentimiento" in spanish["consent records"]
    assert "Comprobé esta transcripción contra el audio" in spanish["transcript editor"]
    assert "Lectura y escucha final" in spanish["redaction"]
    assert "Cuándo, dónde, en qué idiomas" in spanish["testimony page"]
    assert "página de testimonio" in spanish["new testimony page"].lower()
    scripts = editor_client.get(reverse("testimonio_js_catalog")).content.decode()
    # The login page loads the catalogue too: a visitor gets the script, not a redirect.
    for_a_visitor = Client().get(reverse("testimonio_js_catalog"))
    assert for_a_visitor["Content-Type"].startswith("text/javascript")
    assert "Guardando\\u2026" in scripts or "Guardando…" in scripts


@pytest.mark.django_db
@pytest.mark.parametrize("first", ["es", "en"])
def test_links_back_to_an_interview_open_its_recordings_tab_in_either_language(
    editor_client, editor, tone, first
):
    """Wagtail names a tab after its heading once per process; whichever language came first
    used to decide whether the transcript editor's and redaction page's links opened the tab."""
    with translation.override(first):
        bound = InterviewViewSet.edit_handler.bind_to_model(Interview)
    assert bound.child_identifiers == ["interview", "recordings_and_photos"]

    interview = publishable_interview(tone, editor, ["We were told to inform."])
    transcript = interview.recordings.get().transcripts.get()
    profile = UserProfile.get_for_user(editor)
    for language in ("es", "en"):
        profile.preferred_language = language
        profile.save()
        editor_page = editor_client.get(reverse("transcription_editor", args=[transcript.pk]))
        redaction_page = editor_client.get(reverse("redaction_interview", args=[interview.pk]))
        for response in (editor_page, redaction_page):
            back = response.context["back_url"]
            path, anchor = back.split("#")
            interview_page = editor_client.get(path).content.decode()
            assert f'id="{anchor}"' in interview_page, (language, anchor)


class ListeningFails:
    """Whisper failing while it listens to a derivative: what the test is about is the message
    that failure leaves, not the failure."""

    def transcribe(self, samples, options, on_segment, on_progress):
        raise RuntimeError("the engine crashed")


@pytest.mark.django_db
def test_a_render_writes_what_went_wrong_in_the_language_of_the_editor_who_asked(
    editor_client, editor, tone, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The render runs in a worker, which has no admin language of its own; the redaction page
    shows the listening check's error to the editor who asked for it."""
    from archive.redaction import derivatives
    from archive.redaction.models import RedactedAudio
    from archive.redaction.tasks import prepare_redacted_media

    interview = publishable_interview(tone, editor, ["We were told to inform."], redact=True)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TESTIMONIO_TASK_QUEUES,
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("redaction_prepare", args=[interview.pk]))
    assert response.status_code == 302
    [queued] = prepare_redacted_media.get_backend().results

    monkeypatch.setattr(derivatives, "get_engine", lambda name: ListeningFails())
    prepare_redacted_media.call(*queued.args)
    audio = RedactedAudio.objects.get(recording__interview=interview)
    assert audio.error == "La escucha falló (RuntimeError); vea el registro del proceso de trabajo."
    page = page_text(editor_client.get(reverse("redaction_interview", args=[interview.pk])))
    assert "La escucha falló (RuntimeError)" in page
