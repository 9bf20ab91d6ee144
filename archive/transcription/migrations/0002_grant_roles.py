from django.db import migrations

from archive.roles.grants import grant, revoke

GRANTS = {
    # Reporters start transcription and follow it; they read transcripts but do not edit them.
    "Reporters": [
        ("transcription", "transcriptionjob", "add_transcriptionjob"),
        ("transcription", "transcriptionjob", "change_transcriptionjob"),
        ("transcription", "transcriptionjob", "view_transcriptionjob"),
        ("transcription", "transcript", "view_transcript"),
    ],
    "Editors": [
        ("transcription", "transcriptionjob", "add_transcriptionjob"),
        ("transcription", "transcriptionjob", "change_transcriptionjob"),
        ("transcription", "transcriptionjob", "view_transcriptionjob"),
        ("transcription", "transcript", "view_transcript"),
        ("transcription", "transcript", "change_transcript"),
    ],
}


def grant_roles(apps, schema_editor):
    grant(apps, GRANTS)


def revoke_roles(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("transcription", "0001_initial"),
        ("roles", "0001_reporters_and_editors"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
