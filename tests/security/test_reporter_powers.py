"""The kinds of hole Wagtail's own security advisories have reported, tried by a reporter.

Reporters may draft pages but not publish them, and may not decide reviews or delete records.
Each attempt below goes through a different admin door to the same forbidden end. The page
used would pass the publication gate (its consent and review are in order), so only the
reporter's permissions stand in the way.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from archive.consent.models import ConsentRecord
from archive.ingest.models import Interview
from archive.testimonies.models import TestimonyPage

from .world import PRIVATE, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path, editor):
    return seed(tmp_path, editor)


def live_summary(page):
    return TestimonyPage.objects.get(pk=page.pk).summary


def public_html(page):
    return Client().get(page.url).content.decode()


def test_bulk_publish_does_not_publish_a_reporters_draft(world, reporter_client):
    page = world.published
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    reporter_client.post(f"{url}?id={page.pk}&id={world.draft.pk}", {})
    assert PRIVATE["unpublished_revision"] not in live_summary(page)
    assert PRIVATE["unpublished_revision"] not in public_html(page)
    assert not Page.objects.get(pk=world.draft.pk).live


def test_copying_with_publish_copies_publishes_nothing(world, reporter_client):
    page = world.published
    reporter_client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": "Copy",
            "new_slug": "copy",
            "new_parent_page": page.get_parent().pk,
            "publish_copies": "on",
        },
    )
    assert not Page.objects.filter(slug="copy", live=True).exists()


def test_a_reporter_cannot_approve_a_review(world, editor, reporter_client):
    page = world.published
    page.get_workflow().start(page, editor)
    state = TestimonyPage.objects.get(pk=page.pk).current_workflow_task_state
    for _ in range(2):
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
        reporter_client.post(url)
    state.refresh_from_db()
    assert state.status == "in_progress"
    assert PRIVATE["unpublished_revision"] not in public_html(page)


def test_reverting_to_a_revision_does_not_let_a_reporter_publish(world, reporter_client):
    page = world.published
    revision = page.get_latest_revision()
    url = reverse("wagtailadmin_pages:revisions_unschedule", args=[page.pk, revision.pk])
    reporter_client.post(url)
    response = reporter_client.get(
        reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk])
    )
    assert b"action-publish" not in response.content
    assert PRIVATE["unpublished_revision"] not in public_html(page)


def test_a_reporter_cannot_delete_interviews_or_consent(world, reporter_client):
    interview = world.published.interview
    consent = ConsentRecord.objects.get(interview=interview)
    reporter_client.post(reverse("wagtailsnippets_ingest_interview:delete", args=[interview.pk]))
    reporter_client.post(reverse("wagtailsnippets_consent_consentrecord:delete", args=[consent.pk]))
    bulk = reverse("wagtail_bulk_action", args=["consent", "consentrecord", "delete"])
    reporter_client.post(f"{bulk}?id={consent.pk}")
    assert Interview.objects.filter(pk=interview.pk).exists()
    assert ConsentRecord.objects.filter(pk=consent.pk).exists()


def test_the_admin_api_shows_no_drafts_to_strangers(world):
    response = Client().get(f"/admin/api/main/pages/{world.draft.pk}/")
    assert response.status_code in (302, 403, 404)
    assert PRIVATE["draft"].lower() not in response.content.decode().lower()
