"""Two expression indexes that let PostgreSQL answer a public search from the search index
instead of walking every published segment.

Wagtail's PostgreSQL search backend matches `(title || body) @@ query` and joins its index
entries to the model by `object_id = (id)::varchar(50)`: neither expression has an index of
its own (the table's GIN indexes are on `title` and `body` apart), so a rare word cost a pass
over all the segments (1.9 s at 1,000,000). These indexes match those two expressions exactly;
if Wagtail's queries change shape, searches stay correct and become slow again (measured by
benchmarks/scale.py). SQLite's full-text backend does not need them."""

from django.db import migrations

INDEXES = [
    (
        "publication_search_entry_text",
        "wagtailsearch_indexentry USING gin ((title || body))",
    ),
    (
        "publication_segment_id_text",
        "publication_publishedsegment ((((id)::varchar(50))::text))",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _target in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("publication", "0004_grant_review_roles"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
