import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from archive.ingest.models import Interview, Recording
from archive.testimonies.models import TestimonyPage

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicating(settings):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert TestimonyPage.objects.live().count() == 2
    assert Interview.objects.count() == 2
    assert Recording.objects.count() == 2
    assert {p.languages[0] for p in TestimonyPage.objects.all()} == {"en", "es"}
    users = get_user_model().objects
    assert users.get(username="reporter").groups.get().name == "Reporters"
    assert users.get(username="editor").groups.get().name == "Editors"


def test_demo_interviews_hold_a_name_a_city_and_a_phone_for_redaction():
    call_command("load_demo", verbosity=0)
    for interview in Interview.objects.all():
        assert interview.other_names and interview.places and interview.narrator_contact
        assert interview.revisions.count() == 1


def test_outside_development_the_demo_creates_no_users(settings):
    settings.TESTIMONIO_DEMO_PASSWORDS = {}
    call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.exists()
    assert TestimonyPage.objects.count() == 2
