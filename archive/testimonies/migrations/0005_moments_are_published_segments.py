# Search moments are now the publication's own segments (archive.publication.PublishedSegment).

from django.db import migrations


def forget_indexed_moments(apps, schema_editor):
    """The database search backend keeps its own copy of indexed text: drop the old model's."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    moment = ContentType.objects.filter(app_label="testimonies", model="publishedmoment").first()
    if moment is not None:
        IndexEntry.objects.filter(content_type=moment).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("testimonies", "0004_index_points"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(forget_indexed_moments, migrations.RunPython.noop),
        migrations.DeleteModel(name="PublishedMoment"),
    ]
