import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from archive.demo.content import ensure_users
from archive.ingest.models import Interview, Recording
from archive.testimonies.models import TestimonyPage

from .conftest import readable

pytestmark = pytest.mark.django_db


def test_demo_runs_the_real_pipeline_once_and_publishes_only_redacted_text(client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert TestimonyPage.objects.live().count() == 2
    assert Interview.objects.count() == 2
    assert Recording.objects.count() == 2
    assert {p.languages[0] for p in TestimonyPage.objects.all()} == {"en", "es"}
    users = get_user_model().objects
    assert users.get(username="reporter").groups.get().name == "Reporters"
    assert users.get(username="editor").groups.get().name == "Editors"
    for interview in Interview.objects.all():
        assert interview.other_names and interview.places and interview.narrator_contact
        assert interview.revisions.count() == 1
    for page in TestimonyPage.objects.all():
        html = readable(client.get(page.url).content.decode())
        assert "[name]" in html and "[phone]" in html
        interview = page.interview
        for private in [interview.narrator_legal_name, *interview.other_names]:
            for part in private.split():
                assert part not in html, (page.title, part)
        assert "421" not in html and "0192" not in html
        assert "Contents" in html and page.index_points.count() == 3


def test_outside_development_the_demo_creates_no_users(settings):
    settings.TESTIMONIO_DEMO_PASSWORDS = {}
    assert ensure_users() == {}
    assert not get_user_model().objects.exists()
