"""Editors approve the redaction review (which creates a publication) and record findings that
identify nobody; editors alone change what a consent record allows."""

from django.db import migrations

from archive.roles.grants import grant, revoke

GRANTS = {
    "Editors": [
        ("publication", "publication", "add_publication"),
        ("publication", "publication", "view_publication"),
        ("publication", "notidentifying", "add_notidentifying"),
        ("publication", "notidentifying", "view_notidentifying"),
        ("consent", "consentrecord", "change_consent_scope"),
    ],
}


def grant_roles(apps, schema_editor):
    grant(apps, GRANTS)


def revoke_roles(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("publication", "0003_publications"),
        ("consent", "0003_scope_permission"),
        ("roles", "0001_reporters_and_editors"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
