"""Keeping search's per-moment entries in step with what is published."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, page_unpublished

from .models import PublishedMoment, TestimonyPage


@transaction.atomic
def refresh_moments(page):
    """Replace the page's moments with its published transcript (redacted), or none."""
    PublishedMoment.objects.filter(page=page).delete()
    rows = [
        PublishedMoment(
            page=page,
            position=position,
            start=segment["start"],
            end=segment["end"],
            speaker=segment["speaker"],
            text=segment["text"],
            language=transcript["language"],
        )
        for transcript in page.published_transcripts()
        for position, segment in enumerate(transcript["segments"])
    ]
    for moment in PublishedMoment.objects.bulk_create(rows):
        insert_or_update_object(moment)
    return len(rows)


@receiver(page_published, sender=TestimonyPage)
def index_published_moments(sender, instance, **kwargs):
    refresh_moments(TestimonyPage.objects.get(pk=instance.pk))


@receiver(page_unpublished, sender=TestimonyPage)
def forget_unpublished_moments(sender, instance, **kwargs):
    # Deleting each fires the search backend's delete handler, so nothing stays indexed.
    for moment in PublishedMoment.objects.filter(page=instance):
        moment.delete()
