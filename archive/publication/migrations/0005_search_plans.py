"""Let each database answer a public search from its full-text index instead of walking every
published segment.

PostgreSQL: Wagtail's search backend matches `(title || body) @@ query` and joins its index
entries to the model by `object_id = (id)::varchar(50)`; neither expression had an index (the
table's GIN indexes are on `title` and `body` apart), so a rare word cost a pass over all the
segments (1.9 s at 1,000,000). These two indexes match those expressions exactly; if Wagtail's
queries change shape, searches stay correct and become slow again (benchmarks/scale.py).

SQLite: the planner needs table statistics to run the full-text match first; an archive that
has them from its last approval (`approval.refresh_planner_statistics`) gets them here once."""

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
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("PRAGMA analysis_limit=1000")
        schema_editor.execute("ANALYZE")
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
