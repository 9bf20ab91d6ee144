import pytest
from django.urls import reverse

from archive.ingest.models import Interview

from .conftest import EMPTY_INDEX, approve_testimony, make_site_tree, publishable_interview
from .conftest import draft_testimony as make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return make_site_tree()[1]


def draft_testimony(index, interview=None):
    return make_draft(index, interview, title="Draft story", summary="s")


def edit_post(page, action):
    return {
        "title": page.title,
        "slug": page.slug,
        "narrator_display_name": page.narrator_display_name,
        "summary": page.summary,
        "interview": page.interview_id or "",
        "interview_when": "2017",
        "place": "Fresno",
        "languages": "en",
        "topics": "",
        "body-count": "0",
        **EMPTY_INDEX,
        action: "1",
    }


def test_reporter_can_draft_but_cannot_publish(reporter_client, index):
    page = draft_testimony(index)
    response = reporter_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_post(page, "action-publish")
    )
    page.refresh_from_db()
    assert not page.live
    assert response.status_code in (200, 302, 403)
    saved = reporter_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_post(page, "action-save")
    )
    assert saved.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().place == "Fresno"
    assert not page.live


def test_editor_can_publish(editor_client, editor, index, client, tone):
    page = draft_testimony(index, publishable_interview(tone, editor))
    approve_testimony(page, editor)
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_post(page, "action-publish")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_draft_testimonies_are_not_public(client, index):
    page = draft_testimony(index)
    assert client.get("/testimonies/draft-story/").status_code == 404
    assert "Draft story" not in client.get("/testimonies/").content.decode()
    assert page.pk


def test_no_role_may_delete_interviews_or_alter_originals(reporter, editor):
    for user in (reporter, editor):
        assert user.has_perm("ingest.change_interview")
        for model in ("interview", "recording", "photo"):
            assert not user.has_perm(f"ingest.delete_{model}")
        for original in ("recording", "photo"):
            assert not user.has_perm(f"ingest.change_{original}")


def test_reporter_sees_interviews_in_the_admin(reporter_client):
    Interview.objects.create(title="Kitchen interview", narrator_legal_name="N")
    response = reporter_client.get(reverse("wagtailsnippets_ingest_interview:list"))
    assert response.status_code == 200
    assert "Kitchen interview" in response.content.decode()
